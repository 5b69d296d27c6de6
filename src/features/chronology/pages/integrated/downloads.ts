import type { Services } from '../../../../services.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';
import { chronologyCsv, chronologyDocx, chronologyXlsx } from '../../chronology-export.ts';
import { filterSchema } from './schema.ts';

type Params = {
  Params: { auditId: string; caseId: string };
  Querystring: Record<string, string | string[] | undefined>;
};

const filename = (reference: string, ext: string) =>
  `chronology-${reference.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}.${ext}`;

/** The integrated chronology as the page filters it, downloaded as CSV, Excel or Word. */
export function chronologyDownloadsController({ chronology }: Services) {
  const download =
    (
      ext: 'csv' | 'xlsx' | 'docx',
      type: string,
      body: (view: Awaited<ReturnType<typeof chronology.integrated>>) => string | Promise<Buffer>,
    ): Controller<Params> =>
    async (request, reply) => {
      const { filter } = filterSchema.parse(request.query);
      const { auditId, caseId } = request.params;
      const view = await chronology.integrated(request.user, auditId, caseId, filter, actorOf(request));
      return reply
        .header('content-disposition', `attachment; filename="${filename(view.kase.reference, ext)}"`)
        .type(type)
        .send(await body(view));
    };

  return {
    csv: download('csv', 'text/csv; charset=utf-8', (view) => chronologyCsv(view.entries)),
    xlsx: download('xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', (view) =>
      chronologyXlsx(view.entries, `${view.audit.title}: ${view.kase.reference}`),
    ),
    docx: download('docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', (view) =>
      chronologyDocx(view.entries, `Integrated chronology: ${view.kase.reference}`, view.audit.title),
    ),
  };
}
