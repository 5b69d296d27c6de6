import type { FastifyInstance, FastifyRequest } from 'fastify';
import { childAgeBand, OTHER_CRITERION_PREFIX } from '../../domain/case-attributes.ts';
import type { Services } from '../../services.ts';
import { NotFound } from '../../web/errors.ts';
import { actorOf } from '../../web/request-context.ts';
import type { OpenApiDocument } from '../api/openapi.ts';
import { auditForUser, caseInAudit, type AuditInContext } from '../audits/audit-access.ts';
import type { CaseRow, ChildRow, MemberRow } from './case-service.ts';
import type { StoredIdentity } from './identity-repository.ts';
import * as repo from './case-repository.ts';

type Query = { Querystring: { include?: string } };

function caseJson(kase: CaseRow, children: ChildRow[], members: MemberRow[]) {
  return {
    id: kase.id,
    reference: kase.reference,
    selectionReason: kase.selection_reason,
    selectedBy: kase.selected_by,
    sourceAgencyId: kase.source_agency_id,
    criteria: kase.criteria.filter((c) => !c.startsWith(OTHER_CRITERION_PREFIX)),
    otherCriteria: kase.criteria
      .filter((c) => c.startsWith(OTHER_CRITERION_PREFIX))
      .map((c) => c.slice(OTHER_CRITERION_PREFIX.length)),
    version: kase.version,
    children: children
      .filter((c) => c.case_id === kase.id)
      .map((c) => ({
        id: c.id,
        pseudonym: c.pseudonym,
        ageYears: c.age_years,
        ageBand: childAgeBand(c),
        unborn: c.unborn,
        expectedMonth: c.expected_month,
        sex: c.sex,
        ethnicity: c.ethnicity,
        senDisability: c.sen_disability,
        legalStatus: c.legal_status,
        cpCategory: c.cp_category,
        version: c.version,
      })),
    household: members
      .filter((m) => m.case_id === kase.id)
      .map((m) => ({
        id: m.id,
        role: m.role,
        description: m.description,
        inHousehold: m.in_household,
        posesRisk: m.poses_risk,
        version: m.version,
      })),
  };
}

function identityJson(stored: StoredIdentity | undefined) {
  return stored
    ? { ...stored.identity, version: stored.version }
    : { children: [], adults: [], addresses: [], records: [], version: 0 };
}

/** Cases in /api/v1: pseudonymous by default; `?include=identity` only for those the rule allows. */
export function registerCaseApi(app: FastifyInstance, services: Services, document: OpenApiDocument): void {
  const { db, identity } = services;
  const config = { access: 'audit:read' as const, api: true };

  async function withIdentity(
    request: FastifyRequest<Query & { Params: { auditId: string; caseId?: string } }>,
    audit: AuditInContext,
    caseIds: string[],
  ) {
    if (request.query.include === undefined) return undefined;
    if (request.query.include !== 'identity') throw new NotFound();
    await identity.authorise(request.user!, audit.id, request.params.caseId);
    return identity.viewMany(audit, caseIds, actorOf(request));
  }

  /**
   * A request for identifying details that ends in a 404, whoever refused it (the route's rule, the
   * audit's, or a case that is not there), is a logged refusal.
   */
  const onError = async (request: FastifyRequest, _reply: unknown, error: Error) => {
    const query = request.query as { include?: string };
    const params = request.params as { auditId?: string; caseId?: string };
    if ((error as { statusCode?: number }).statusCode !== 404 || query.include !== 'identity' || !request.user) return;
    await identity.logRefusal(actorOf(request), params.auditId ?? '', params.caseId, 'api');
  };

  app.get<Query & { Params: { auditId: string } }>('/audits/:auditId/cases', { config, onError }, async (request) => {
    const audit = await auditForUser(db, request.user!, request.params.auditId, 'audit:read');
    const cases = await repo.casesOf(db, audit.id);
    const ids = cases.map((c) => c.id);
    const [children, members] = await Promise.all([repo.childrenOf(db, ids), repo.membersOf(db, ids)]);
    const identities = await withIdentity(request, audit, ids);
    return {
      cases: cases.map((c) => ({
        ...caseJson(c, children, members),
        ...(identities ? { identity: identityJson(identities.get(c.id)) } : {}),
      })),
    };
  });

  app.get<Query & { Params: { auditId: string; caseId: string } }>(
    '/audits/:auditId/cases/:caseId',
    { config, onError },
    async (request) => {
      const audit = await auditForUser(db, request.user!, request.params.auditId, 'audit:read');
      const kase = (await repo.findCase(db, audit.id, (await caseInAudit(db, audit, request.params.caseId)).id))!;
      const [children, members] = await Promise.all([repo.childrenOf(db, [kase.id]), repo.membersOf(db, [kase.id])]);
      const identities = await withIdentity(request, audit, [kase.id]);
      return {
        ...caseJson(kase, children, members),
        ...(identities ? { identity: identityJson(identities.get(kase.id)) } : {}),
      };
    },
  );

  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  document.components.schemas.CaseIdentity = {
    type: 'object',
    description:
      'Identifying details: only with ?include=identity, for the coordinator, or a lead or auditor of an invited agency while returns are open. Every view is logged.',
    properties: {
      children: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            childId: { type: 'string' },
            name: { type: 'string' },
            dateOfBirth: { type: ['string', 'null'], format: 'date' },
          },
        },
      },
      adults: {
        type: 'array',
        items: { type: 'object', properties: { memberId: { type: 'string' }, name: { type: 'string' } } },
      },
      addresses: { type: 'array', items: { type: 'string' } },
      records: {
        type: 'array',
        items: {
          type: 'object',
          properties: { agencyId: { type: ['string', 'null'] }, label: { type: 'string' }, value: { type: 'string' } },
        },
      },
      version: { type: 'integer' },
    },
  };
  document.components.schemas.AuditCase = {
    type: 'object',
    required: ['id', 'reference', 'children', 'household'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      reference: { type: 'string', description: '"Case 1": never a name' },
      selectionReason: { type: 'string' },
      selectedBy: { type: 'string' },
      sourceAgencyId: { type: ['string', 'null'], format: 'uuid' },
      criteria: {
        type: 'array',
        items: {
          enum: [
            'early_help',
            'child_in_need',
            'child_protection',
            'looked_after',
            'unborn',
            'child_on_parent_violence',
          ],
        },
      },
      otherCriteria: { type: 'array', items: { type: 'string' } },
      version: { type: 'integer' },
      children: {
        type: 'array',
        items: {
          type: 'object',
          description: 'Pseudonymous: "Child A", age band, sex, ethnicity (ONS 2021 code), legal status',
        },
      },
      household: {
        type: 'array',
        items: { type: 'object', description: 'Role, a non-identifying description, in household, poses a risk' },
      },
      identity: ref('CaseIdentity'),
    },
  };
  const include = {
    name: 'include',
    in: 'query',
    schema: { enum: ['identity'] },
    description: 'Add identifying details; 404 (and a logged refusal) when the caller may not see them',
  };
  const auditId = { name: 'auditId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  const errors = {
    '401': { $ref: '#/components/responses/Unauthorised' },
    '404': { $ref: '#/components/responses/NotFound' },
  };
  document.paths['/audits/{auditId}/cases'] = {
    get: {
      summary: 'An audit’s cases, children and household',
      operationId: 'listAuditCases',
      parameters: [auditId, include],
      responses: {
        '200': {
          description: 'The cases',
          content: {
            'application/json': {
              schema: { type: 'object', properties: { cases: { type: 'array', items: ref('AuditCase') } } },
            },
          },
        },
        ...errors,
      },
    },
  };
  document.paths['/audits/{auditId}/cases/{caseId}'] = {
    get: {
      summary: 'One case',
      operationId: 'getAuditCase',
      parameters: [
        auditId,
        { name: 'caseId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
        include,
      ],
      responses: {
        '200': { description: 'The case', content: { 'application/json': { schema: ref('AuditCase') } } },
        ...errors,
      },
    },
  };
}
