import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { NotFound } from '../../web/errors.ts';
import { actorOf } from '../../web/request-context.ts';
import type { OpenApiDocument } from '../api/openapi.ts';
import { isUuid } from '../audits/audit-access.ts';
import type { TemplateProblem } from './template-service.ts';

function problemBody(problem: TemplateProblem, correlationId: string) {
  const message =
    problem.kind === 'invalid'
      ? problem.problems.join('; ')
      : problem.kind === 'name-taken'
        ? 'A template with this name already exists'
        : problem.kind === 'stale'
          ? `Version ${problem.latest} was saved since basedOn; fetch it and try again`
          : 'The template is the same as the latest version';
  return {
    error: {
      code: problem.kind === 'stale' ? 'conflict' : 'invalid_template',
      message,
      problems: problem.kind === 'invalid' ? problem.problems : undefined,
    },
    correlationId,
  };
}

/** Templates in /api/v1: the same rules and validation as the pages. */
export function registerTemplateApi(app: FastifyInstance, services: Services, document: OpenApiDocument): void {
  const { templates } = services;
  const config = { access: 'template:manage' as const, api: true };

  app.get('/templates', { config }, async (request) => ({ templates: await templates.list(request.user!) }));

  app.get<{ Params: { id: string }; Querystring: { version?: string } }>(
    '/templates/:id',
    { config },
    async (request) => {
      if (!isUuid(request.params.id)) throw new NotFound();
      const version = request.query.version === undefined ? undefined : Number(request.query.version);
      const shown = await templates.show(
        request.user!,
        request.params.id,
        Number.isInteger(version) ? version : undefined,
      );
      if (!shown) throw new NotFound();
      return {
        id: shown.template.id,
        versionNumber: shown.version.versionNumber,
        versions: shown.versions.map((v) => v.versionNumber),
        content: shown.version.content,
      };
    },
  );

  app.post('/templates', { config }, async (request, reply) => {
    const result = await templates.importTemplate(request.user!, request.body, actorOf(request));
    if (!result.ok) return reply.code(400).send(problemBody(result.problem, request.id));
    return reply.code(201).send({ id: result.value.id, versionNumber: 1 });
  });

  app.post<{ Params: { id: string }; Body: { basedOn?: number; content?: unknown } }>(
    '/templates/:id/versions',
    { config },
    async (request, reply) => {
      if (!isUuid(request.params.id) || !(await templates.show(request.user!, request.params.id))) throw new NotFound();
      const body = request.body ?? {};
      if (!Number.isInteger(body.basedOn))
        return reply.code(400).send({
          error: { code: 'invalid', message: 'basedOn: send the version number your changes are based on' },
          correlationId: request.id,
        });
      const result = await templates.saveNewVersion(
        request.user!,
        request.params.id,
        body.content,
        body.basedOn!,
        actorOf(request),
      );
      if (!result.ok)
        return reply.code(result.problem.kind === 'stale' ? 409 : 400).send(problemBody(result.problem, request.id));
      return reply.code(201).send({ id: request.params.id, versionNumber: result.value.versionNumber });
    },
  );

  const template = { $ref: '#/components/schemas/AuditTool' };
  document.components.schemas.AuditTool = {
    type: 'object',
    description: 'An audit tool in the maca-audit-tool/1 format: scales, and sections holding questions.',
    required: ['format', 'name', 'scales', 'sections'],
    properties: {
      format: { const: 'maca-audit-tool/1' },
      name: { type: 'string' },
      description: { type: 'string' },
      scales: { type: 'array' },
      sections: { type: 'array' },
    },
  };
  const errors = {
    '400': { $ref: '#/components/responses/BadRequest' },
    '401': { $ref: '#/components/responses/Unauthorised' },
    '404': { $ref: '#/components/responses/NotFound' },
  };
  document.paths['/templates'] = {
    get: {
      summary: 'List the partnership’s audit tools',
      operationId: 'listTemplates',
      responses: { '200': { description: 'Audit tools' }, ...errors },
    },
    post: {
      summary: 'Import an audit tool',
      operationId: 'importTemplate',
      requestBody: { required: true, content: { 'application/json': { schema: template } } },
      responses: { '201': { description: 'Imported as version 1' }, ...errors },
    },
  };
  document.paths['/templates/{id}'] = {
    get: {
      summary: 'An audit tool (latest version, or ?version=n)',
      operationId: 'getTemplate',
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
        { name: 'version', in: 'query', schema: { type: 'integer' } },
      ],
      responses: { '200': { description: 'The tool and its versions' }, ...errors },
    },
  };
  document.paths['/templates/{id}/versions'] = {
    post: {
      summary: 'Save a new version (409 if another was saved since basedOn)',
      operationId: 'createTemplateVersion',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['basedOn', 'content'],
              properties: { basedOn: { type: 'integer' }, content: template },
            },
          },
        },
      },
      responses: {
        '201': { description: 'The new version number' },
        '409': { description: 'Another version was saved first' },
        ...errors,
      },
    },
  };
}
