import type { FastifyInstance } from 'fastify';
import { checkEntry, type EntryFields } from '../../domain/chronology-entry.ts';
import type { Services } from '../../services.ts';
import { actorOf } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import type { OpenApiDocument } from '../api/openapi.ts';
import { insertEntry } from './chronology-repository.ts';

const MAX_BULK = 10_000;
type CaseParams = { Params: { auditId: string; caseId: string } };

/** Chronologies in /api/v1, with the same visibility and validation as the pages. */
export function registerChronologyApi(app: FastifyInstance, services: Services, document: OpenApiDocument): void {
  const { chronology, db } = services;
  const entryJson = (e: {
    id: string;
    agencyId: string;
    agencyName: string;
    from: string;
    to: string;
    precision: string;
    category: string;
    event: string;
    source: string;
    impact: string;
    actionTaken: string;
    significant: boolean;
  }) => ({
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

  app.get<CaseParams>(
    '/audits/:auditId/cases/:caseId/chronology',
    { config: { access: 'audit:read', api: true } },
    async (request) => {
      const view = await chronology.integrated(
        request.user!,
        request.params.auditId,
        request.params.caseId,
        {},
        actorOf(request),
      );
      return { case: view.kase.reference, complete: view.seesAll, entries: view.entries.map(entryJson) };
    },
  );

  app.get<CaseParams>(
    '/audits/:auditId/cases/:caseId/points',
    { config: { access: 'audit:read', api: true } },
    async (request, reply) => {
      const view = await chronology.integrated(
        request.user!,
        request.params.auditId,
        request.params.caseId,
        {},
        actorOf(request),
      );
      if (!view.canDecide)
        return reply.code(404).send({ error: { code: 'not_found', message: 'Not found' }, correlationId: request.id });
      const points = await chronology.points(view.kase.id, request.user!.partnershipId);
      return {
        points: points.map((p) => ({
          id: p.id,
          rule: p.rule,
          question: p.question,
          entryIds: p.entry_ids,
          status: p.status,
          reason: p.reason,
        })),
      };
    },
  );

  app.post<{ Params: { id: string }; Body: { entries?: EntryFields[] } }>(
    '/returns/:id/chronology',
    { config: { access: 'return:edit', api: true } },
    async (request, reply) => {
      const entries = request.body?.entries;
      if (!Array.isArray(entries) || entries.length === 0)
        return reply.code(400).send({
          error: { code: 'invalid', message: 'entries: send an array of one or more entries' },
          correlationId: request.id,
        });
      if (entries.length > MAX_BULK)
        return reply.code(400).send({
          error: { code: 'invalid', message: `entries: send at most ${MAX_BULK} entries at a time` },
          correlationId: request.id,
        });
      const { ctx, scope, locked } = await chronology.forReturn(
        request.user!,
        request.params.id,
        actorOf(request),
        true,
      );
      if (locked)
        return reply.code(409).send({
          error: { code: 'locked', message: 'The return has been submitted, so its chronology can no longer change' },
          correlationId: request.id,
        });
      const checked = entries.map((e, i) => ({
        index: i,
        result: checkEntry(typeof e === 'object' && e ? e : ({} as EntryFields), scope),
      }));
      const problems = checked.flatMap(({ index, result }) => (result.ok ? [] : [{ index, errors: result.errors }]));
      if (problems.length)
        return reply.code(400).send({
          error: {
            code: 'invalid',
            message: `${problems.length} of ${entries.length} entries are not valid; nothing was imported`,
          },
          problems,
          correlationId: request.id,
        });
      const added = await db.transaction().execute(async (trx) => {
        let n = 0;
        for (const { result } of checked) {
          if (!result.ok) continue;
          const e = result.entry;
          if (
            await insertEntry(
              trx,
              ctx.row.caseId,
              ctx.row.agencyId,
              {
                from: e.date.from,
                to: e.date.to,
                precision: e.date.precision,
                event: e.event,
                source: e.source,
                category: e.category,
                impact: e.impact,
                actionTaken: e.actionTaken,
                significant: e.significant,
              },
              request.user!.id,
            )
          )
            n++;
        }
        await appendAuditLog(trx, actorOf(request), {
          action: 'chronology.bulk-imported',
          recordType: 'audit_case',
          recordId: ctx.row.caseId,
          detail: { sent: entries.length, added: n },
        });
        return n;
      });
      return reply.code(201).send({ received: entries.length, added, duplicates: entries.length - added });
    },
  );

  const uuid = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });
  const errors = {
    '400': { $ref: '#/components/responses/BadRequest' },
    '401': { $ref: '#/components/responses/Unauthorised' },
    '404': { $ref: '#/components/responses/NotFound' },
  };
  document.paths['/audits/{auditId}/cases/{caseId}/chronology'] = {
    get: {
      summary: 'The integrated chronology of a case (an agency sees only its own entries until discussion)',
      operationId: 'getChronology',
      parameters: [uuid('auditId'), uuid('caseId')],
      responses: { '200': { description: 'Entries in date order' }, ...errors },
    },
  };
  document.paths['/audits/{auditId}/cases/{caseId}/points'] = {
    get: {
      summary: 'Points to discuss, for the coordinator and panel',
      operationId: 'getPoints',
      parameters: [uuid('auditId'), uuid('caseId')],
      responses: { '200': { description: 'Points with their status' }, ...errors },
    },
  };
  document.paths['/returns/{id}/chronology'] = {
    post: {
      summary:
        'Bulk import chronology entries: all are checked, and none is imported unless all are valid; duplicates are skipped',
      operationId: 'importChronology',
      parameters: [uuid('id')],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['entries'],
              properties: {
                entries: {
                  type: 'array',
                  maxItems: MAX_BULK,
                  items: {
                    type: 'object',
                    required: ['date', 'event', 'category'],
                    properties: {
                      date: { type: 'string', description: '03/04/2019, April 2019 or 03/04/2019 - 10/04/2019' },
                      event: { type: 'string' },
                      category: { type: 'string' },
                      source: { type: 'string' },
                      impact: { enum: ['positive', 'negative', 'neutral'] },
                      actionTaken: { type: 'string' },
                      significant: { type: 'boolean' },
                    },
                  },
                },
              },
            },
          },
        },
      },
      responses: {
        '201': { description: 'How many were added and how many were already there' },
        '409': { description: 'The return is locked' },
        ...errors,
      },
    },
  };
}
