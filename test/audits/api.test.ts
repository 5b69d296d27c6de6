import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { aPartnershipWithPeople, anAuditPlanned, type People } from './support.ts';

type AuditList = { audits: { reference: string }[] };
type OpenApi = {
  paths: Record<'/audits' | '/audits/{auditId}', { get: { operationId: string } }>;
  components: { schemas: Record<string, unknown> };
};

let t: TestApp;
let people: People;
let invited: string;
let notInvited: string;

async function tokenFor(who: { id: string }) {
  return (
    await t.services.apiTokens.create(who.id, 'test', {
      userId: who.id,
      partnershipId: people.partnershipId,
      correlationId: null,
      ip: null,
    })
  ).token;
}
async function get(url: string, who?: { id: string }) {
  const headers: Record<string, string> = who ? { authorization: `Bearer ${await tokenFor(who)}` } : {};
  return t.app.inject({ method: 'GET', url, headers });
}

beforeAll(async () => {
  t = await buildTestApp();
  people = await aPartnershipWithPeople(t);
  invited = (
    await anAuditPlanned(t, people, {
      plan: {
        title: 'Police audit',
        reference: 'POL-1',
        scope: { kind: 'months', from: null, to: null, months: 6, referenceDate: '2018-11-13' },
        milestones: [{ kind: 'returns_deadline', label: 'Returns deadline', due: '2018-12-14', done: null }],
      },
      cases: 3,
      invite: [people.police],
    })
  ).id;
  notInvited = (
    await anAuditPlanned(t, people, { plan: { title: 'Health audit', reference: 'HEA-1' }, invite: [people.health] })
  ).id;
  const browser = people.coordinator.browser;
  const page = await browser.get(`/audits/${invited}`);
  const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
  expect((await browser.post(`/audits/${invited}/status`, { to: 'returns_open', version })).statusCode).toBe(303);
});
afterAll(async () => t?.close());

describe('audits in /api/v1', () => {
  it('lists the audits the token’s owner may see', async () => {
    const all = await get('/api/v1/audits', people.coordinator);
    expect(all.statusCode).toBe(200);
    expect(
      all
        .json<AuditList>()
        .audits.map((a: { reference: string }) => a.reference)
        .sort(),
    ).toEqual(['HEA-1', 'POL-1']);
    const police = (await get('/api/v1/audits', people.policeAuditor)).json<AuditList>();
    expect(police.audits).toHaveLength(1);
    expect(police.audits[0]).toMatchObject({
      id: invited,
      reference: 'POL-1',
      title: 'Police audit',
      theme: 'Domestic abuse',
      status: 'returns_open',
      year: 2018,
      caseCount: 3,
      invitedAgencyCount: 1,
      scope: {
        kind: 'months',
        from: '2018-05-13',
        to: '2018-11-12',
        months: 6,
        referenceDate: '2018-11-13',
        text: 'the 6 months before 13 November 2018',
      },
      nextMilestone: { kind: 'returns_deadline', label: 'Returns deadline', due: '2018-12-14' },
    });
    const open = (await get('/api/v1/audits?status=planning', people.panel)).json<AuditList>();
    expect(open.audits.map((a: { reference: string }) => a.reference)).toEqual(['HEA-1']);
    const bad = await get('/api/v1/audits?status=open', people.coordinator);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toContain('status: one of planning');
  });

  it('gives an audit’s detail with its milestones, status history and facts', async () => {
    const response = await get(`/api/v1/audits/${invited}`, people.policeLead);
    expect(response.statusCode).toBe(200);
    const body = response.json<unknown>();
    expect(body).toMatchObject({
      id: invited,
      reference: 'POL-1',
      status: 'returns_open',
      version: 2,
      linesOfEnquiry: 'How well did agencies share information?',
      milestones: [{ kind: 'returns_deadline', label: 'Returns deadline', due: '2018-12-14', done: null }],
      statusHistory: [{ from: 'planning', to: 'returns_open', reason: null, by: 'coordinator person' }],
      facts: {
        caseCount: 3,
        invitedAgencyCount: 1,
        agenciesWithoutLead: 1,
        hasReturnsDeadline: true,
        returnsReceived: 0,
        unresolvedConcerns: 0,
        openActions: 0,
      },
    });
  });

  it('answers 404 for an audit the owner may not see, and 401 without a token', async () => {
    expect((await get(`/api/v1/audits/${notInvited}`, people.policeAuditor)).statusCode).toBe(404);
    expect((await get(`/api/v1/audits/${invited}`, people.healthAuditor)).statusCode).toBe(404);
    expect((await get('/api/v1/audits', people.practitioner)).statusCode).toBe(404);
    expect((await get('/api/v1/audits', people.administrator)).statusCode).toBe(404);
    expect((await get('/api/v1/audits/not-a-uuid', people.coordinator)).statusCode).toBe(404);
    expect((await get('/api/v1/audits')).statusCode).toBe(401);
    expect((await get(`/api/v1/audits/${invited}`)).statusCode).toBe(401);
  });

  it('is described in the OpenAPI document', async () => {
    const document = (await get('/api/v1/openapi.json')).json<OpenApi>();
    expect(document.paths['/audits'].get.operationId).toBe('listAudits');
    expect(document.paths['/audits/{auditId}'].get.operationId).toBe('getAudit');
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(['Audit', 'AuditSummary', 'AuditScope']),
    );
  });
});
