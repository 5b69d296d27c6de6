import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { auditLogRoutes } from '../audit-log/routes.ts';
import { outboxRoutes } from '../mail/routes.ts';
import { agencyRoutes } from './agencies-routes.ts';
import { settingsRoutes } from './settings-routes.ts';
import { userRoutes } from './users-routes.ts';

export async function adminRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get('/admin', { config: { access: 'admin:users' } }, async (_request, reply) =>
    reply.view('admin/pages/index/view.njk', { pageTitle: 'Administration' }),
  );
  await agencyRoutes(app, services);
  await userRoutes(app, services);
  await settingsRoutes(app, services);
  await auditLogRoutes(app, services);
  await outboxRoutes(app, services);
}
