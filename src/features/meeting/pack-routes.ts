import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../services.ts';
import { actorOf } from '../../web/request-context.ts';
import { agreedRows } from './case-notes-routes.ts';
import { packDocx, packPdf } from './pack-documents.ts';

type Params = { Params: { auditId: string } };

export async function packRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { pack, caseNotes } = services;
  /** The pack with the panel's notes and agreed judgements for each case, as recorded so far. */
  const full = async (request: FastifyRequest<Params>) => {
    const view = await pack.pack(request.user!, request.params.auditId, actorOf(request));
    const [domains, notes] = await caseNotes.forPack(view.audit);
    return {
      ...view,
      cases: view.cases.map((c) => {
        const note = notes.find((n) => n.caseId === c.id);
        return { ...c, panelNotes: note?.notes ?? '', agreed: note ? agreedRows(note, domains) : [] };
      }),
    };
  };
  const name = (reference: string, ext: string) =>
    `meeting-pack-${reference.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}.${ext}`;

  app.get<Params>('/audits/:auditId/meeting-pack', { config: { access: 'meeting:record' } }, async (request, reply) => {
    const view = await full(request);
    return reply.view('meeting/pages/pack/view.njk', {
      pageTitle: 'Meeting pack',
      ...view,
      backLink: `/audits/${view.audit.id}`,
    });
  });

  app.get<Params>(
    '/audits/:auditId/meeting-pack.docx',
    { config: { access: 'meeting:record' } },
    async (request, reply) => {
      const view = await full(request);
      return reply
        .header('content-disposition', `attachment; filename="${name(view.audit.reference, 'docx')}"`)
        .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .send(await packDocx(view));
    },
  );

  app.get<Params>(
    '/audits/:auditId/meeting-pack.pdf',
    { config: { access: 'meeting:record' } },
    async (request, reply) => {
      const view = await full(request);
      return reply
        .header('content-disposition', `attachment; filename="${name(view.audit.reference, 'pdf')}"`)
        .type('application/pdf')
        .send(await packPdf(view));
    },
  );
}
