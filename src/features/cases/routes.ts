import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { candidateRoutes } from './candidate-routes.ts';
import { casePages } from './case-routes.ts';
import { childRoutes } from './child-routes.ts';
import { identityRoutes } from './identity-routes.ts';
import { importRoutes } from './import-routes.ts';
import { memberRoutes } from './member-routes.ts';
import { selectionRoutes } from './selection-routes.ts';

/**
 * Cases, children, household, identifying details, candidate lists and sampling. Each group is its
 * own encapsulated scope: the identity pages log refusals, the upload page accepts files.
 */
export async function caseRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(async (scope) => casePages(scope, services));
  await app.register(async (scope) => childRoutes(scope, services));
  await app.register(async (scope) => memberRoutes(scope, services));
  await app.register(async (scope) => identityRoutes(scope, services));
  await app.register(async (scope) => candidateRoutes(scope, services));
  await app.register(async (scope) => importRoutes(scope, services));
  await app.register(async (scope) => selectionRoutes(scope, services));
}
