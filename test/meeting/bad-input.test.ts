import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { anAudit } from '../support/audit-builders.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';

/** What the meeting and action plan refuse, and what a refusal must not reveal or lose. */
let t: TestApp;
let partnershipId: string;
let police: string;
let ownerId: string;
let elsewhere: { agencyId: string; userId: string };
const b: Record<string, Browser> = {};

beforeAll(async () => {
  t = await buildTestApp();
  partnershipId = await aPartnership().create(t.database.db);
  police = await anAgency(partnershipId).named('Police').create(t.database.db);
  for (const [key, role] of [
    ['coordinator', 'coordinator'],
    ['panel', 'panel_member'],
    ['panel2', 'panel_member'],
    ['owner', 'action_owner'],
  ] as const) {
    let builder = aUser(partnershipId).withRole(role).exemptFromSecondFactor().named(`${key} person`);
    if (role === 'action_owner') builder = builder.inAgency(police);
    const user = await builder.create(t.database.db);
    if (key === 'owner') ownerId = user.id;
    b[key] = new Browser(t.app);
    await b[key].signIn(user.email, user.password);
  }
  const otherPartnership = await aPartnership().create(t.database.db);
  const agencyId = await anAgency(otherPartnership).named('Other force').create(t.database.db);
  const user = await aUser(otherPartnership)
    .withRole('action_owner')
    .inAgency(agencyId)
    .exemptFromSecondFactor()
    .create(t.database.db);
  elsewhere = { agencyId, userId: user.id };
});
afterAll(async () => t?.close());

const dates = (prefix: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${prefix}-day`]: String(Number(d)), [`${prefix}-month`]: String(Number(m)), [`${prefix}-year`]: y! };
};
const actionsOf = (auditId: string) =>
  t.database.db.selectFrom('action').select('id').where('audit_id', '=', auditId).execute();

describe('actions that cannot be saved', () => {
  it('refuses an action without an owning agency or a named lead, naming each field and keeping the text', async () => {
    const audit = await anAudit(partnershipId).inviting(police).inStatus('monitoring').create(t.database.db);
    await b.panel!.get(`/audits/${audit.id}/actions/new`);
    const response = await b.panel!.post(`/audits/${audit.id}/actions`, {
      text: 'Audit MARAC notifications to schools',
      agencyId: '',
      leadUserId: '',
      ...dates('dueOn', '2027-06-01'),
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<a href="#agencyId">Select the agency that owns the action</a>');
    expect(response.body).toContain('<a href="#leadUserId">Select the named lead for the action</a>');
    expect(response.body).toContain('Audit MARAC notifications to schools');
    expect(response.body).toMatch(/<title>Error: /);
    expect(await actionsOf(audit.id)).toHaveLength(0);
  });

  it('refuses an owner, lead or recommendation from outside the audit', async () => {
    const audit = await anAudit(partnershipId).inviting(police).inStatus('monitoring').create(t.database.db);
    const other = await anAudit(partnershipId).inviting(police).inStatus('monitoring').create(t.database.db);
    const foreign = await t.database.db
      .insertInto('recommendation')
      .values({ audit_id: other.id, text: 'Secret recommendation of another audit', addressed_to: 'partnership' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await b.panel!.get(`/audits/${audit.id}/actions/new`);
    const response = await b.panel!.post(`/audits/${audit.id}/actions`, {
      text: 'Brief DSLs',
      agencyId: elsewhere.agencyId,
      leadUserId: elsewhere.userId,
      recommendationId: foreign.id,
      ...dates('dueOn', '2027-06-01'),
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Select the agency that owns the action');
    expect(response.body).toContain('Select the named lead for the action');
    expect(response.body).toContain('Select a recommendation from this audit');
    expect(response.body).not.toContain('Secret recommendation of another audit');
    expect(response.body).not.toContain('Other force');
    expect(await actionsOf(audit.id)).toHaveLength(0);
  });

  it('refuses a due date before the start date, and an impossible date, on the due date field', async () => {
    const audit = await anAudit(partnershipId).inviting(police).inStatus('monitoring').create(t.database.db);
    await b.coordinator!.get(`/audits/${audit.id}/actions/new`);
    const before = await b.coordinator!.post(`/audits/${audit.id}/actions`, {
      text: 'Brief DSLs',
      agencyId: police,
      leadUserId: ownerId,
      ...dates('startOn', '2027-06-02'),
      ...dates('dueOn', '2027-06-01'),
    });
    expect(before.statusCode).toBe(400);
    expect(before.body).toContain('<a href="#dueOn-day">The due date must be the same as or after the start date</a>');
    expect(before.body).toMatch(/id="dueOn-day" name="dueOn-day" type="text" value="1"/);
    const impossible = await b.coordinator!.post(`/audits/${audit.id}/actions`, {
      text: 'Brief DSLs',
      agencyId: police,
      leadUserId: ownerId,
      'dueOn-day': '31',
      'dueOn-month': '2',
      'dueOn-year': '2027',
    });
    expect(impossible.statusCode).toBe(400);
    expect(impossible.body).toContain('The due date must be a real date');
    expect(await actionsOf(audit.id)).toHaveLength(0);
    // The database refuses it too, whatever the route.
    await expect(
      t.database.db
        .insertInto('action')
        .values({
          audit_id: audit.id,
          text: 'x',
          agency_id: police,
          lead_user_id: ownerId,
          start_on: '2027-06-02',
          due_on: '2027-06-01',
        })
        .execute(),
    ).rejects.toThrow(/action_dates/);
  });
});

describe('findings that cannot be saved', () => {
  it('refuses a finding linked to another audit’s case without revealing that case', async () => {
    const audit = await anAudit(partnershipId).inviting(police).withCases(2).create(t.database.db);
    const other = await anAudit(partnershipId).inviting(police).create(t.database.db);
    await t.database.db
      .updateTable('audit_case')
      .set({ reference: 'Case 9 of the other audit' })
      .where('id', '=', other.caseIds[0]!)
      .execute();
    await b.panel!.get(`/audits/${audit.id}/findings/new`);
    const mixed = await b.panel!.post(`/audits/${audit.id}/findings`, {
      action: 'save',
      kind: 'development',
      scope: 'cases',
      cases: [audit.caseIds[0]!, other.caseIds[0]!],
      text: 'Fathers not seen',
    });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.body).toContain('<a href="#cases">Select cases from this audit</a>');
    expect(mixed.body).toContain('Fathers not seen');
    expect(mixed.body).not.toContain('Case 9 of the other audit');
    expect(mixed.body).not.toContain(other.caseIds[0]!);
    expect(
      await t.database.db.selectFrom('finding').select('id').where('audit_id', '=', audit.id).execute(),
    ).toHaveLength(0);
    // A recommendation cannot answer another audit's finding either.
    const foreign = await t.database.db
      .insertInto('finding')
      .values({ audit_id: other.id, kind: 'development', text: 'Other audit finding text', across_cases: true })
      .returning('id')
      .executeTakeFirstOrThrow();
    await b.panel!.get(`/audits/${audit.id}/recommendations/new`);
    const rec = await b.panel!.post(`/audits/${audit.id}/recommendations`, {
      text: 'Think family',
      addressedTo: 'partnership',
      findings: [foreign.id],
    });
    expect(rec.statusCode).toBe(400);
    expect(rec.body).toContain('Select findings from this audit');
    expect(rec.body).not.toContain('Other audit finding text');
  });

  it('keeps both panel members’ words when they edit the same finding: the later save changes nothing until resent', async () => {
    const audit = await anAudit(partnershipId).inviting(police).create(t.database.db);
    const finding = await t.database.db
      .insertInto('finding')
      .values({ audit_id: audit.id, kind: 'development', text: 'MARAC outcomes not shared', across_cases: true })
      .returning('id')
      .executeTakeFirstOrThrow();
    const url = `/audits/${audit.id}/findings/${finding.id}`;
    await b.panel!.get(url);
    await b.panel2!.get(url);
    expect(
      (
        await b.panel!.post(url, {
          action: 'save',
          kind: 'development',
          scope: 'across',
          text: 'MARAC outcomes did not reach schools or GPs',
          version: '1',
        })
      ).statusCode,
    ).toBe(303);
    const stale = await b.panel2!.post(url, {
      action: 'save',
      kind: 'development',
      scope: 'across',
      text: 'MARAC actions were not followed up by health',
      version: '1',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('MARAC outcomes did not reach schools or GPs');
    expect(stale.body).toContain('MARAC actions were not followed up by health');
    expect(stale.body).toContain('name="version" value="2"');
    const saved = await t.database.db
      .selectFrom('finding')
      .select(['text', 'version'])
      .where('id', '=', finding.id)
      .executeTakeFirstOrThrow();
    expect(saved).toEqual({ text: 'MARAC outcomes did not reach schools or GPs', version: 2 });
    // The second member merges and saves against the version they have now seen.
    expect(
      (
        await b.panel2!.post(url, {
          action: 'save',
          kind: 'development',
          scope: 'across',
          text: 'MARAC outcomes did not reach schools or GPs; actions not followed up by health',
          version: '2',
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (await t.database.db.selectFrom('finding').select('text').where('id', '=', finding.id).executeTakeFirstOrThrow())
        .text,
    ).toContain('not followed up by health');
  });
});
