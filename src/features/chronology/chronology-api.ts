import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { apiRoute, registerApi } from '../api/api-route.ts';
import type { OpenApiDocument } from '../api/openapi.ts';
import type { EntryRow } from './entry-row.ts';

const MAX_BULK = 10_000;
const LOCKED = 'The return has been submitted, so its chronology can no longer change';

const caseParams = z.object({ auditId: z.guid(), caseId: z.guid() });
const returnParams = z.object({ id: z.guid() });

const entryJson = z.object({
  id: z.guid(),
  agency: z.object({ id: z.guid(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  precision: z.enum(['day', 'month']),
  category: z.string(),
  event: z.string(),
  source: z.string(),
  impact: z.enum(['positive', 'negative', 'neutral']),
  actionTaken: z.string(),
  significant: z.boolean(),
});
const chronologyJson = z.object({ case: z.string(), complete: z.boolean(), entries: z.array(entryJson) });
const pointsJson = z.object({
  points: z.array(
    z.object({
      id: z.guid(),
      rule: z.string(),
      question: z.string(),
      entryIds: z.array(z.guid()),
      status: z.enum(['open', 'dismissed', 'carried']),
      reason: z.string(),
    }),
  ),
});

// Each entry's content is checked by the chronology's own rule, which answers with a problem per
// entry; the schema only gives the shape, so that rule's messages are the ones a client sees.
const entryFields = z.looseObject({
  date: z.string().describe('03/04/2019, April 2019 or 03/04/2019 - 10/04/2019'),
  event: z.string(),
  category: z.string().describe('A category key or label, such as "incident" or "MARAC"'),
  source: z.string().optional(),
  impact: z.string().optional().describe('positive, negative or neutral'),
  actionTaken: z.string().optional(),
  significant: z.union([z.boolean(), z.string()]).optional(),
});
const bulkBody = z.object({
  entries: z
    .array(entryFields)
    .min(1, 'send an array of one or more entries')
    .max(MAX_BULK, `send at most ${MAX_BULK} entries at a time`),
});
const bulkAnswer = z.object({ received: z.number().int(), added: z.number().int(), duplicates: z.number().int() });

const toJson = (e: EntryRow): z.infer<typeof entryJson> => ({
  id: e.id,
  agency: { id: e.agencyId, name: e.agencyName },
  from: e.from,
  to: e.to,
  precision: e.precision,
  category: e.category,
  event: e.event,
  source: e.source,
  impact: e.impact,
  actionTaken: e.actionTaken,
  significant: e.significant,
});

/** Chronologies in /api/v1, with the same visibility and validation as the pages. */
export function registerChronologyApi(app: FastifyInstance, services: Services, document: OpenApiDocument): void {
  const { chronology } = services;
  registerApi(app, document, [
    apiRoute({
      method: 'GET',
      url: '/audits/:auditId/cases/:caseId/chronology',
      access: 'audit:read',
      operationId: 'getChronology',
      summary: 'The integrated chronology of a case (an agency sees only its own entries until discussion)',
      params: caseParams,
      responses: { '200': { description: 'Entries in date order', schema: chronologyJson } },
      handler: async ({ user, actor, params }) => {
        const view = await chronology.integrated(user, params.auditId, params.caseId, {}, actor);
        return { case: view.kase.reference, complete: view.seesAll, entries: view.entries.map(toJson) };
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/audits/:auditId/cases/:caseId/points',
      access: 'audit:read',
      operationId: 'getPoints',
      summary: 'Points to discuss, for the coordinator and panel',
      params: caseParams,
      responses: { '200': { description: 'Points with their status', schema: pointsJson } },
      handler: async ({ user, actor, params, request, reply }) => {
        const view = await chronology.integratedWithPoints(user, params.auditId, params.caseId, {}, actor);
        if (!view.canDecide)
          return reply
            .code(404)
            .send({ error: { code: 'not_found', message: 'Not found' }, correlationId: request.id });
        return {
          points: view.points.map((p) => ({
            id: p.id,
            rule: p.rule,
            question: p.question,
            entryIds: p.entry_ids,
            status: p.status,
            reason: p.reason,
          })),
        };
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/returns/:id/chronology',
      access: 'return:edit',
      operationId: 'importChronology',
      summary:
        'Bulk import chronology entries: all are checked, and none is imported unless all are valid; ' +
        'duplicates are skipped',
      params: returnParams,
      body: bulkBody,
      responses: {
        '201': { description: 'How many were added and how many were already there', schema: bulkAnswer },
        '409': { description: 'The return is locked' },
      },
      handler: async ({ user, actor, params, body, request, reply }) => {
        const { entries } = body;
        const result = await chronology.bulkAdd(user, params.id, entries, actor);
        if (result.kind === 'locked')
          return reply.code(409).send({ error: { code: 'locked', message: LOCKED }, correlationId: request.id });
        if (result.kind === 'invalid') {
          const message = `${result.problems.length} of ${entries.length} entries are not valid; nothing was imported`;
          return reply
            .code(400)
            .send({ error: { code: 'invalid', message }, problems: result.problems, correlationId: request.id });
        }
        const { added } = result;
        return reply.code(201).send({ received: entries.length, added, duplicates: entries.length - added });
      },
    }),
  ]);
}
