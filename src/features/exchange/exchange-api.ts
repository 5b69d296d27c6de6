import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { actorOf } from '../../web/request-context.ts';
import type { OpenApiDocument } from '../api/openapi.ts';
import { parseAgencyMapping } from './exchange-agencies.ts';
import type { ImportResult } from './exchange-import.ts';
import { exchangeSchema } from './exchange-schema.ts';

/**
 * The audit exchange file in /api/v1: export an audit, import a file. Coordinators and
 * administrators only; identifying details only with ?include=identities for someone who may see them.
 */
export const MAX_EXCHANGE_BYTES = 100 * 1024 * 1024;
const truthy = (v: unknown) => v === 'true' || v === '1' || v === 'yes';

type ImportQuery = { mapAgency?: string | string[]; createMissingAgencies?: string; asCopy?: string };

const STATUS: Record<Exclude<ImportResult['kind'], 'imported'>, number> = {
  invalid: 400,
  'newer-version': 400,
  duplicate: 409,
  'agencies-missing': 422,
  'leads-missing': 422,
  failed: 422,
};

export function registerExchangeApi(app: FastifyInstance, services: Services, document: OpenApiDocument): void {
  const { exchange } = services;
  const config = { access: 'exchange:manage' as const, api: true };

  app.get('/exchange-schema.json', { config: { access: 'public' } }, async () => exchangeSchema);

  app.get<{ Params: { auditId: string }; Querystring: { include?: string } }>(
    '/audits/:auditId/exchange',
    { config },
    async (request, reply) => {
      const include = request.query.include;
      if (include !== undefined && include !== 'identities')
        return reply
          .code(400)
          .send({ error: { code: 'bad_request', message: 'include: only "identities"' }, correlationId: request.id });
      const body = await exchange.exportAudit(
        request.user!,
        { auditId: request.params.auditId, withIdentities: include === 'identities' },
        actorOf(request),
      );
      return reply
        .header(
          'content-disposition',
          `attachment; filename="audit-${body.audit.reference.replace(/[^A-Za-z0-9._-]/g, '_')}.exchange.json"`,
        )
        .send(body);
    },
  );

  app.post<{ Querystring: ImportQuery; Body: unknown }>(
    '/exchange-imports',
    { config, bodyLimit: MAX_EXCHANGE_BYTES },
    async (request, reply) => {
      const pairs = [request.query.mapAgency ?? []].flat();
      const { mapping, problems } = parseAgencyMapping(pairs);
      if (problems.length)
        return reply
          .code(400)
          .send({ error: { code: 'bad_request', message: problems.join('; ') }, correlationId: request.id });
      const result = await exchange.importAudit(
        request.user!,
        request.body,
        {
          agencyMapping: mapping,
          createMissingAgencies: truthy(request.query.createMissingAgencies),
          asCopy: truthy(request.query.asCopy),
        },
        actorOf(request),
      );
      if (result.kind === 'imported') {
        const { kind: _kind, importId: _importId, ...rest } = result;
        return reply.code(201).send(rest);
      }
      const { kind, message, ...detail } = result;
      const extra =
        kind === 'agencies-missing' && 'missing' in detail
          ? {
              missing: detail.missing,
              unknownTargets: detail.unknownTargets,
              available: detail.available.map((a) => ({ name: a.name, type: a.type })),
            }
          : kind === 'duplicate' && 'previousAuditId' in detail
            ? { previousAuditId: detail.previousAuditId, importedAt: detail.importedAt }
            : detail;
      return reply.code(STATUS[kind]).send({ error: { code: kind, message, ...extra }, correlationId: request.id });
    },
  );

  describe(document);
}

function describe(document: OpenApiDocument): void {
  const errors = {
    '401': { $ref: '#/components/responses/Unauthorised' },
    '404': { $ref: '#/components/responses/NotFound' },
  };
  const importError = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ExchangeImportError' } } },
  });
  document.components.schemas.AuditExchange = {
    type: 'object',
    description:
      'An audit exchange file (format "maca-audit-exchange", schemaVersion 1). Its full JSON Schema (draft 2020-12) is served at /api/v1/exchange-schema.json and published in docs/exchange.',
    required: ['format', 'schemaVersion', 'exportedAt', 'source', 'audit', 'agencies', 'cases'],
    properties: { format: { const: 'maca-audit-exchange' }, schemaVersion: { type: 'integer' } },
  };
  document.components.schemas.ExchangeImportError = {
    type: 'object',
    required: ['error', 'correlationId'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: {
            enum: [
              'invalid',
              'newer-version',
              'duplicate',
              'agencies-missing',
              'leads-missing',
              'failed',
              'bad_request',
            ],
          },
          message: { type: 'string' },
          problems: {
            type: 'array',
            description: 'invalid: the first 20 problems',
            items: {
              type: 'object',
              properties: { path: { type: 'string', description: 'JSON pointer' }, message: { type: 'string' } },
            },
          },
          missing: {
            type: 'array',
            description: "agencies-missing: the file's agencies with no match here",
            items: {
              type: 'object',
              properties: { key: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' } },
            },
          },
          available: {
            type: 'array',
            description: "agencies-missing: this partnership's agencies",
            items: { type: 'object', properties: { name: { type: 'string' }, type: { type: 'string' } } },
          },
          previousAuditId: {
            type: ['string', 'null'],
            format: 'uuid',
            description: 'duplicate: the audit the earlier import made',
          },
        },
      },
      correlationId: { type: 'string' },
    },
  };
  document.paths['/audits/{auditId}/exchange'] = {
    get: {
      summary: 'Export an audit as an audit exchange file',
      description:
        'Coordinators and administrators. Pseudonymous unless include=identities, which only people who may see identifying details (coordinators) may ask for; every export is in the audit log.',
      operationId: 'exportAuditExchange',
      parameters: [
        { name: 'auditId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
        { name: 'include', in: 'query', required: false, schema: { enum: ['identities'] } },
      ],
      responses: {
        '200': {
          description: 'The exchange file',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/AuditExchange' } } },
        },
        '400': { $ref: '#/components/responses/BadRequest' },
        ...errors,
      },
    },
  };
  document.paths['/exchange-imports'] = {
    post: {
      summary: 'Import an audit exchange file as a new audit',
      description:
        'The body is the exchange file. Agencies are matched by name (and type); map others with mapAgency="Name in the file=Name here" (repeat it), or create them with createMissingAgencies=true. A file already imported is refused unless asCopy=true. All or nothing: on any error nothing is imported.',
      operationId: 'importAuditExchange',
      parameters: [
        {
          name: 'mapAgency',
          in: 'query',
          required: false,
          schema: { type: 'array', items: { type: 'string' } },
          style: 'form',
          explode: true,
        },
        { name: 'createMissingAgencies', in: 'query', required: false, schema: { type: 'boolean' } },
        { name: 'asCopy', in: 'query', required: false, schema: { type: 'boolean' } },
      ],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/AuditExchange' } } },
      },
      responses: {
        '201': {
          description: 'Imported',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['auditId', 'reference', 'referenceChanged', 'identitiesDropped', 'counts'],
                properties: {
                  auditId: { type: 'string', format: 'uuid' },
                  reference: { type: 'string' },
                  referenceChanged: { type: 'boolean' },
                  identitiesDropped: { type: 'boolean' },
                  counts: { type: 'object', additionalProperties: { type: 'integer' } },
                },
              },
            },
          },
        },
        '400': importError(
          'Not an exchange file, a newer schema version, or invalid (the problems name their JSON pointers)',
        ),
        '409': importError('Already imported (use asCopy=true for a second audit)'),
        '422': importError('Agencies not matched, action leads not found, or the import failed (nothing was imported)'),
        '401': { $ref: '#/components/responses/Unauthorised' },
        '404': { $ref: '#/components/responses/NotFound' },
      },
    },
  };
}
