import type { FastifyInstance } from 'fastify';
import { ACTION_STATUSES, type ActionStatus } from '../../domain/action-rag.ts';
import type { Services } from '../../services.ts';
import { actorOf } from '../../web/request-context.ts';
import type { OpenApiDocument } from '../api/openapi.ts';
import { readCaseNotes } from '../../domain/meeting-domains.ts';
import { listThemes } from './meeting-repository.ts';

type AuditParams = { Params: { auditId: string } };

/** Findings, themes, recommendations and actions in /api/v1, with the pages' rules. */
export function registerMeetingApi(app: FastifyInstance, services: Services, document: OpenApiDocument): void {
  const { findings, recommendations, actions, caseNotes, db } = services;
  const read = { access: 'audit:read' as const, api: true };

  app.get('/learning-themes', { config: { access: 'signed-in', api: true } }, async (request) => ({
    themes: (await listThemes(db, request.user!.partnershipId)).map((t) => ({
      id: t.id,
      code: t.code,
      label: t.label,
      active: t.active,
    })),
  }));

  app.get<AuditParams>('/audits/:auditId/findings', { config: read }, async (request) => {
    const view = await findings.overview(request.user!, request.params.auditId);
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
  });

  app.get<AuditParams>('/audits/:auditId/recommendations', { config: read }, async (request) => {
    const audit = await recommendations.load(request.user!, request.params.auditId, 'audit:read');
    return {
      recommendations: (await recommendations.list(audit.id)).map((r) => ({
        id: r.id,
        text: r.text,
        addressedTo: r.addressed_to,
        agencyIds: r.agencies.map((a) => a.id),
        findingIds: r.findings.map((f) => f.id),
        assuranceRequest: r.assurance_request,
      })),
    };
  });

  const actionJson = (a: Awaited<ReturnType<typeof actions.plan>>['actions'][number]) => ({
    id: a.id,
    auditId: a.audit_id,
    text: a.text,
    agencyId: a.agency_id,
    leadUserId: a.lead_user_id,
    startOn: a.start_on,
    dueOn: a.due_on,
    status: a.shownStatus,
    rag: a.rag,
    evidenceOfCompletion: a.evidence_completion,
    evidenceOfImpact: a.evidence_impact,
    reauditOn: a.reaudit_on,
    version: a.version,
  });

  app.get<AuditParams>('/audits/:auditId/actions', { config: read }, async (request) => ({
    actions: (await actions.plan(request.user!, request.params.auditId)).actions.map(actionJson),
  }));

  app.patch<{
    Params: { id: string };
    Body: {
      status?: string;
      update?: string;
      evidenceOfCompletion?: string;
      evidenceOfImpact?: string;
      version?: number;
    };
  }>('/actions/:id', { config: { access: 'action:update', api: true } }, async (request, reply) => {
    const body = request.body ?? {};
    const problems: string[] = [];
    if (!body.status || !Object.hasOwn(ACTION_STATUSES, body.status))
      problems.push(`status: one of ${Object.keys(ACTION_STATUSES).join(', ')}`);
    if (!body.update?.trim()) problems.push('update: say what has happened since the last update');
    if (!Number.isInteger(body.version)) problems.push('version: the version you started from');
    if (body.status === 'complete' && !body.evidenceOfCompletion?.trim())
      problems.push('evidenceOfCompletion: required to complete an action');
    if (problems.length)
      return reply
        .code(400)
        .send({ error: { code: 'invalid', message: problems.join('; ') }, correlationId: request.id });
    const result = await actions.update(
      request.user!,
      request.params.id,
      {
        status: body.status as ActionStatus,
        text: body.update!.trim(),
        evidenceCompletion: body.evidenceOfCompletion?.trim() ?? '',
        evidenceImpact: body.evidenceOfImpact?.trim() ?? '',
        version: body.version!,
      },
      actorOf(request),
    );
    if (result === 'stale')
      return reply.code(409).send({
        error: { code: 'conflict', message: 'The action was updated since that version' },
        correlationId: request.id,
      });
    return { status: body.status };
  });

  app.get<AuditParams>('/audits/:auditId/meeting/cases', { config: read }, async (request) => {
    const view = await caseNotes.overview(request.user!, request.params.auditId, actorOf(request));
    return {
      domains: view.domains.map((d) => ({
        toolVersionId: d.toolVersionId,
        sectionKey: d.sectionKey,
        title: d.title,
        scale: d.scale.values.map((v) => ({ value: v.value, label: v.label })),
      })),
      cases: view.notes.map((n) => ({
        caseId: n.caseId,
        reference: n.reference,
        notes: n.notes,
        judgements: n.judgements,
        version: n.version,
      })),
    };
  });

  type CaseNotesBody = { notes?: unknown; judgements?: unknown; version?: unknown };
  app.put<{ Params: { auditId: string; caseId: string }; Body: CaseNotesBody }>(
    '/audits/:auditId/meeting/cases/:caseId',
    { config: { access: 'meeting:record', api: true } },
    async (request, reply) => {
      const { audit, kase, domains } = await caseNotes.forCase(
        request.user!,
        request.params.auditId,
        request.params.caseId,
        'meeting:record',
        actorOf(request),
      );
      const body = request.body ?? {};
      const problems: string[] = [];
      if (typeof body.notes !== 'string') problems.push('notes: text (may be empty)');
      if (!Number.isInteger(body.version))
        problems.push('version: the version you started from (0 before the first save)');
      const form: Record<string, string> = {
        notes: typeof body.notes === 'string' ? body.notes : '',
        version: String(body.version),
      };
      const given = Array.isArray(body.judgements)
        ? (body.judgements as { toolVersionId?: unknown; sectionKey?: unknown; value?: unknown; rationale?: unknown }[])
        : body.judgements === undefined
          ? []
          : null;
      if (!given) problems.push('judgements: a list of { toolVersionId, sectionKey, value, rationale }');
      for (const j of given ?? []) {
        const d = domains.find((x) => x.toolVersionId === j?.toolVersionId && x.sectionKey === j?.sectionKey);
        if (!d) problems.push(`judgements: no domain ${String(j?.sectionKey)} in this audit's tools`);
        else {
          form[d.field] = String(j.value ?? '');
          form[`${d.field}-rationale`] = typeof j.rationale === 'string' ? j.rationale : '';
        }
      }
      const read = readCaseNotes(form, domains);
      if (!read.ok) problems.push(...Object.values(read.errors).map((e) => e.text));
      if (problems.length || !read.ok)
        return reply
          .code(400)
          .send({ error: { code: 'invalid', message: problems.join('; ') }, correlationId: request.id });
      const outcome = await caseNotes.save(request.user!, audit.id, kase.id, read.value, actorOf(request));
      if (outcome.kind === 'conflict')
        return reply.code(409).send({
          error: { code: 'conflict', message: 'Someone else saved this case’s notes since that version' },
          current: {
            notes: outcome.theirs.notes,
            judgements: outcome.theirs.judgements,
            version: outcome.theirs.version,
          },
          correlationId: request.id,
        });
      return { version: read.value.version + 1 };
    },
  );

  const uuid = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });
  const errors = {
    '401': { $ref: '#/components/responses/Unauthorised' },
    '404': { $ref: '#/components/responses/NotFound' },
  };
  document.paths['/learning-themes'] = {
    get: {
      summary: 'The partnership’s learning themes',
      operationId: 'listLearningThemes',
      responses: { '200': { description: 'Themes' }, ...errors },
    },
  };
  for (const [path, summary, operationId] of [
    ['findings', 'An audit’s findings with their cases, agencies and themes', 'listFindings'],
    ['recommendations', 'An audit’s recommendations', 'listRecommendations'],
    ['actions', 'An audit’s action plan with RAG', 'listActions'],
  ] as const) {
    document.paths[`/audits/{auditId}/${path}`] = {
      get: {
        summary,
        operationId,
        parameters: [uuid('auditId')],
        responses: { '200': { description: summary }, ...errors },
      },
    };
  }
  const judgement = {
    type: 'object',
    required: ['toolVersionId', 'sectionKey', 'value'],
    properties: {
      toolVersionId: { type: 'string', format: 'uuid' },
      sectionKey: { type: 'string' },
      value: { type: 'string', description: 'a value of the domain’s scale' },
      rationale: { type: 'string', maxLength: 1000 },
    },
  };
  document.paths['/audits/{auditId}/meeting/cases'] = {
    get: {
      summary: 'The panel’s notes and agreed judgements per case, with the domains and their scales',
      operationId: 'listMeetingCaseNotes',
      parameters: [uuid('auditId')],
      responses: { '200': { description: 'Domains and cases' }, ...errors },
    },
  };
  document.paths['/audits/{auditId}/meeting/cases/{caseId}'] = {
    put: {
      summary:
        'Save the panel’s notes and agreed judgements for one case: the coordinator or panel (409 if saved since `version`; 0 before the first save)',
      operationId: 'saveMeetingCaseNotes',
      parameters: [uuid('auditId'), uuid('caseId')],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['notes', 'version'],
              properties: {
                notes: { type: 'string', maxLength: 20000 },
                judgements: { type: 'array', items: judgement },
                version: { type: 'integer' },
              },
            },
          },
        },
      },
      responses: {
        '200': { description: 'Saved; the new version' },
        '400': { $ref: '#/components/responses/BadRequest' },
        '409': { description: 'Saved by someone else first; the current notes' },
        ...errors,
      },
    },
  };
  document.paths['/actions/{id}'] = {
    patch: {
      summary: 'Record progress on an action: its lead or the coordinator (409 if updated since `version`)',
      operationId: 'updateAction',
      parameters: [uuid('id')],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['status', 'update', 'version'],
              properties: {
                status: { enum: Object.keys(ACTION_STATUSES) },
                update: { type: 'string' },
                evidenceOfCompletion: { type: 'string' },
                evidenceOfImpact: { type: 'string' },
                version: { type: 'integer' },
              },
            },
          },
        },
      },
      responses: {
        '200': { description: 'Updated' },
        '400': { $ref: '#/components/responses/BadRequest' },
        '409': { description: 'Updated by someone else first' },
        ...errors,
      },
    },
  };
}
