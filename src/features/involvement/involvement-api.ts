import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { NotFound } from '../../web/errors.ts';
import { apiRoute, registerApi } from '../api/api-route.ts';
import type { OpenApiDocument } from '../api/openapi.ts';
import { cellKey, checkInvolvement, INVOLVEMENT_LABELS } from './involvement-rules.ts';

const STATUSES = Object.keys(INVOLVEMENT_LABELS);
const cell = z.object({
  caseId: z.uuid(),
  agencyId: z.uuid(),
  status: z.enum(['awaiting', ...STATUSES]).meta({ description: '"awaiting" until the agency records it' }),
  reason: z.string(),
  version: z.number().int().meta({ description: '0 while awaiting; send it back to record the cell' }),
});
const listResponse = z.object({
  agencies: z.array(z.object({ id: z.uuid(), name: z.string(), leadUserId: z.uuid().nullable() })),
  cases: z.array(z.object({ id: z.uuid(), reference: z.string() })),
  cells: z.array(cell),
});
// The handler checks these as the form does, so that a wrong answer names its field with what to do.
const cellBody = z.object({
  status: z.unknown().optional().meta({ type: 'string', enum: STATUSES }),
  reason: z
    .unknown()
    .optional()
    .meta({ type: 'string', description: 'Required for out_of_scope, partly_in_scope and declined' }),
  version: z.unknown().optional().meta({ type: 'integer', description: 'The version read; 0 if nothing was recorded' }),
});
const validationError = z.object({
  error: z.object({
    code: z.literal('invalid'),
    message: z.string(),
    fields: z.record(z.string(), z.object({ text: z.string() })).meta({ description: 'The field at fault' }),
  }),
  correlationId: z.string(),
});
const auditParams = z.object({ auditId: z.guid() });
const cellParams = auditParams.extend({ agencyId: z.guid(), caseId: z.guid() });

/**
 * Involvement in /api/v1, with the pages' rules: everyone who may see the audit reads the cells
 * the matrix shows them; an agency's own people (or the coordinator) record its cells, checked as
 * the form checks them, against the version they read.
 */
export function registerInvolvementApi(app: FastifyInstance, services: Services, document: OpenApiDocument): void {
  const { involvement: inv, audits } = services;

  const cellsOf = async (auditId: string, agencies: { id: string }[], caseIds: string[]) => {
    const recorded = await inv.cellMap(auditId);
    return caseIds.flatMap((caseId) =>
      agencies.map((a) => {
        const found = recorded.get(cellKey(caseId, a.id));
        return {
          caseId,
          agencyId: a.id,
          status: found?.status ?? 'awaiting',
          reason: found?.reason ?? '',
          version: found?.version ?? 0,
        };
      }),
    );
  };

  registerApi(app, document, [
    apiRoute({
      method: 'GET',
      url: '/audits/:auditId/involvement',
      access: 'audit:read',
      operationId: 'listInvolvement',
      summary:
        'Who knew each family: every case and agency cell the caller may see ' +
        '(agency people see their own column until the discussion stage)',
      params: auditParams,
      responses: {
        '200': { description: 'The invited agencies shown, the cases and the cells', schema: listResponse },
      },
      handler: async ({ user, params }) => {
        const audit = await inv.auditFor(user, params.auditId, 'audit:read');
        const [agencies, cases] = await Promise.all([inv.invited(audit.id), inv.cases(audit.id)]);
        const visible = inv.visibleAgencies(user, audit, agencies);
        const caseIds = cases.map((c) => c.id);
        return {
          agencies: visible.map((a) => ({ id: a.id, name: a.name, leadUserId: a.lead_user_id })),
          cases: cases.map((c) => ({ id: c.id, reference: c.reference })),
          cells: await cellsOf(audit.id, visible, caseIds),
        };
      },
    }),
    apiRoute({
      method: 'PUT',
      url: '/audits/:auditId/involvement/:agencyId/:caseId',
      access: 'involvement:record',
      operationId: 'recordInvolvement',
      summary:
        'Record an agency’s involvement in a case: the agency’s own lead or auditor, or the coordinator ' +
        '(409 if recorded since `version`)',
      params: cellParams,
      body: cellBody,
      responses: {
        '200': { description: 'Recorded: the cell with its new version', schema: cell },
        '400': { description: 'Invalid: the field at fault', schema: validationError },
        '409': {
          description:
            'Recorded by someone else since `version` (conflict), or the return has started (locked); ' +
            '`current` is the cell now',
        },
      },
      handler: async ({ user, actor, params, body, request, reply }) => {
        const { auditId, agencyId, caseId } = params;
        const audit = await inv.auditFor(user, auditId, 'involvement:record', agencyId);
        if (!audit.invitedAgencyIds.includes(agencyId)) throw new NotFound();
        const kase = await audits.caseIn(audit, caseId);
        const invalid = (field: string, text: string) =>
          reply.code(400).send({
            error: { code: 'invalid', message: `${field}: ${text}`, fields: { [field]: { text } } },
            correlationId: request.id,
          });
        const oneOf = `one of ${STATUSES.join(', ')}`;
        if (typeof body.status !== 'string')
          return invalid('status', `Select your agency’s involvement in ${kase.reference}: ${oneOf}`);
        if (body.reason !== undefined && typeof body.reason !== 'string')
          return invalid('reason', 'Send the reason as text');
        const version = body.version;
        if (typeof version !== 'number' || !Number.isInteger(version) || version < 0)
          return invalid('version', 'Send the version of the cell you read (0 if nothing was recorded)');
        const checked = checkInvolvement(body.status, body.reason ?? '', kase.reference);
        if (!checked.ok)
          return invalid(checked.field, checked.field === 'status' ? `${checked.text}: ${oneOf}` : checked.text);
        const row = { caseId: kase.id, status: checked.status, reason: checked.reason, version };
        const { stale, locked } = await inv.record(audit, agencyId, [row], actor);
        const [current] = await cellsOf(audit.id, [{ id: agencyId }], [kase.id]);
        const conflict = (code: string, message: string) =>
          reply.code(409).send({ error: { code, message }, current, correlationId: request.id });
        if (stale.length)
          return conflict('conflict', `Someone else recorded ${kase.reference} since version ${String(version)}`);
        if (locked.length)
          return conflict('locked', `${kase.reference}: the agency’s return has started, so it stays “involved”`);
        return current;
      },
    }),
  ]);
  // Named in the document for clients that generate types from it.
  document.components.schemas.InvolvementCell = z.toJSONSchema(cell, { io: 'output' });
  document.components.schemas.ValidationError = z.toJSONSchema(validationError, { io: 'output' });
}
