import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { scopeInWords, scopePeriod, type AuditScope } from '../../domain/audit-plan.ts';
import type { Services } from '../../services.ts';
import { apiRoute, registerApi } from '../api/api-route.ts';
import type { OpenApiDocument } from '../api/openapi.ts';
import { auditDetail, auditListQuery, auditParams, auditScope, auditSummary } from './audit-api-schemas.ts';

function scopeJson(scope: AuditScope) {
  const period = scopePeriod(scope);
  return {
    kind: scope.kind,
    from: period.from,
    to: period.to,
    months: scope.months,
    referenceDate: scope.referenceDate,
    text: scopeInWords(scope),
  };
}

const component = (schema: z.ZodType) => {
  const generated = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
  delete generated.$schema;
  return generated;
};

/** Audits in /api/v1: the same visibility as the pages (agency people see invited audits only). */
export function registerAuditApi(app: FastifyInstance, services: Services, document: OpenApiDocument): void {
  const { audits } = services;

  registerApi(app, document, [
    apiRoute({
      method: 'GET',
      url: '/audits',
      access: 'audit:read',
      operationId: 'listAudits',
      summary: 'The audits you may see (agency people: audits their agency is invited to)',
      query: auditListQuery,
      responses: {
        '200': { description: 'Audits, newest year first', schema: z.object({ audits: z.array(auditSummary) }) },
      },
      handler: async ({ user, query }) => {
        const rows = await audits.list(user, { status: query.status });
        return {
          audits: rows.map((r) => ({
            id: r.id,
            reference: r.reference,
            title: r.title,
            theme: r.theme,
            status: r.status,
            year: r.year,
            scope: scopeJson(r.scope),
            caseCount: r.caseCount,
            invitedAgencyCount: r.invitedAgencyCount,
            nextMilestone: r.nextMilestone,
          })),
        };
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/audits/:auditId',
      access: 'audit:read',
      operationId: 'getAudit',
      summary: 'An audit with its milestones and status history',
      params: auditParams,
      responses: { '200': { description: 'The audit', schema: auditDetail } },
      handler: async ({ user, params }) => {
        const { record, facts } = await audits.withFacts(user, params.auditId);
        const { audit: a, milestones, history } = record;
        return {
          id: a.id,
          reference: a.reference,
          title: a.title,
          theme: a.theme,
          themeId: a.themeId,
          status: a.status,
          statusChangedAt: a.statusChangedAt,
          version: a.version,
          linesOfEnquiry: a.linesOfEnquiry,
          methodology: a.methodology,
          jointPartnerships: a.jointPartnerships,
          scope: scopeJson(a.scope),
          milestones: milestones.map((m) => ({ kind: m.kind, label: m.label, due: m.due, done: m.done })),
          statusHistory: history.map((h) => ({ from: h.from, to: h.to, reason: h.reason, at: h.at, by: h.by })),
          facts,
          createdAt: a.createdAt,
          updatedAt: a.updatedAt,
        };
      },
    }),
  ]);
  // Named for clients that generate types from the document; the same schemas as the answers above.
  document.components.schemas.AuditScope = component(auditScope);
  document.components.schemas.AuditSummary = component(auditSummary);
  document.components.schemas.Audit = component(auditDetail);
}
