import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { NotFound } from '../../web/errors.ts';
import { actorOf } from '../../web/request-context.ts';
import type { OpenApiDocument } from '../api/openapi.ts';
import { caseInAudit } from '../audits/audit-access.ts';
import { cellKey, checkInvolvement, INVOLVEMENT_LABELS } from './involvement-service.ts';

type CellParams = { Params: { auditId: string; agencyId: string; caseId: string } };
type CellBody = { status?: unknown; reason?: unknown; version?: unknown };

/**
 * Involvement in /api/v1, with the pages' rules: everyone who may see the audit reads the cells
 * the matrix shows them; an agency's own people (or the coordinator) record its cells, checked as
 * the form checks them, against the version they read.
 */
export function registerInvolvementApi(app: FastifyInstance, services: Services, document: OpenApiDocument): void {
  const { involvement: inv } = services;

  const cellsOf = async (auditId: string, agencies: { id: string }[], caseIds: string[]) => {
    const recorded = await inv.cellMap(auditId);
    return caseIds.flatMap((caseId) =>
      agencies.map((a) => {
        const cell = recorded.get(cellKey(caseId, a.id));
        return {
          caseId,
          agencyId: a.id,
          status: cell?.status ?? 'awaiting',
          reason: cell?.reason ?? '',
          version: cell?.version ?? 0,
        };
      }),
    );
  };

  app.get<{ Params: { auditId: string } }>(
    '/audits/:auditId/involvement',
    { config: { access: 'audit:read', api: true } },
    async (request) => {
      const audit = await inv.auditFor(request.user!, request.params.auditId, 'audit:read');
      const [agencies, cases] = await Promise.all([inv.invited(audit.id), inv.cases(audit.id)]);
      const visible = inv.visibleAgencies(request.user!, audit, agencies);
      return {
        agencies: visible.map((a) => ({ id: a.id, name: a.name, leadUserId: a.lead_user_id })),
        cases: cases.map((c) => ({ id: c.id, reference: c.reference })),
        cells: await cellsOf(
          audit.id,
          visible,
          cases.map((c) => c.id),
        ),
      };
    },
  );

  app.put<CellParams & { Body: CellBody }>(
    '/audits/:auditId/involvement/:agencyId/:caseId',
    { config: { access: 'involvement:record', api: true } },
    async (request, reply) => {
      const { auditId, agencyId, caseId } = request.params;
      const audit = await inv.auditFor(request.user!, auditId, 'involvement:record', agencyId);
      if (!audit.invitedAgencyIds.includes(agencyId)) throw new NotFound();
      const kase = await caseInAudit(services.db, audit, caseId);
      const body = (request.body ?? {}) as CellBody;
      const invalid = (field: string, text: string) =>
        reply.code(400).send({
          error: { code: 'invalid', message: `${field}: ${text}`, fields: { [field]: { text } } },
          correlationId: request.id,
        });
      if (typeof body.status !== 'string')
        return invalid(
          'status',
          `Select your agency’s involvement in ${kase.reference}: one of ${Object.keys(INVOLVEMENT_LABELS).join(', ')}`,
        );
      if (body.reason !== undefined && typeof body.reason !== 'string')
        return invalid('reason', 'Send the reason as text');
      if (!Number.isInteger(body.version) || (body.version as number) < 0)
        return invalid('version', 'Send the version of the cell you read (0 if nothing was recorded)');
      const checked = checkInvolvement(body.status, (body.reason as string | undefined) ?? '', kase.reference);
      if (!checked.ok)
        return invalid(
          checked.field,
          checked.field === 'status'
            ? `${checked.text}: one of ${Object.keys(INVOLVEMENT_LABELS).join(', ')}`
            : checked.text,
        );
      const { stale, locked } = await inv.record(
        audit,
        agencyId,
        [{ caseId: kase.id, status: checked.status, reason: checked.reason, version: body.version as number }],
        actorOf(request),
      );
      const [cell] = await cellsOf(audit.id, [{ id: agencyId }], [kase.id]);
      if (stale.length)
        return reply.code(409).send({
          error: {
            code: 'conflict',
            message: `Someone else recorded ${kase.reference} since version ${String(body.version)}`,
          },
          current: cell,
          correlationId: request.id,
        });
      if (locked.length)
        return reply.code(409).send({
          error: {
            code: 'locked',
            message: `${kase.reference}: the agency’s return has started, so it stays “involved”`,
          },
          current: cell,
          correlationId: request.id,
        });
      return cell;
    },
  );

  describe(document);
}

function describe(document: OpenApiDocument): void {
  const uuid = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });
  const status = { type: 'string', enum: Object.keys(INVOLVEMENT_LABELS) };
  document.components.schemas.InvolvementCell = {
    type: 'object',
    required: ['caseId', 'agencyId', 'status', 'reason', 'version'],
    properties: {
      caseId: { type: 'string', format: 'uuid' },
      agencyId: { type: 'string', format: 'uuid' },
      status: {
        type: 'string',
        enum: ['awaiting', ...Object.keys(INVOLVEMENT_LABELS)],
        description: '"awaiting" until the agency records it',
      },
      reason: { type: 'string' },
      version: { type: 'integer', description: '0 while awaiting; send it back to record the cell' },
    },
  };
  document.components.schemas.ValidationError = {
    type: 'object',
    required: ['error', 'correlationId'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message', 'fields'],
        properties: {
          code: { const: 'invalid' },
          message: { type: 'string' },
          fields: {
            type: 'object',
            description: 'The field at fault, with what to do',
            additionalProperties: { type: 'object', properties: { text: { type: 'string' } } },
          },
        },
      },
      correlationId: { type: 'string' },
    },
  };
  const errors = {
    '401': { $ref: '#/components/responses/Unauthorised' },
    '404': { $ref: '#/components/responses/NotFound' },
  };
  const cell = { $ref: '#/components/schemas/InvolvementCell' };
  document.paths['/audits/{auditId}/involvement'] = {
    get: {
      summary:
        'Who knew each family: every case and agency cell the caller may see (agency people see their own column until the discussion stage)',
      operationId: 'listInvolvement',
      parameters: [uuid('auditId')],
      responses: {
        '200': {
          description: 'The invited agencies shown, the cases and the cells',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['agencies', 'cases', 'cells'],
                properties: {
                  agencies: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: {
                        id: { type: 'string', format: 'uuid' },
                        name: { type: 'string' },
                        leadUserId: { type: ['string', 'null'], format: 'uuid' },
                      },
                    },
                  },
                  cases: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: { id: { type: 'string', format: 'uuid' }, reference: { type: 'string' } },
                    },
                  },
                  cells: { type: 'array', items: cell },
                },
              },
            },
          },
        },
        ...errors,
      },
    },
  };
  document.paths['/audits/{auditId}/involvement/{agencyId}/{caseId}'] = {
    put: {
      summary:
        'Record an agency’s involvement in a case: the agency’s own lead or auditor, or the coordinator (409 if recorded since `version`)',
      operationId: 'recordInvolvement',
      parameters: [uuid('auditId'), uuid('agencyId'), uuid('caseId')],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['status', 'version'],
              properties: {
                status,
                reason: { type: 'string', description: 'Required for out_of_scope, partly_in_scope and declined' },
                version: { type: 'integer' },
              },
            },
          },
        },
      },
      responses: {
        '200': {
          description: 'Recorded: the cell with its new version',
          content: { 'application/json': { schema: cell } },
        },
        '400': {
          description: 'Invalid: the field at fault',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ValidationError' } } },
        },
        '409': {
          description:
            'Recorded by someone else since `version` (conflict), or the return has started (locked); `current` is the cell now',
        },
        ...errors,
      },
    },
  };
}
