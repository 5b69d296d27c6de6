import type { Services } from '../../../../services.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';
import { packDocx, packPdf } from '../../pack-documents.ts';

type Params = { Params: { auditId: string } };

const fileName = (reference: string, ext: string) =>
  `meeting-pack-${reference.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}.${ext}`;

/** The meeting pack: on the page, and as Word and PDF to take into the meeting. */
export function packController({ pack }: Services) {
  const get: Controller<Params> = async (request, reply) => {
    const view = await pack.withPanelNotes(request.user, request.params.auditId, actorOf(request));
    return reply.view('meeting/pages/pack/view.njk', {
      pageTitle: 'Meeting pack',
      ...view,
      backLink: `/audits/${view.audit.id}`,
    });
  };

  const docx: Controller<Params> = async (request, reply) => {
    const view = await pack.withPanelNotes(request.user, request.params.auditId, actorOf(request));
    return reply
      .header('content-disposition', `attachment; filename="${fileName(view.audit.reference, 'docx')}"`)
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .send(await packDocx(view));
  };

  const pdf: Controller<Params> = async (request, reply) => {
    const view = await pack.withPanelNotes(request.user, request.params.auditId, actorOf(request));
    return reply
      .header('content-disposition', `attachment; filename="${fileName(view.audit.reference, 'pdf')}"`)
      .type('application/pdf')
      .send(await packPdf(view));
  };

  return { get, docx, pdf };
}
