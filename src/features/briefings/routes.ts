import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { briefingRoutes as auditBriefingRoutes } from './briefing-routes.ts';
import { libraryRoutes } from './library-routes.ts';
import { briefingTemplateRoutes } from './template-routes.ts';
import { termRoutes } from './term-routes.ts';

export function briefingRoutes(app: FastifyInstance, services: Services): Promise<void> {
  briefingTemplateRoutes(app, services);
  auditBriefingRoutes(app, services);
  termRoutes(app, services);
  libraryRoutes(app, services);
  return Promise.resolve();
}
