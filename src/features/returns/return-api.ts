import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { actorOf } from '../../web/request-context.ts';
import type { OpenApiDocument } from '../api/openapi.ts';

type SectionParams = { Params: { id: string; versionId: string; sectionKey: string } };
type SectionBody = {
  version?: number;
  mode?: 'complete' | 'draft';
  answers?: Record<string, string>;
  evidence?: Record<string, string>;
  workedWell?: string;
  areasForDevelopment?: string;
};

/** Returns in /api/v1, with the same visibility, validation, concurrency and audit log as the pages. */
export function registerReturnApi(app: FastifyInstance, services: Services, document: OpenApiDocument): void {
  const { returns } = services;

  app.get<{ Params: { id: string } }>(
    '/returns/:id',
    { config: { access: 'return:read', api: true } },
    async (request) => {
      const view = await returns.view(request.user!, request.params.id, actorOf(request));
      return {
        id: view.row.id,
        auditId: view.row.auditId,
        caseReference: view.row.caseReference,
        agency: { id: view.row.agencyId, name: view.row.agencyName },
        status: view.row.status,
        version: view.row.version,
        overall: { grade: view.row.overallGrade, rationale: view.row.overallRationale },
        auditor: { name: view.row.auditorName, role: view.row.auditorRole },
        sections: view.sections.map(({ tool, section }) => {
          const state = view.states.find((s) => s.templateVersionId === tool.id && s.sectionKey === section.key);
          return {
            templateVersionId: tool.id,
            key: section.key,
            title: section.title,
            status: state?.status ?? 'not_started',
            version: state?.version ?? 0,
            workedWell: state?.workedWell ?? '',
            areasForDevelopment: state?.areasForDevelopment ?? '',
            answers: view.answers
              .filter((a) => a.templateVersionId === tool.id && section.questions.some((q) => q.key === a.questionKey))
              .map((a) => ({ question: a.questionKey, answer: a.answer, evidence: a.evidence })),
          };
        }),
        actions: view.actions.map((a) => ({ action: a.action, owner: a.owner, dueOn: a.due_on })),
      };
    },
  );

  app.put<SectionParams & { Body: SectionBody }>(
    '/returns/:id/sections/:versionId/:sectionKey',
    { config: { access: 'return:edit', api: true } },
    async (request, reply) => {
      const body = request.body ?? {};
      if (!Number.isInteger(body.version))
        return reply.code(400).send({
          error: {
            code: 'invalid',
            message: 'version: send the section version you started from (0 if never saved)',
          },
          correlationId: request.id,
        });
      const outcome = await returns.saveSection(
        request.user!,
        {
          returnId: request.params.id,
          templateVersionId: request.params.versionId,
          sectionKey: request.params.sectionKey,
          expectedVersion: body.version!,
          mode: body.mode === 'draft' ? 'draft' : 'complete',
          posted: {
            answers: body.answers ?? {},
            evidence: body.evidence ?? {},
            workedWell: body.workedWell ?? '',
            areasForDevelopment: body.areasForDevelopment ?? '',
          },
        },
        actorOf(request),
      );
      if (outcome.kind === 'saved') return { version: outcome.version, complete: outcome.complete };
      if (outcome.kind === 'invalid')
        return reply.code(400).send({
          error: {
            code: 'invalid',
            message: Object.values(outcome.errors)
              .map((e) => e.text)
              .join('; '),
            fields: outcome.errors,
          },
          correlationId: request.id,
        });
      if (outcome.kind === 'locked')
        return reply.code(409).send({
          error: { code: 'locked', message: 'The return has been submitted or signed off' },
          correlationId: request.id,
        });
      return reply.code(409).send({
        error: { code: 'conflict', message: 'Someone else saved this section first' },
        current: outcome.theirs,
        correlationId: request.id,
      });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/returns/:id/submit',
    { config: { access: 'return:edit', api: true } },
    async (request, reply) => {
      const result = await returns.submit(request.user!, request.params.id, actorOf(request));
      if (!result.ok)
        return reply.code(400).send({
          error: { code: 'not_ready', message: result.missing.join('; ') },
          missing: result.missing,
          correlationId: request.id,
        });
      return { status: 'submitted' };
    },
  );

  const errors = {
    '400': { $ref: '#/components/responses/BadRequest' },
    '401': { $ref: '#/components/responses/Unauthorised' },
    '404': { $ref: '#/components/responses/NotFound' },
  };
  const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  document.paths['/returns/{id}'] = {
    get: {
      summary: 'An agency return (the read is audit-logged)',
      operationId: 'getReturn',
      parameters: [id],
      responses: { '200': { description: 'The return with its sections and answers' }, ...errors },
    },
  };
  document.paths['/returns/{id}/sections/{versionId}/{sectionKey}'] = {
    put: {
      summary: 'Save a section (409 if someone saved it since `version`)',
      operationId: 'saveReturnSection',
      parameters: [
        id,
        { name: 'versionId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
        { name: 'sectionKey', in: 'path', required: true, schema: { type: 'string' } },
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['version'],
              properties: {
                version: { type: 'integer' },
                mode: { enum: ['complete', 'draft'] },
                answers: { type: 'object', additionalProperties: { type: 'string' } },
                evidence: { type: 'object', additionalProperties: { type: 'string' } },
                workedWell: { type: 'string' },
                areasForDevelopment: { type: 'string' },
              },
            },
          },
        },
      },
      responses: {
        '200': { description: 'Saved: the new version' },
        '409': { description: 'Conflict or locked' },
        ...errors,
      },
    },
  };
  document.paths['/returns/{id}/submit'] = {
    post: {
      summary: 'Submit the return for sign-off',
      operationId: 'submitReturn',
      parameters: [id],
      responses: { '200': { description: 'Submitted' }, ...errors },
    },
  };
}
