import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { page, registerPages } from '../../web/route-table.ts';
import { auditLogRoutes } from '../audit-log/routes.ts';
import { outboxRoutes } from '../mail/routes.ts';
import { agenciesController } from './pages/agencies/controller.ts';
import { agencyController } from './pages/agency/controller.ts';
import { adminIndexController } from './pages/index/controller.ts';
import { settingsController } from './pages/settings/controller.ts';
import { userController } from './pages/user/controller.ts';
import { usersController } from './pages/users/controller.ts';

/** Administration: agencies, people, the partnership's settings, the audit log and the outbox. */
export function adminRoutes(app: FastifyInstance, services: Services): void {
  const agencies = agenciesController(services);
  const agency = agencyController(services);
  const users = usersController(services);
  const user = userController(services);
  const settings = settingsController(services);
  registerPages(app, [
    page.get('/admin', 'admin:users', adminIndexController().get),
    page.get('/admin/agencies', 'admin:agencies', agencies.get),
    page.get('/admin/agencies/new', 'admin:agencies', agency.getNew),
    page.post('/admin/agencies', 'admin:agencies', agency.postNew),
    page.get('/admin/agencies/:id', 'admin:agencies', agency.get),
    page.post('/admin/agencies/:id', 'admin:agencies', agency.post),
    page.get('/admin/users', 'admin:users', users.get),
    page.get('/admin/users/new', 'admin:users', user.getNew),
    page.post('/admin/users', 'admin:users', user.postNew),
    page.get('/admin/users/:id', 'admin:users', user.get),
    page.post('/admin/users/:id', 'admin:users', user.post),
    page.post('/admin/users/:id/invitation', 'admin:users', user.resendInvitation),
    page.get('/admin/settings', 'admin:settings', settings.get),
    page.post('/admin/settings', 'admin:settings', settings.post),
  ]);
  auditLogRoutes(app, services);
  outboxRoutes(app, services);
}
