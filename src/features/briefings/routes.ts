import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { briefingRoutes as auditBriefingRoutes } from './briefing-routes.ts';
import { libraryRoutes } from './library-routes.ts';
import { briefingTemplateRoutes } from './template-routes.ts';
import { termRoutes } from './term-routes.ts';

export async function briefingRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await briefingTemplateRoutes(app, services);
  await auditBriefingRoutes(app, services);
  await termRoutes(app, services);
  await libraryRoutes(app, services);
}
