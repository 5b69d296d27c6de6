import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { auditPageRoutes } from './audit-page-routes.ts';
import { planRoutes } from './plan-routes.ts';
import { programmeRoutes } from './programme-routes.ts';
import { themeRoutes } from './theme-routes.ts';

/** The audit programme, planning and changing audits, the audit page and its lifecycle, themes. */
export async function auditRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await programmeRoutes(app, services);
  await themeRoutes(app, services);
  await planRoutes(app, services);
  await auditPageRoutes(app, services);
}
