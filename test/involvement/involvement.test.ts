import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { anAudit } from '../support/audit-builders.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';

let t: TestApp;
let partnershipId: string;
let police: string;
let health: string;
const b: Record<string, Browser> = {};

beforeAll(async () => {
  t = await buildTestApp();
  partnershipId = await aPartnership().create(t.database.db);
  police = await anAgency(partnershipId).named('Police').create(t.database.db);
  health = await anAgency(partnershipId).named('=Health').ofType('community_health').create(t.database.db);
  const make = async (key: string, role: 'coordinator' | 'audit_lead' | 'auditor', agencyId?: string) => {
    let builder = aUser(partnershipId).withRole(role).exemptFromSecondFactor().withEmail(`${key}@example.org`);
    if (agencyId) builder = builder.inAgency(agencyId);
    const user = await builder.create(t.database.db);
    b[key] = new Browser(t.app);
    await b[key].signIn(user.email, user.password);
    return user.id;
  };
  await make('coordinator', 'coordinator');
  await make('policeLead', 'audit_lead', police);
  await make('policeAuditor', 'auditor', police);
  await make('healthAuditor', 'auditor', health);
});
afterAll(async () => t?.close());

describe('invitations and involvement', () => {
  it('invites agencies, names a lead (e-mailed), records involvement with reasons, and builds the participation table', async () => {
    const audit = await anAudit(partnershipId).withCases(3).create(t.database.db);
    const c = b.coordinator!;
    await c.get(`/audits/${audit.id}/agencies`);
    expect((await c.post(`/audits/${audit.id}/agencies`, {})).body).toContain('Select one or more agencies to invite');
    expect((await c.post(`/audits/${audit.id}/agencies`, { agencies: [police, health] })).statusCode).toBe(303);
    const lead = await t.database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', 'policelead@example.org')
      .executeTakeFirstOrThrow();
    await c.get(`/audits/${audit.id}/agencies`);
    expect((await c.post(`/audits/${audit.id}/agencies/${police}/lead`, { leadUserId: lead.id })).statusCode).toBe(303);
    expect(
      await t.database.db
        .selectFrom('outbox')
        .select('id')
        .where('to_address', '=', 'policelead@example.org')
        .where('template', '=', 'audit-lead-named')
        .execute(),
    ).toHaveLength(1);

    const [c1, c2, c3] = audit.caseIds as [string, string, string];
    const url = `/audits/${audit.id}/involvement/${police}`;
    await b.policeLead!.get(url);
    const noReason = await b.policeLead!.post(url, {
      [`status-${c1}`]: 'involved',
      [`status-${c2}`]: 'out_of_scope',
      [`version-${c1}`]: '0',
      [`version-${c2}`]: '0',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Give the reason for Case 2 (out of scope)');
    const saved = await b.policeLead!.post(url, {
      [`status-${c1}`]: 'involved',
      [`status-${c2}`]: 'partly_in_scope',
      [`reason-${c2}`]: 'Known before the scope period',
      [`status-${c3}`]: 'out_of_scope',
      [`reason-${c3}`]: 'No contact in scope',
      [`version-${c1}`]: '0',
      [`version-${c2}`]: '0',
      [`version-${c3}`]: '0',
    });
    expect(saved.statusCode).toBe(303);
    expect(
      await t.database.db
        .selectFrom('agency_return')
        .select('id')
        .where('case_id', '=', c1)
        .where('agency_id', '=', police)
        .execute(),
    ).toHaveLength(1);

    const matrix = await c.get(`/audits/${audit.id}/involvement`);
    expect(matrix.body).toContain('Partly in scope');
    expect(matrix.body).toContain('Awaiting (3)');
    const participation = await c.get(`/audits/${audit.id}/participation`);
    expect(participation.body).toContain('1 (out of the 3, 1 audited, 1 mostly out of scope and 1 out of scope)');
    expect(participation.body).toContain('<td class="govuk-table__cell">-</td>');
    const csv = await c.get(`/audits/${audit.id}/participation.csv`);
    expect(csv.body).toContain(`'=Health`);
    const withdraw = await c.post(`/audits/${audit.id}/agencies/${police}/withdraw`, {});
    expect(withdraw.body).toContain('cannot be withdrawn');
  });

  it('keeps each agency to its own form and column, and refuses stale rows', async () => {
    const audit = await anAudit(partnershipId).inviting(police, health).withCases(1).create(t.database.db);
    const caseId = audit.caseIds[0]!;
    expect((await b.healthAuditor!.get(`/audits/${audit.id}/involvement/${police}`)).statusCode).toBe(404);
    await b.healthAuditor!.get(`/audits/${audit.id}/involvement/${health}`);
    await b.healthAuditor!.post(`/audits/${audit.id}/involvement/${health}`, {
      [`status-${caseId}`]: 'not_known',
      [`version-${caseId}`]: '0',
    });
    await b.policeAuditor!.get(`/audits/${audit.id}/involvement/${police}`);
    await b.policeAuditor!.post(`/audits/${audit.id}/involvement/${police}`, {
      [`status-${caseId}`]: 'involved',
      [`version-${caseId}`]: '0',
    });
    const own = await b.healthAuditor!.get(`/audits/${audit.id}/involvement`);
    expect(own.body).toContain('=Health');
    expect(own.body).not.toContain('>Police<');
    const stale = await b.policeAuditor!.post(`/audits/${audit.id}/involvement/${police}`, {
      [`status-${caseId}`]: 'not_known',
      [`version-${caseId}`]: '0',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else recorded Case 1');
    const progress = await b.coordinator!.get(`/audits/${audit.id}/progress`);
    expect(progress.body).toContain('Not started');
    expect((await b.policeAuditor!.get(`/audits/${audit.id}/progress`)).statusCode).toBe(404);
  });
});
