import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { page, registerPages } from '../../web/route-table.ts';
import { auditToolsController } from './pages/audit-tools/controller.ts';
import { editTemplateController, importTemplateController } from './pages/edit/controller.ts';
import { templateListController } from './pages/list/controller.ts';
import { templateController } from './pages/show/controller.ts';

/** Audit tools: the partnership's templates, their versions, and the tools each audit uses. */
export async function templateRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const list = templateListController(services);
  const importing = importTemplateController(services);
  const template = templateController(services);
  const edit = editTemplateController(services);
  const tools = auditToolsController(services);
  registerPages(app, [
    page.get('/templates', 'template:manage', list.get),
    page.get('/templates/new', 'template:manage', importing.get),
    page.post('/templates', 'template:manage', importing.post),
    page.get('/templates/:id', 'template:manage', template.get),
    page.get('/templates/:id/export.json', 'template:manage', template.download),
    page.get('/templates/:id/edit', 'template:manage', edit.get),
    page.post('/templates/:id/versions', 'template:manage', edit.post),
    page.get('/audits/:auditId/tools', 'audit:manage', tools.get),
    page.post('/audits/:auditId/tools', 'audit:manage', tools.post),
  ]);
  return Promise.resolve();
}
