import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { actorOf } from '../../web/request-context.ts';
import { packDocx, packPdf } from './pack-documents.ts';

type Params = { Params: { auditId: string } };

export async function packRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { pack } = services;
  const name = (reference: string, ext: string) => `meeting-pack-${reference.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}.${ext}`;

  app.get<Params>('/audits/:auditId/meeting-pack', { config: { access: 'meeting:record' } }, async (request, reply) => {
    const view = await pack.pack(request.user!, request.params.auditId, actorOf(request));
    return reply.view('meeting/pages/pack/view.njk', { pageTitle: 'Meeting pack', ...view, backLink: `/audits/${view.audit.id}` });
  });

  app.get<Params>('/audits/:auditId/meeting-pack.docx', { config: { access: 'meeting:record' } }, async (request, reply) => {
    const view = await pack.pack(request.user!, request.params.auditId, actorOf(request));
    return reply.header('content-disposition', `attachment; filename="${name(view.audit.reference, 'docx')}"`).type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').send(await packDocx(view));
  });

  app.get<Params>('/audits/:auditId/meeting-pack.pdf', { config: { access: 'meeting:record' } }, async (request, reply) => {
    const view = await pack.pack(request.user!, request.params.auditId, actorOf(request));
    return reply.header('content-disposition', `attachment; filename="${name(view.audit.reference, 'pdf')}"`).type('application/pdf').send(await packPdf(view));
  });
}
