import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { page, registerPages } from '../../web/route-table.ts';
import { editAuditController, newAuditController } from './pages/edit/controller.ts';
import { programmeController } from './pages/programme/controller.ts';
import { auditController } from './pages/show/controller.ts';
import { themeEditController } from './pages/theme-edit/controller.ts';
import { themesController } from './pages/themes/controller.ts';

/** The audit programme, planning and changing audits, the audit page and its lifecycle, themes. */
export async function auditRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const programme = programmeController(services);
  const themes = themesController(services);
  const themeEdit = themeEditController(services);
  const plan = newAuditController(services);
  const edit = editAuditController(services);
  const audit = auditController(services);
  registerPages(app, [
    page.get('/audits', 'audit:read', programme.get),
    page.get('/audits/themes', 'audit-theme:manage', themes.get),
    page.post('/audits/themes', 'audit-theme:manage', themes.post),
    page.get('/audits/themes/:themeId/edit', 'audit-theme:manage', themeEdit.get),
    page.post('/audits/themes/:themeId/edit', 'audit-theme:manage', themeEdit.post),
    page.post('/audits/themes/:themeId/active', 'audit-theme:manage', themes.setActive),
    page.get('/audits/new', 'audit:manage', plan.get),
    page.post('/audits', 'audit:manage', plan.post),
    page.get('/audits/:auditId/edit', 'audit:manage', edit.get),
    page.post('/audits/:auditId/edit', 'audit:manage', edit.post),
    page.get('/audits/:auditId', 'audit:read', audit.get),
    page.post('/audits/:auditId/status', 'audit:manage', audit.post),
  ]);
  return Promise.resolve();
}
