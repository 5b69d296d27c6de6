import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { caseNotesRoutes } from './case-notes-routes.ts';
import { findingRoutes } from './finding-routes.ts';
import { packRoutes } from './pack-routes.ts';
import { recommendationRoutes } from './recommendation-routes.ts';
import { recordRoutes } from './record-routes.ts';
import { learningThemeRoutes } from './theme-routes.ts';

export async function meetingRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await findingRoutes(app, services);
  await recommendationRoutes(app, services);
  await packRoutes(app, services);
  await recordRoutes(app, services);
  await learningThemeRoutes(app, services);
  await caseNotesRoutes(app, services);
}
