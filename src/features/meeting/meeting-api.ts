import type { FastifyInstance } from 'fastify';
import { ACTION_STATUSES, type ActionStatus } from '../../domain/action-rag.ts';
import type { Services } from '../../services.ts';
import { actorOf } from '../../web/request-context.ts';
import type { OpenApiDocument } from '../api/openapi.ts';
import { listThemes } from './meeting-repository.ts';

type AuditParams = { Params: { auditId: string } };

/** Findings, themes, recommendations and actions in /api/v1, with the pages' rules. */
export function registerMeetingApi(app: FastifyInstance, services: Services, document: OpenApiDocument): void {
  const { findings, recommendations, actions, db } = services;
  const read = { access: 'audit:read' as const, api: true };

  app.get('/learning-themes', { config: { access: 'signed-in', api: true } }, async (request) => ({ themes: (await listThemes(db, request.user!.partnershipId)).map((t) => ({ id: t.id, code: t.code, label: t.label, active: t.active })) }));

  app.get<AuditParams>('/audits/:auditId/findings', { config: read }, async (request) => {
    const view = await findings.overview(request.user!, request.params.auditId);
    return { findings: view.findings.map((f) => ({ id: f.id, kind: f.kind, acrossCases: f.acrossCases, text: f.text, domain: f.domain, caseIds: f.caseIds, agencyIds: f.agencyIds, themeIds: f.themeIds, version: f.version })) };
  });

  app.get<AuditParams>('/audits/:auditId/recommendations', { config: read }, async (request) => {
    const audit = await recommendations.load(request.user!, request.params.auditId, 'audit:read');
    return { recommendations: (await recommendations.list(audit.id)).map((r) => ({ id: r.id, text: r.text, addressedTo: r.addressed_to, agencyIds: r.agencies.map((a) => a.id), findingIds: r.findings.map((f) => f.id), assuranceRequest: r.assurance_request })) };
  });

  const actionJson = (a: Awaited<ReturnType<typeof actions.plan>>['actions'][number]) => ({
    id: a.id, auditId: a.audit_id, text: a.text, agencyId: a.agency_id, leadUserId: a.lead_user_id, startOn: a.start_on, dueOn: a.due_on, status: a.shownStatus, rag: a.rag,
    evidenceOfCompletion: a.evidence_completion, evidenceOfImpact: a.evidence_impact, reauditOn: a.reaudit_on, version: a.version,
  });

  app.get<AuditParams>('/audits/:auditId/actions', { config: read }, async (request) => ({ actions: (await actions.plan(request.user!, request.params.auditId)).actions.map(actionJson) }));

  app.patch<{ Params: { id: string }; Body: { status?: string; update?: string; evidenceOfCompletion?: string; evidenceOfImpact?: string; version?: number } }>(
    '/actions/:id',
    { config: { access: 'action:update', api: true } },
    async (request, reply) => {
      const body = request.body ?? {};
      const problems: string[] = [];
      if (!body.status || !Object.hasOwn(ACTION_STATUSES, body.status)) problems.push(`status: one of ${Object.keys(ACTION_STATUSES).join(', ')}`);
      if (!body.update?.trim()) problems.push('update: say what has happened since the last update');
      if (!Number.isInteger(body.version)) problems.push('version: the version you started from');
      if (body.status === 'complete' && !body.evidenceOfCompletion?.trim()) problems.push('evidenceOfCompletion: required to complete an action');
      if (problems.length) return reply.code(400).send({ error: { code: 'invalid', message: problems.join('; ') }, correlationId: request.id });
      const result = await actions.update(request.user!, request.params.id, { status: body.status as ActionStatus, text: body.update!.trim(), evidenceCompletion: body.evidenceOfCompletion?.trim() ?? '', evidenceImpact: body.evidenceOfImpact?.trim() ?? '', version: body.version! }, actorOf(request));
      if (result === 'stale') return reply.code(409).send({ error: { code: 'conflict', message: 'The action was updated since that version' }, correlationId: request.id });
      return { status: body.status };
    },
  );

  const uuid = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });
  const errors = { '401': { $ref: '#/components/responses/Unauthorised' }, '404': { $ref: '#/components/responses/NotFound' } };
  document.paths['/learning-themes'] = { get: { summary: 'The partnership’s learning themes', operationId: 'listLearningThemes', responses: { '200': { description: 'Themes' }, ...errors } } };
  for (const [path, summary, operationId] of [
    ['findings', 'An audit’s findings with their cases, agencies and themes', 'listFindings'],
    ['recommendations', 'An audit’s recommendations', 'listRecommendations'],
    ['actions', 'An audit’s action plan with RAG', 'listActions'],
  ] as const) {
    document.paths[`/audits/{auditId}/${path}`] = { get: { summary, operationId, parameters: [uuid('auditId')], responses: { '200': { description: summary }, ...errors } } };
  }
  document.paths['/actions/{id}'] = {
    patch: {
      summary: 'Record progress on an action: its lead or the coordinator (409 if updated since `version`)',
      operationId: 'updateAction',
      parameters: [uuid('id')],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['status', 'update', 'version'], properties: { status: { enum: Object.keys(ACTION_STATUSES) }, update: { type: 'string' }, evidenceOfCompletion: { type: 'string' }, evidenceOfImpact: { type: 'string' }, version: { type: 'integer' } } } } } },
      responses: { '200': { description: 'Updated' }, '400': { $ref: '#/components/responses/BadRequest' }, '409': { description: 'Updated by someone else first' }, ...errors },
    },
  };
}
