import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { anAudit } from '../support/audit-builders.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';
import type { Role } from '../../src/domain/roles.ts';

let t: TestApp;
let partnershipId: string;
let police: string;
let health: string;
let housing: string;
const tokens: Record<string, string> = {};

async function person(key: string, role: Role, agencyId?: string) {
  let builder = aUser(partnershipId).withRole(role);
  if (agencyId) builder = builder.inAgency(agencyId);
  const user = await builder.create(t.database.db);
  tokens[key] = (
    await t.services.apiTokens.create(user.id, 'test', {
      userId: user.id,
      partnershipId,
      correlationId: null,
      ip: null,
    })
  ).token;
}

const call = (method: 'GET' | 'PUT', url: string, who?: string, payload?: unknown) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: who ? { authorization: `Bearer ${tokens[who]}` } : {},
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

beforeAll(async () => {
  t = await buildTestApp();
  partnershipId = await aPartnership().create(t.database.db);
  police = await anAgency(partnershipId).named('Police').create(t.database.db);
  health = await anAgency(partnershipId).named('Health').ofType('community_health').create(t.database.db);
  housing = await anAgency(partnershipId).named('Housing').ofType('housing').create(t.database.db);
  await person('coordinator', 'coordinator');
  await person('panel', 'panel_member');
  await person('administrator', 'administrator');
  await person('practitioner', 'practitioner');
  await person('actionOwner', 'action_owner', police);
  await person('policeLead', 'audit_lead', police);
  await person('policeAuditor', 'auditor', police);
  await person('healthLead', 'audit_lead', health);
  await person('healthAuditor', 'auditor', health);
  await person('housingLead', 'audit_lead', housing);
});
afterAll(async () => t?.close());

const anAuditForApi = () => anAudit(partnershipId).inviting(police, health).withCases(2).create(t.database.db);

type Cell = { caseId: string; agencyId: string; status: string; reason: string; version: number };
type Listing = { agencies: { id: string; name: string }[]; cases: { reference: string }[]; cells: Cell[] };
type ApiError = { error: { code: string; message: string; fields: Record<string, { text: string }> } };
type Operation = { operationId: string };
type Document = {
  paths: {
    '/audits/{auditId}/involvement': { get: Operation };
    '/audits/{auditId}/involvement/{agencyId}/{caseId}': { put: Operation };
  };
  components: { schemas: { InvolvementCell: { required: string[] } } };
};

describe('involvement in /api/v1', () => {
  it('lists every cell to the coordinator and panel, and an agency its own column', async () => {
    const audit = await anAuditForApi();
    for (const who of ['coordinator', 'panel']) {
      const response = await call('GET', `/audits/${audit.id}/involvement`, who);
      expect(response.statusCode, who).toBe(200);
      const body = response.json<Listing>();
      expect(body.agencies.map((a: { name: string }) => a.name)).toEqual(['Health', 'Police']);
      expect(body.cases.map((c: { reference: string }) => c.reference)).toEqual(['Case 1', 'Case 2']);
      expect(body.cells).toHaveLength(4);
      expect(body.cells[0]).toEqual({
        caseId: audit.caseIds[0],
        agencyId: health,
        status: 'awaiting',
        reason: '',
        version: 0,
      });
    }
    for (const who of ['policeLead', 'policeAuditor']) {
      const body = (await call('GET', `/audits/${audit.id}/involvement`, who)).json<Listing>();
      expect(
        body.agencies.map((a: { id: string }) => a.id),
        who,
      ).toEqual([police]);
      expect(body.cells.every((c: { agencyId: string }) => c.agencyId === police)).toBe(true);
    }
    for (const who of ['housingLead', 'administrator', 'practitioner', 'actionOwner'])
      expect((await call('GET', `/audits/${audit.id}/involvement`, who)).statusCode, who).toBe(404);
    expect((await call('GET', `/audits/${audit.id}/involvement`)).statusCode).toBe(401);
  });

  it('records a cell for the agency’s own lead and auditor, and for the coordinator, with its version', async () => {
    const audit = await anAuditForApi();
    const [c1, c2] = audit.caseIds as [string, string];
    const lead = await call('PUT', `/audits/${audit.id}/involvement/${police}/${c1}`, 'policeLead', {
      status: 'involved',
      version: 0,
    });
    expect(lead.statusCode).toBe(200);
    expect(lead.json()).toEqual({ caseId: c1, agencyId: police, status: 'involved', reason: '', version: 1 });
    expect(
      await t.database.db
        .selectFrom('agency_return')
        .select('status')
        .where('case_id', '=', c1)
        .where('agency_id', '=', police)
        .execute(),
    ).toEqual([{ status: 'not_started' }]);
    const auditor = await call('PUT', `/audits/${audit.id}/involvement/${police}/${c2}`, 'policeAuditor', {
      status: 'partly_in_scope',
      reason: ' Known before the scope period ',
      version: 0,
    });
    expect(auditor.json()).toMatchObject({
      status: 'partly_in_scope',
      reason: 'Known before the scope period',
      version: 1,
    });
    const coordinator = await call('PUT', `/audits/${audit.id}/involvement/${health}/${c1}`, 'coordinator', {
      status: 'not_known',
      version: 0,
    });
    expect(coordinator.json()).toMatchObject({ agencyId: health, status: 'not_known', version: 1 });
    const again = await call('PUT', `/audits/${audit.id}/involvement/${health}/${c1}`, 'healthAuditor', {
      status: 'out_of_scope',
      reason: 'Closed before the scope',
      version: 1,
    });
    expect(again.json()).toMatchObject({ status: 'out_of_scope', version: 2 });
    const listed = (await call('GET', `/audits/${audit.id}/involvement`, 'coordinator')).json<Listing>();
    expect(
      listed.cells.find((c: { caseId: string; agencyId: string }) => c.caseId === c2 && c.agencyId === police),
    ).toMatchObject({ status: 'partly_in_scope', version: 1 });
    const logged = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'involvement.recorded')
      .where('record_id', '=', audit.id)
      .execute();
    expect(logged).toHaveLength(4);
  });

  it('answers 404 to another agency’s lead and auditor, and to roles that may not record', async () => {
    const audit = await anAuditForApi();
    const url = `/audits/${audit.id}/involvement/${police}/${audit.caseIds[0]}`;
    for (const who of [
      'healthLead',
      'healthAuditor',
      'housingLead',
      'panel',
      'administrator',
      'practitioner',
      'actionOwner',
    ]) {
      expect((await call('PUT', url, who, { status: 'involved', version: 0 })).statusCode, who).toBe(404);
    }
    expect((await call('PUT', url, undefined, { status: 'involved', version: 0 })).statusCode).toBe(401);
    expect(
      (
        await call('PUT', `/audits/${audit.id}/involvement/${housing}/${audit.caseIds[0]}`, 'coordinator', {
          status: 'involved',
          version: 0,
        })
      ).statusCode,
    ).toBe(404);
    const elsewhere = await anAuditForApi();
    expect(
      (
        await call('PUT', `/audits/${audit.id}/involvement/${police}/${elsewhere.caseIds[0]}`, 'policeLead', {
          status: 'involved',
          version: 0,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await call('PUT', `/audits/${audit.id}/involvement/${police}/not-a-case`, 'policeLead', {
          status: 'involved',
          version: 0,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      await t.database.db.selectFrom('involvement').select('status').where('case_id', 'in', audit.caseIds).execute(),
    ).toEqual([]);
  });

  it('refuses invalid input with the field at fault, as the form does', async () => {
    const audit = await anAuditForApi();
    const url = `/audits/${audit.id}/involvement/${police}/${audit.caseIds[1]}`;
    const noStatus = await call('PUT', url, 'policeLead', { version: 0 });
    expect(noStatus.statusCode).toBe(400);
    expect(noStatus.json<ApiError>().error).toMatchObject({
      code: 'invalid',
      fields: { status: { text: expect.stringContaining('Select your agency’s involvement in Case 2') as unknown } },
    });
    const unknown = await call('PUT', url, 'policeLead', { status: 'maybe', version: 0 });
    expect(unknown.json<ApiError>().error.message).toBe(
      'status: Select your agency’s involvement in Case 2: one of involved, not_known, out_of_scope, partly_in_scope, declined',
    );
    const noReason = await call('PUT', url, 'policeLead', { status: 'out_of_scope', reason: '  ', version: 0 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<ApiError>().error).toEqual({
      code: 'invalid',
      message: 'reason: Give the reason for Case 2 (out of scope)',
      fields: { reason: { text: 'Give the reason for Case 2 (out of scope)' } },
    });
    const noVersion = await call('PUT', url, 'policeLead', { status: 'involved' });
    expect(Object.keys(noVersion.json<ApiError>().error.fields)).toEqual(['version']);
    expect(
      await t.database.db.selectFrom('involvement').select('status').where('case_id', '=', audit.caseIds[1]!).execute(),
    ).toEqual([]);
  });

  it('refuses a stale version and a change once the return has started, with the cell as it is', async () => {
    const audit = await anAuditForApi();
    const url = `/audits/${audit.id}/involvement/${police}/${audit.caseIds[0]}`;
    expect((await call('PUT', url, 'policeLead', { status: 'involved', version: 0 })).statusCode).toBe(200);
    const stale = await call('PUT', url, 'policeAuditor', { status: 'not_known', version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: { code: 'conflict' }, current: { status: 'involved', version: 1 } });
    await t.database.db
      .updateTable('agency_return')
      .set({ status: 'in_progress' })
      .where('case_id', '=', audit.caseIds[0]!)
      .where('agency_id', '=', police)
      .execute();
    const locked = await call('PUT', url, 'policeAuditor', { status: 'not_known', version: 1 });
    expect(locked.statusCode).toBe(409);
    expect(locked.json()).toMatchObject({ error: { code: 'locked' }, current: { status: 'involved', version: 1 } });
  });

  it('is described in the OpenAPI document', async () => {
    const document = (await call('GET', '/openapi.json')).json<Document>();
    expect(document.paths['/audits/{auditId}/involvement'].get.operationId).toBe('listInvolvement');
    expect(document.paths['/audits/{auditId}/involvement/{agencyId}/{caseId}'].put.operationId).toBe(
      'recordInvolvement',
    );
    expect(document.components.schemas.InvolvementCell.required).toEqual([
      'caseId',
      'agencyId',
      'status',
      'reason',
      'version',
    ]);
  });
});
