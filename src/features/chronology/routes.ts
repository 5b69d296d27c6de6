import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { chronologyEntryRoutes } from './entry-routes.ts';
import { chronologyImportRoutes } from './import-routes.ts';
import { chronologyIntegratedRoutes } from './integrated-routes.ts';

export async function chronologyRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await chronologyEntryRoutes(app, services);
  await chronologyIntegratedRoutes(app, services);
  await app.register(async (scope) => chronologyImportRoutes(scope, services));
}
