import type { FastifyInstance } from 'fastify';
import { AUDIT_STATUSES, isAuditStatus } from '../../domain/audit-lifecycle.ts';
import { scopeInWords, scopePeriod, type AuditScope } from '../../domain/audit-plan.ts';
import type { Services } from '../../services.ts';
import { BadRequest } from '../../web/errors.ts';
import type { OpenApiDocument } from '../api/openapi.ts';
import { auditForUser } from './audit-access.ts';
import { auditFacts } from './audit-facts.ts';

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

/** Audits in /api/v1: the same visibility as the pages (agency people see invited audits only). */
export function registerAuditApi(app: FastifyInstance, services: Services, document: OpenApiDocument): void {
  const { audits, db } = services;
  const config = { access: 'audit:read' as const, api: true };

  app.get<{ Querystring: { status?: string } }>('/audits', { config }, async (request) => {
    const status = request.query.status;
    if (status !== undefined && !isAuditStatus(status))
      throw new BadRequest(`status: one of ${AUDIT_STATUSES.join(', ')}`);
    const rows = await audits.list(request.user!, { status });
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
  });

  app.get<{ Params: { auditId: string } }>('/audits/:auditId', { config }, async (request) => {
    const audit = await auditForUser(db, request.user!, request.params.auditId, 'audit:read');
    const [record, facts] = await Promise.all([audits.detail(audit.partnershipId, audit.id), auditFacts(db, audit.id)]);
    const { audit: a, milestones, history } = record!;
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
  });

  describe(document);
}

function describe(document: OpenApiDocument): void {
  const date = { type: ['string', 'null'], format: 'date' };
  const status = { type: 'string', enum: [...AUDIT_STATUSES] };
  document.components.schemas.AuditScope = {
    type: 'object',
    description:
      'The period the audit looks at: two dates, or the last N months before a reference date. from and to are the first and last day covered.',
    required: ['kind', 'from', 'to', 'months', 'referenceDate', 'text'],
    properties: {
      kind: { enum: ['dates', 'months'] },
      from: date,
      to: date,
      months: { type: ['integer', 'null'] },
      referenceDate: date,
      text: { type: 'string', examples: ['1 June 2018 to 30 November 2018'] },
    },
  };
  const milestone = {
    type: 'object',
    required: ['kind', 'label', 'due'],
    properties: { kind: { type: 'string' }, label: { type: 'string' }, due: date, done: date },
  };
  document.components.schemas.AuditSummary = {
    type: 'object',
    required: [
      'id',
      'reference',
      'title',
      'theme',
      'status',
      'year',
      'scope',
      'caseCount',
      'invitedAgencyCount',
      'nextMilestone',
    ],
    properties: {
      id: { type: 'string', format: 'uuid' },
      reference: { type: 'string', examples: ['MACA-2026-01'] },
      title: { type: 'string' },
      theme: { type: 'string' },
      status,
      year: { type: 'integer' },
      scope: { $ref: '#/components/schemas/AuditScope' },
      caseCount: { type: 'integer' },
      invitedAgencyCount: { type: 'integer' },
      nextMilestone: { oneOf: [{ type: 'null' }, milestone] },
    },
  };
  document.components.schemas.Audit = {
    type: 'object',
    required: [
      'id',
      'reference',
      'title',
      'theme',
      'status',
      'version',
      'scope',
      'milestones',
      'statusHistory',
      'facts',
    ],
    properties: {
      id: { type: 'string', format: 'uuid' },
      reference: { type: 'string' },
      title: { type: 'string' },
      theme: { type: 'string' },
      themeId: { type: ['string', 'null'], format: 'uuid' },
      status,
      statusChangedAt: { type: 'string', format: 'date-time' },
      version: { type: 'integer' },
      linesOfEnquiry: { type: 'string' },
      methodology: { type: 'string' },
      jointPartnerships: { type: 'array', items: { type: 'string' } },
      scope: { $ref: '#/components/schemas/AuditScope' },
      milestones: { type: 'array', items: milestone },
      statusHistory: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            from: status,
            to: status,
            reason: { type: ['string', 'null'] },
            at: { type: 'string', format: 'date-time' },
            by: { type: ['string', 'null'] },
          },
        },
      },
      facts: {
        type: 'object',
        description:
          'Counts the lifecycle guards use: cases, invited agencies, agencies without a lead, returns received, unresolved concerns, open actions.',
      },
    },
  };
  const errors = {
    '401': { $ref: '#/components/responses/Unauthorised' },
    '404': { $ref: '#/components/responses/NotFound' },
  };
  document.paths['/audits'] = {
    get: {
      summary: 'The audits you may see (agency people: audits their agency is invited to)',
      operationId: 'listAudits',
      parameters: [{ name: 'status', in: 'query', schema: status }],
      responses: {
        '200': {
          description: 'Audits, newest year first',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['audits'],
                properties: { audits: { type: 'array', items: { $ref: '#/components/schemas/AuditSummary' } } },
              },
            },
          },
        },
        '400': { $ref: '#/components/responses/BadRequest' },
        ...errors,
      },
    },
  };
  document.paths['/audits/{auditId}'] = {
    get: {
      summary: 'An audit with its milestones and status history',
      operationId: 'getAudit',
      parameters: [{ name: 'auditId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
      responses: {
        '200': {
          description: 'The audit',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Audit' } } },
        },
        ...errors,
      },
    },
  };
}
