import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { NotFound } from '../../../../web/errors.ts';
import { can } from '../../../../domain/authorisation.ts';
import type { ReportFile, ReportFileFormat } from '../../report-render.ts';

type Params = { Params: { auditId: string } };
type TableParams = { Params: { auditId: string; table: string } };

const capitalised = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

/**
 * A download of the report (Word, PDF, HTML, Excel or a table's CSV). With the redaction guard's
 * hits it answers this page, listing them, instead of the file.
 */
export function reportDownloadController({ report }: Services) {
  async function download(request: SignedInRequest, reply: FastifyReply, auditId: string, file: ReportFile) {
    const released = await report.release(request.user, auditId, file, actorOf(request));
    if (released.kind === 'document')
      return reply
        .header('content-disposition', `attachment; filename="${released.document.fileName}"`)
        .type(released.document.contentType)
        .send(released.document.body);
    if (released.kind !== 'blocked') throw new Error('A download is released as a document or refused');
    const list = released.hits.map((h) => ({
      text:
        `${capitalised(h.recordLabel)} may identify someone: ` +
        `“${h.matched.replace(/\s+/g, ' ')}” looks like ${h.kindLabel}`,
      href: `#${h.id}`,
    }));
    return reply.code(422).view('report/pages/blocked/view.njk', {
      pageTitle: 'The report cannot be downloaded yet',
      audit: released.audit,
      hits: released.hits,
      mayReplace: can(request.user, 'audit:manage', { partnershipId: request.user.partnershipId }),
      errors: { list, fields: {} },
      backLink: `/audits/${released.audit.id}/report`,
    });
  }

  const file =
    (format: ReportFileFormat): Controller<Params> =>
    (request, reply) =>
      download(request, reply, request.params.auditId, format);

  const table: Controller<TableParams> = (request, reply) => {
    if (!/^[a-z0-9-]{1,80}$/.test(request.params.table)) throw new NotFound();
    return download(request, reply, request.params.auditId, { csv: request.params.table });
  };

  return { file, table };
}
