import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { apiRoute, registerApi } from '../api/api-route.ts';
import type { OpenApiDocument } from '../api/openapi.ts';
import { parseAgencyMapping } from './exchange-agencies.ts';
import type { ImportResult } from './exchange-import-types.ts';
import { exchangeSchema } from './exchange-schema.ts';
import { ExchangeNotWritable, IdentifyingDetailsInExport } from './exchange-screen.ts';
import { identifyingDetailsRefusal, refersToIdentifyingDetails } from '../report/identifying-details.ts';

/**
 * The audit exchange file in /api/v1: export an audit, import a file. Coordinators and
 * administrators only; identifying details only with ?include=identities for someone who may see them.
 * The file itself is checked against its published JSON Schema (ajv); the parameters around it by zod.
 */
export const MAX_EXCHANGE_BYTES = 100 * 1024 * 1024;
const truthy = (v: unknown) => v === 'true' || v === '1' || v === 'yes';

const STATUS: Record<Exclude<ImportResult['kind'], 'imported'>, number> = {
  invalid: 400,
  'newer-version': 400,
  duplicate: 409,
  'agencies-missing': 422,
  'leads-missing': 422,
  failed: 422,
};

const SCHEMA_NOTE =
  'Its full JSON Schema (draft 2020-12) is served at /api/v1/exchange-schema.json and published in docs/exchange.';

const auditExchange = z
  .looseObject({ format: z.literal('maca-audit-exchange'), schemaVersion: z.int() })
  .describe(`An audit exchange file (format "maca-audit-exchange", schemaVersion 1). ${SCHEMA_NOTE}`);

const typedAgency = { name: z.string(), type: z.string() };
const importError = z.object({
  error: z.looseObject({
    code: z.enum([
      'invalid',
      'newer-version',
      'duplicate',
      'agencies-missing',
      'leads-missing',
      'failed',
      'bad_request',
    ]),
    message: z.string(),
    problems: z
      .array(z.object({ path: z.string().describe('JSON pointer'), message: z.string() }))
      .optional()
      .describe('invalid: the first 20 problems'),
    missing: z
      .array(z.object({ key: z.string(), ...typedAgency }))
      .optional()
      .describe("agencies-missing: the file's agencies with no match here"),
    available: z.array(z.object(typedAgency)).optional().describe("agencies-missing: this partnership's agencies"),
    previousAuditId: z.guid().nullable().optional().describe('duplicate: the audit the earlier import made'),
  }),
  correlationId: z.string(),
});

const imported = z.object({
  auditId: z.guid(),
  reference: z.string(),
  referenceChanged: z.boolean(),
  identitiesDropped: z.boolean(),
  counts: z.record(z.string(), z.int()),
});

const importQuery = z.object({
  mapAgency: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .describe('"Name in the file=Name here"; repeat it for each agency'),
  createMissingAgencies: z.string().optional().describe('true: create the agencies this partnership lacks'),
  asCopy: z.string().optional().describe('true: import a file already imported, as a second audit'),
});

function routes({ exchange }: Services) {
  return [
    apiRoute({
      method: 'GET',
      url: '/audits/:auditId/exchange',
      access: 'exchange:manage',
      operationId: 'exportAuditExchange',
      summary: 'Export an audit as an audit exchange file',
      description:
        'Coordinators and administrators. Pseudonymous unless include=identities, which only people who may see ' +
        'identifying details (coordinators) may ask for; every export is in the audit log.',
      params: z.object({ auditId: z.guid() }),
      query: z.object({ include: z.enum(['identities']).optional() }),
      responses: { '200': { description: 'The exchange file', schema: auditExchange } },
      handler: async ({ user, actor, params, query, reply, request }) => {
        let body;
        try {
          body = await exchange.exportAudit(
            user,
            { auditId: params.auditId, withIdentities: query.include === 'identities' },
            actor,
          );
        } catch (error) {
          if (error instanceof ExchangeNotWritable)
            return reply.code(422).send({
              error: { code: 'not_exportable', message: error.message, problems: error.problems },
              correlationId: request.id,
            });
          if (!(error instanceof IdentifyingDetailsInExport)) throw error;
          // Where each hit is, always; the words around it only for those who may see identifying details.
          const mayRead = exchange.mayHoldIdentities(user);
          const hits = error.hits.map((h) => ({
            kind: h.hit.kind,
            record: { type: 'exchange', pointer: h.pointer, where: h.where },
            before: mayRead ? h.hit.before : '',
            matched: mayRead ? h.hit.matched : '',
            after: mayRead ? h.hit.after : '',
          }));
          return identifyingDetailsRefusal(request, reply, hits);
        }
        const reference = body.audit.reference.replace(/[^A-Za-z0-9._-]/g, '_');
        return reply
          .header('content-disposition', `attachment; filename="audit-${reference}.exchange.json"`)
          .send(body);
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/exchange-imports',
      access: 'exchange:manage',
      operationId: 'importAuditExchange',
      summary: 'Import an audit exchange file as a new audit',
      description:
        'The body is the exchange file. Agencies are matched by name (and type); map others with ' +
        'mapAgency="Name in the file=Name here" (repeat it), or create them with createMissingAgencies=true. ' +
        'A file already imported is refused unless asCopy=true. All or nothing: on any error nothing is imported.',
      query: importQuery,
      rawBody: { contentType: 'application/json', schema: exchangeSchema, description: SCHEMA_NOTE },
      bodyLimit: MAX_EXCHANGE_BYTES,
      responses: {
        '201': { description: 'Imported', schema: imported },
        '400': {
          description:
            'Not an exchange file, a newer schema version, or invalid (the problems name their JSON pointers)',
          schema: importError,
        },
        '409': { description: 'Already imported (use asCopy=true for a second audit)', schema: importError },
        '422': {
          description: 'Agencies not matched, action leads not found, or the import failed (nothing was imported)',
          schema: importError,
        },
      },
      handler: async ({ user, actor, query, request, reply }) => {
        const { mapping, problems } = parseAgencyMapping([query.mapAgency ?? []].flat());
        if (problems.length)
          return reply
            .code(400)
            .send({ error: { code: 'bad_request', message: problems.join('; ') }, correlationId: request.id });
        const result = await exchange.importAudit(
          user,
          request.body,
          {
            agencyMapping: mapping,
            createMissingAgencies: truthy(query.createMissingAgencies),
            asCopy: truthy(query.asCopy),
          },
          actor,
        );
        if (result.kind === 'imported') {
          const { auditId, reference, referenceChanged, identitiesDropped, counts } = result;
          return reply.code(201).send({ auditId, reference, referenceChanged, identitiesDropped, counts });
        }
        return reply.code(STATUS[result.kind]).send({ error: refusalBody(result), correlationId: request.id });
      },
    }),
  ];
}

function refusalBody(result: Exclude<ImportResult, { kind: 'imported' }>) {
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
  return { code: kind, message, ...extra };
}

export function registerExchangeApi(app: FastifyInstance, services: Services, document: OpenApiDocument): void {
  app.get('/exchange-schema.json', { config: { access: 'public' } }, () => Promise.resolve(exchangeSchema));
  registerApi(app, document, routes(services));
  refersToIdentifyingDetails(document, '/audits/{auditId}/exchange');
}
