import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { page, registerPages } from '../../web/route-table.ts';
import { auditLogController } from './pages/list/controller.ts';

/** The audit log for administrators: filtered, paged, exported; viewing it is itself logged. */
export function auditLogRoutes(app: FastifyInstance, services: Services): void {
  const list = auditLogController(services);
  registerPages(app, [
    page.get('/admin/audit-log', 'audit-log:read', list.get),
    page.get('/admin/audit-log.csv', 'audit-log:read', list.csv),
  ]);
}
