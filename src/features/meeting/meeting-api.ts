import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { RECOMMENDATION_KINDS } from '../../domain/recommendation-kinds.ts';
import type { Services } from '../../services.ts';
import { actionApi } from '../actions/action-api.ts';
import { apiRoute, registerApi } from '../api/api-route.ts';
import type { OpenApiDocument } from '../api/openapi.ts';
import { caseNotesApi } from './case-notes-api.ts';

const auditParams = z.object({ auditId: z.guid().describe('The audit') });

const themes = z.object({
  themes: z.array(z.object({ id: z.guid(), code: z.string(), label: z.string(), active: z.boolean() })),
});

const findings = z.object({
  findings: z.array(
    z.object({
      id: z.guid(),
      kind: z.enum(['strength', 'development']),
      acrossCases: z.boolean(),
      text: z.string(),
      domain: z.string(),
      caseIds: z.array(z.guid()),
      agencyIds: z.array(z.guid()),
      themeIds: z.array(z.guid()),
      version: z.number().int(),
    }),
  ),
});

const recommendations = z.object({
  recommendations: z.array(
    z.object({
      id: z.guid(),
      text: z.string(),
      addressedTo: z.enum(['partnership', 'all_agencies', 'agencies']),
      agencyIds: z.array(z.guid()),
      findingIds: z.array(z.guid()),
      assuranceRequest: z.boolean(),
      kind: z
        .enum(RECOMMENDATION_KINDS)
        .nullable()
        .describe('What kind of change it asks for; null when it was recorded without one (“Not stated”)'),
    }),
  ),
});

/** Findings, themes, recommendations, case notes and actions in /api/v1, with the pages' rules. */
export function registerMeetingApi(app: FastifyInstance, services: Services, document: OpenApiDocument): void {
  registerApi(app, document, [
    apiRoute({
      method: 'GET',
      url: '/learning-themes',
      access: 'signed-in',
      operationId: 'listLearningThemes',
      summary: 'The partnership’s learning themes',
      responses: { '200': { description: 'Themes', schema: themes } },
      handler: async ({ user }) => ({
        themes: (await services.learningThemes.list(user)).map((t) => ({
          id: t.id,
          code: t.code,
          label: t.label,
          active: t.active,
        })),
      }),
    }),
    apiRoute({
      method: 'GET',
      url: '/audits/:auditId/findings',
      access: 'audit:read',
      operationId: 'listFindings',
      summary: 'An audit’s findings with their cases, agencies and themes',
      params: auditParams,
      responses: { '200': { description: 'Findings', schema: findings } },
      handler: async ({ user, params }) => {
        const view = await services.findings.overview(user, params.auditId);
        return {
          findings: view.findings.map((f) => ({
            id: f.id,
            kind: f.kind,
            acrossCases: f.acrossCases,
            text: f.text,
            domain: f.domain,
            caseIds: f.caseIds,
            agencyIds: f.agencyIds,
            themeIds: f.themeIds,
            version: f.version,
          })),
        };
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/audits/:auditId/recommendations',
      access: 'audit:read',
      operationId: 'listRecommendations',
      summary: 'An audit’s recommendations',
      params: auditParams,
      responses: { '200': { description: 'Recommendations', schema: recommendations } },
      handler: async ({ user, params }) => {
        const { items } = await services.recommendations.overview(user, params.auditId);
        return {
          recommendations: items.map((r) => ({
            id: r.id,
            text: r.text,
            addressedTo: r.addressed_to,
            agencyIds: r.agencies.map((a) => a.id),
            findingIds: r.findings.map((f) => f.id),
            assuranceRequest: r.assurance_request,
            kind: r.kind,
          })),
        };
      },
    }),
    apiRoute({
      method: 'DELETE',
      url: '/audits/:auditId/recommendations/:id',
      access: 'meeting:record',
      operationId: 'removeRecommendation',
      summary: 'Remove a recommendation no action answers (409, with the actions, while one does)',
      params: auditParams.extend({ id: z.guid().describe('The recommendation') }),
      responses: {
        '204': { description: 'Removed' },
        '409': { description: 'An action of the plan answers it' },
      },
      handler: async ({ user, actor, params, request, reply }) => {
        const { audit, actions } = await services.recommendations.forRemoval(user, params.auditId, params.id);
        if ((await services.recommendations.remove(audit, params.id, actor)) === 'removed')
          return reply.code(204).send();
        return reply.code(409).send({
          error: {
            code: 'in-use',
            message: 'Actions of the plan answer this recommendation: change or remove them first',
          },
          actionIds: actions.map((a) => a.id),
          correlationId: request.id,
        });
      },
    }),
    ...caseNotesApi(services, auditParams),
    ...actionApi(services, auditParams),
  ]);
}
