import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { anAudit } from '../support/audit-builders.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';

let t: TestApp;
let partnershipId: string;
let police: string;
const b: Record<string, Browser> = {};

beforeAll(async () => {
  t = await buildTestApp();
  partnershipId = await aPartnership().create(t.database.db);
  police = await anAgency(partnershipId).named('Police').create(t.database.db);
  for (const [key, role] of [
    ['coordinator', 'coordinator'],
    ['panel', 'panel_member'],
    ['panel2', 'panel_member'],
    ['auditor', 'auditor'],
  ] as const) {
    let builder = aUser(partnershipId).withRole(role).exemptFromSecondFactor();
    if (role === 'auditor') builder = builder.inAgency(police);
    const user = await builder.create(t.database.db);
    b[key] = new Browser(t.app);
    await b[key].signIn(user.email, user.password);
  }
});
afterAll(async () => t?.close());

describe('findings', () => {
  it('suggests themes from the text with the reason, and saves the panel’s choice', async () => {
    const audit = await anAudit(partnershipId).inviting(police).withCases(2).create(t.database.db);
    const panel = b.panel!;
    await panel.get(`/audits/${audit.id}/findings/new`);
    const text = 'Social Workers were not always made aware of the outcomes of MARAC meetings.';
    const suggested = await panel.post(`/audits/${audit.id}/findings`, {
      action: 'suggest',
      kind: 'development',
      scope: 'across',
      text,
    });
    expect(suggested.statusCode).toBe(200);
    expect(suggested.body).toContain('Suggested because the finding mentions: “marac”');
    const themes = await t.database.db
      .selectFrom('learning_theme')
      .select(['id', 'code'])
      .where('partnership_id', '=', partnershipId)
      .execute();
    const marac = themes.find((x) => x.code === 'marac_outcomes')!.id;
    const saved = await panel.post(`/audits/${audit.id}/findings`, {
      action: 'save',
      kind: 'development',
      scope: 'across',
      text,
      themes: [marac],
      suggested: [marac],
      agencies: [police],
    });
    expect(saved.statusCode).toBe(303);
    const list = await b.auditor!.get(`/audits/${audit.id}/findings`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('MARAC outcomes reaching agencies');
    const link = await t.database.db.selectFrom('finding_theme').select(['suggested']).executeTakeFirstOrThrow();
    expect(link.suggested).toBe(true);
  });

  it('refuses a finding without kind or text, or linked to a case from another audit', async () => {
    const audit = await anAudit(partnershipId).inviting(police).create(t.database.db);
    const other = await anAudit(partnershipId).inviting(police).create(t.database.db);
    const coordinator = b.coordinator!;
    await coordinator.get(`/audits/${audit.id}/findings/new`);
    const empty = await coordinator.post(`/audits/${audit.id}/findings`, { action: 'save', scope: 'cases' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Select whether this is a strength or an area for development');
    expect(empty.body).toContain('Enter the finding');
    expect(empty.body).toContain('Select the case or cases the finding is about');
    const leak = await coordinator.post(`/audits/${audit.id}/findings`, {
      action: 'save',
      kind: 'strength',
      scope: 'cases',
      cases: [other.caseIds[0]!],
      text: 'Good joint visit',
    });
    expect(leak.statusCode).toBe(400);
    expect(leak.body).toContain('Select cases from this audit');
    expect(
      await t.database.db.selectFrom('finding').select('id').where('audit_id', '=', audit.id).execute(),
    ).toHaveLength(0);
  });

  it('shows a conflict when two panel members edit the same finding', async () => {
    const audit = await anAudit(partnershipId).inviting(police).create(t.database.db);
    await b.panel!.get(`/audits/${audit.id}/findings/new`);
    await b.panel!.post(`/audits/${audit.id}/findings`, {
      action: 'save',
      kind: 'strength',
      scope: 'cases',
      cases: [audit.caseIds[0]!],
      text: 'Timely referral',
    });
    const finding = await t.database.db
      .selectFrom('finding')
      .select('id')
      .where('audit_id', '=', audit.id)
      .executeTakeFirstOrThrow();
    const url = `/audits/${audit.id}/findings/${finding.id}`;
    await b.panel!.get(url);
    await b.panel2!.get(url);
    expect(
      (
        await b.panel!.post(url, {
          action: 'save',
          kind: 'strength',
          scope: 'cases',
          cases: [audit.caseIds[0]!],
          text: 'Timely referral by police',
          version: '1',
        })
      ).statusCode,
    ).toBe(303);
    const stale = await b.panel2!.post(url, {
      action: 'save',
      kind: 'strength',
      scope: 'cases',
      cases: [audit.caseIds[0]!],
      text: 'Referral was timely and thorough',
      version: '1',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Timely referral by police');
    expect(stale.body).toContain('Referral was timely and thorough');
  });

  it('lets only the coordinator and panel record findings', async () => {
    const audit = await anAudit(partnershipId).inviting(police).create(t.database.db);
    expect((await b.auditor!.get(`/audits/${audit.id}/findings/new`)).statusCode).toBe(404);
  });
});

describe('learning themes', () => {
  it('lets the coordinator add, rename and withdraw a theme, refusing duplicates', async () => {
    await b.coordinator!.get('/learning-themes');
    const dup = await b.coordinator!.post('/learning-themes', { label: 'professional curiosity' });
    expect(dup.statusCode).toBe(400);
    expect(dup.body).toContain('There is already a theme with this name');
    expect((await b.coordinator!.post('/learning-themes', { label: 'Private fostering' })).statusCode).toBe(303);
    const theme = await t.database.db
      .selectFrom('learning_theme')
      .select('id')
      .where('label', '=', 'Private fostering')
      .executeTakeFirstOrThrow();
    await b.coordinator!.get('/learning-themes');
    await b.coordinator!.post(`/learning-themes/${theme.id}`, { label: 'Private fostering arrangements' });
    const row = await t.database.db
      .selectFrom('learning_theme')
      .select(['label', 'active'])
      .where('id', '=', theme.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ label: 'Private fostering arrangements', active: false });
    expect((await b.auditor!.get('/learning-themes')).statusCode).toBe(404);
  });
});
