import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { NotFound } from '../../web/errors.ts';
import { apiRoute, registerApi } from '../api/api-route.ts';
import type { OpenApiDocument } from '../api/openapi.ts';
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

const AUDIT_TOOL = { $ref: '#/components/schemas/AuditTool' };
const params = z.object({ id: z.guid() });
// A version that is not a whole number shows the latest, as the pages do.
const versionQuery = z.object({
  version: z.coerce.number().int().optional().catch(undefined).describe('Which version (default: the latest)'),
});
const summary = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  shippedKey: z.string().nullable(),
  archived: z.boolean(),
  latestVersion: z.int(),
  inUse: z.int(),
});
const created = z.object({ id: z.uuid(), versionNumber: z.int() });
// The content is an audit tool, checked by the template service so its problems name their JSON paths.
const versionBody = z.object({
  basedOn: z.int({ error: 'send the version number your changes are based on' }),
  content: z.unknown(),
});

/** Templates in /api/v1: the same rules and validation as the pages. */
export function registerTemplateApi(app: FastifyInstance, services: Services, document: OpenApiDocument): void {
  const { templates } = services;
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

  registerApi(app, document, [
    apiRoute({
      method: 'GET',
      url: '/templates',
      access: 'template:manage',
      operationId: 'listTemplates',
      summary: 'List the partnership’s audit tools',
      responses: { '200': { description: 'Audit tools', schema: z.object({ templates: z.array(summary) }) } },
      handler: async ({ user }) => ({ templates: await templates.list(user) }),
    }),
    apiRoute({
      method: 'POST',
      url: '/templates',
      access: 'template:manage',
      operationId: 'importTemplate',
      summary: 'Import an audit tool',
      rawBody: { contentType: 'application/json', schema: AUDIT_TOOL, description: 'The audit tool' },
      responses: { '201': { description: 'Imported as version 1', schema: created } },
      handler: async ({ user, actor, body, request, reply }) => {
        const result = await templates.importTemplate(user, body, actor);
        if (!result.ok) return reply.code(400).send(problemBody(result.problem, request.id));
        return reply.code(201).send({ id: result.value.id, versionNumber: 1 });
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/templates/:id',
      access: 'template:manage',
      operationId: 'getTemplate',
      summary: 'An audit tool (latest version, or ?version=n)',
      params,
      query: versionQuery,
      responses: {
        '200': {
          description: 'The tool and its versions',
          schema: z.object({
            id: z.uuid(),
            versionNumber: z.int(),
            versions: z.array(z.int()),
            content: z.record(z.string(), z.unknown()).describe('The audit tool'),
          }),
        },
      },
      handler: async ({ user, params: { id }, query }) => {
        const shown = await templates.show(user, id, query.version);
        if (!shown) throw new NotFound();
        return {
          id: shown.template.id,
          versionNumber: shown.version.versionNumber,
          versions: shown.versions.map((v) => v.versionNumber),
          content: shown.version.content,
        };
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/templates/:id/versions',
      access: 'template:manage',
      operationId: 'createTemplateVersion',
      summary: 'Save a new version (409 if another was saved since basedOn)',
      params,
      body: versionBody,
      responses: {
        '201': { description: 'The new version number', schema: created },
        '409': { description: 'Another version was saved first' },
      },
      handler: async ({ user, actor, params: { id }, body, request, reply }) => {
        if (!(await templates.show(user, id))) throw new NotFound();
        const result = await templates.saveNewVersion(user, id, body.content, body.basedOn, actor);
        if (!result.ok)
          return reply.code(result.problem.kind === 'stale' ? 409 : 400).send(problemBody(result.problem, request.id));
        return reply.code(201).send({ id, versionNumber: result.value.versionNumber });
      },
    }),
  ]);
}
