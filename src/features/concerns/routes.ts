import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { page, registerPages } from '../../web/route-table.ts';
import { concernListController } from './pages/list/controller.ts';
import { newConcernController } from './pages/new/controller.ts';
import { concernController } from './pages/show/controller.ts';

export function concernRoutes(app: FastifyInstance, services: Services): void {
  const raise = newConcernController(services);
  const concern = concernController(services);
  const list = concernListController(services);
  registerPages(app, [
    page.get('/returns/:id/concerns/new', 'concern:raise', raise.get),
    page.post('/returns/:id/concerns', 'concern:raise', raise.post),
    page.get('/concerns/:id', 'concern:raise', concern.get),
    page.post('/concerns/:id/outcome', 'concern:resolve', concern.post),
    page.get('/audits/:auditId/concerns', 'audit:manage', list.get),
  ]);
}
