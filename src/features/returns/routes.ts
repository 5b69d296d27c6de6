import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { page, registerPages } from '../../web/route-table.ts';
import { actionsController } from './pages/actions/controller.ts';
import { checkController } from './pages/check/controller.ts';
import { returnListController } from './pages/list/controller.ts';
import { overallController } from './pages/overall/controller.ts';
import { reopenController } from './pages/reopen/controller.ts';
import { reviewController } from './pages/review/controller.ts';
import { sectionController } from './pages/section/controller.ts';
import { taskListController } from './pages/task-list/controller.ts';

export function returnRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const section = sectionController(services);
  const overall = overallController(services);
  const actions = actionsController(services);
  const check = checkController(services);
  const review = reviewController(services);
  const reopen = reopenController(services);
  const sectionPath = '/returns/:id/sections/:versionId/:sectionKey';
  registerPages(app, [
    page.get('/returns/:id', 'return:read', taskListController(services).get),
    page.get('/my-returns', 'return:edit', returnListController(services).get),
    page.get(sectionPath, 'return:read', section.get),
    page.post(sectionPath, 'return:edit', section.post),
    page.post(`${sectionPath}/autosave`, 'return:edit', section.autosave),
    page.get('/returns/:id/overall', 'return:edit', overall.get),
    page.post('/returns/:id/overall', 'return:edit', overall.post),
    page.get('/returns/:id/actions', 'return:edit', actions.get),
    page.post('/returns/:id/actions', 'return:edit', actions.post),
    page.post('/returns/:id/actions/:actionId/remove', 'return:edit', actions.remove),
    page.get('/returns/:id/check', 'return:edit', check.get),
    page.post('/returns/:id/submit', 'return:edit', check.post),
    page.get('/returns/:id/review', 'return:review', review.get),
    page.post('/returns/:id/review', 'return:review', review.post),
    page.get('/returns/:id/reopen', 'return:reopen', reopen.get),
    page.post('/returns/:id/reopen', 'return:reopen', reopen.post),
  ]);
  return Promise.resolve();
}
