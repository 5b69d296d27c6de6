import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { page, registerPages } from '../../web/route-table.ts';
import { actionController } from './pages/action/controller.ts';
import { evidenceController } from './pages/action/evidence-controller.ts';
import { actionFormController } from './pages/form/controller.ts';
import { planController } from './pages/plan/controller.ts';
import { trackerController } from './pages/tracker/controller.ts';

/** The action plan of each audit, each action's page and evidence, and the tracker across audits. */
export async function actionRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const plan = planController(services);
  const form = actionFormController(services);
  const action = actionController(services);
  const tracker = trackerController(services);
  registerPages(app, [
    page.get('/audits/:auditId/actions', 'audit:read', plan.get),
    page.get('/audits/:auditId/actions/new', 'meeting:record', form.get),
    page.post('/audits/:auditId/actions', 'meeting:record', form.post),
    page.get('/actions/:id', 'action:read', action.get),
    page.post('/actions/:id', 'action:update', action.post),
    page.get('/actions', 'tracker:read', tracker.get),
    page.get('/actions.csv', 'tracker:read', tracker.csv),
    page.get('/actions.xlsx', 'tracker:read', tracker.xlsx),
    page.get('/my-actions', 'action:update', tracker.mine),
  ]);
  await app.register(async (scope) => evidenceRoutes(scope, services));
}

/** Evidence uploads are multipart, in their own scope; the file is read only up to the limit. */
async function evidenceRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const evidence = evidenceController(services);
  await app.register(fastifyMultipart, {
    limits: { fileSize: services.actionEvidence.maxBytes, files: 1, fields: 2, parts: 3 },
  });
  // The CSRF token of a multipart form travels in the query string, checked before the file is read.
  app.addHook('preValidation', (request, _reply, done) => {
    if (request.isMultipart()) request.body = { _csrf: (request.query as Record<string, unknown>)._csrf };
    done();
  });
  registerPages(app, [
    page.post('/actions/:id/evidence', 'action:update', evidence.upload),
    page.get('/actions/:id/evidence/:evidenceId', 'action:read', evidence.download),
    page.post('/actions/:id/evidence/:evidenceId/delete', 'action:update', evidence.remove),
  ]);
}
