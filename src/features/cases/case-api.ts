import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { childAgeBand, OTHER_CRITERION_PREFIX, SELECTION_CRITERIA } from '../../domain/case-attributes.ts';
import type { Services } from '../../services.ts';
import { NotFound } from '../../web/errors.ts';
import { actorOf } from '../../web/request-context.ts';
import { apiRoute, registerApi } from '../api/api-route.ts';
import type { OpenApiDocument } from '../api/openapi.ts';
import type { CaseRow, ChildRow, MemberRow } from './case-service.ts';
import { keys } from './form-fields.ts';
import type { StoredIdentity } from './identity-repository.ts';

const caseIdentity = z
  .object({
    children: z.array(z.object({ childId: z.string(), name: z.string(), dateOfBirth: z.iso.date().nullable() })),
    adults: z.array(z.object({ memberId: z.string(), name: z.string() })),
    addresses: z.array(z.string()),
    records: z.array(z.object({ agencyId: z.string().nullable(), label: z.string(), value: z.string() })),
    version: z.int(),
  })
  .describe(
    'Identifying details: only with ?include=identity, for the coordinator, or a lead or auditor of an ' +
      'invited agency while returns are open. Every view is logged.',
  );

const auditCase = z.object({
  id: z.guid(),
  reference: z.string().describe('"Case 1": never a name'),
  selectionReason: z.string(),
  selectedBy: z.string(),
  sourceAgencyId: z.guid().nullable(),
  criteria: z.array(z.enum(keys(SELECTION_CRITERIA))),
  otherCriteria: z.array(z.string()),
  version: z.int(),
  children: z.array(
    z.looseObject({}).describe('Pseudonymous: "Child A", age band, sex, ethnicity (ONS 2021 code), legal status'),
  ),
  household: z.array(z.looseObject({}).describe('Role, a non-identifying description, in household, poses a risk')),
  identity: caseIdentity.optional(),
});

const include = z.object({
  include: z
    .string()
    .optional()
    .describe('"identity" adds identifying details; 404 (and a logged refusal) when the caller may not see them'),
});
const auditParams = z.object({ auditId: z.guid() });
const caseParams = z.object({ auditId: z.guid(), caseId: z.guid() });

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
  const { audits, cases, identity } = services;

  /** The cases' JSON, with their identifying details when asked for (and allowed). */
  async function answer(
    input: {
      user: Parameters<typeof audits.forUser>[0];
      actor: ReturnType<typeof actorOf>;
      query: { include?: string };
    },
    auditId: string,
    caseId?: string,
  ) {
    const audit = await audits.forUser(input.user, auditId, 'audit:read');
    const found = await cases.forApi(audit, caseId);
    const ids = found.cases.map((c) => c.id);
    if (input.query.include !== undefined && input.query.include !== 'identity') throw new NotFound();
    const identities =
      input.query.include === 'identity'
        ? await identity.forApi(input.user, audit, caseId, ids, input.actor)
        : undefined;
    return found.cases.map((c) => ({
      ...caseJson(c, found.children, found.members),
      ...(identities ? { identity: identityJson(identities.get(c.id)) } : {}),
    }));
  }

  /**
   * A request for identifying details that ends in a 404, whoever refused it (the route's rule, the
   * audit's, or a case that is not there), is a logged refusal.
   */
  const logRefusal = async (request: FastifyRequest, _reply: FastifyReply, error: Error) => {
    const query = request.query as { include?: string };
    const params = request.params as { auditId?: string; caseId?: string };
    if ((error as { statusCode?: number }).statusCode !== 404 || query.include !== 'identity' || !request.user) return;
    await identity.logRefusal(actorOf(request), params.auditId ?? '', params.caseId, 'api');
  };

  void app.register((scope) => {
    scope.addHook('onError', logRefusal);
    registerApi(scope, document, [
      apiRoute({
        method: 'GET',
        url: '/audits/:auditId/cases',
        access: 'audit:read',
        operationId: 'listAuditCases',
        summary: 'An audit’s cases, children and household',
        params: auditParams,
        query: include,
        responses: { '200': { description: 'The cases', schema: z.object({ cases: z.array(auditCase) }) } },
        handler: async (input) => ({ cases: await answer(input, input.params.auditId) }),
      }),
      apiRoute({
        method: 'GET',
        url: '/audits/:auditId/cases/:caseId',
        access: 'audit:read',
        operationId: 'getAuditCase',
        summary: 'One case',
        params: caseParams,
        query: include,
        responses: { '200': { description: 'The case', schema: auditCase } },
        handler: async (input) => (await answer(input, input.params.auditId, input.params.caseId))[0],
      }),
    ]);
    return Promise.resolve();
  });
}
