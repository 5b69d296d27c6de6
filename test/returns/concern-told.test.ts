import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { aReturn, anAudit } from '../support/audit-builders.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';

/**
 * After raising a concern the auditor is told exactly who was e-mailed. The partnership has two
 * active coordinators (Casey Coordinator, Dana Deputy) and one inactive (never e-mailed); Police has
 * a safeguarding lead set up, the Health trust has none.
 */
let t: TestApp;
let partnershipId: string;
let police: string;
let health: string;
const b: Record<string, Browser> = {};
const CASEY = 'casey.coordinator@partnership.example';
const DANA = 'dana.deputy@partnership.example';
const LEAD = 'safeguarding.lead@police.example';

async function signedIn(key: string, builder: ReturnType<typeof aUser>) {
  const user = await builder.exemptFromSecondFactor().create(t.database.db);
  b[key] = new Browser(t.app);
  await b[key].signIn(user.email, user.password);
}

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  partnershipId = await aPartnership().create(db);
  police = await anAgency(partnershipId).named('Police').create(db);
  health = await anAgency(partnershipId).named('Health trust').ofType('community_health').create(db);
  await db.updateTable('agency').set({ safeguarding_lead_email: LEAD }).where('id', '=', police).execute();
  await signedIn('casey', aUser(partnershipId).withRole('coordinator').named('Casey Coordinator').withEmail(CASEY));
  await aUser(partnershipId).withRole('coordinator').named('Dana Deputy').withEmail(DANA).create(db);
  await aUser(partnershipId)
    .withRole('coordinator')
    .named('Olly Old')
    .withEmail('olly@partnership.example')
    .inactive()
    .create(db);
  await signedIn('police', aUser(partnershipId).withRole('auditor').inAgency(police));
  await signedIn('health', aUser(partnershipId).withRole('auditor').inAgency(health));
});
afterAll(async () => t?.close());

const form = (childId: string) => ({
  child: childId,
  whatFound: 'Child A disclosed an assault last night; no referral made.',
  toldWhom: 'Named nurse for safeguarding',
  'toldOn-day': '20',
  'toldOn-month': '11',
  'toldOn-year': '2026',
  toldTime: '09:15',
});

async function raise(agencyId: string, browser: Browser) {
  const audit = await anAudit(partnershipId).inviting(agencyId).create(t.database.db);
  const child = await t.database.db
    .insertInto('case_child')
    .values({ case_id: audit.caseIds[0]!, pseudonym: 'Child A' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const returnId = await aReturn(t.database.db, audit.caseIds[0]!, agencyId);
  const formPage = await browser.get(`/returns/${returnId}/concerns/new`);
  const raised = await browser.post(`/returns/${returnId}/concerns`, form(child.id));
  expect(raised.statusCode).toBe(303);
  const concernId = raised.headers.location!.split('/').pop()!;
  const page = await browser.get(raised.headers.location!);
  const sent = await t.database.db
    .selectFrom('outbox')
    .select('to_address')
    .where('template', '=', 'immediate-concern')
    .where('body', 'like', `%/concerns/${concernId}%`)
    .orderBy('to_address')
    .execute();
  const log = await t.database.db
    .selectFrom('audit_log')
    .select('detail')
    .where('record_id', '=', concernId)
    .where('action', '=', 'concern.raised')
    .executeTakeFirstOrThrow();
  return { formPage: formPage.body, page: page.body, sent: sent.map((s) => s.to_address), detail: log.detail };
}

describe('who was told of an immediate concern', () => {
  it('names the two active coordinators and the agency’s safeguarding lead, exactly those e-mailed', async () => {
    const { formPage, page, sent, detail } = await raise(police, b.police!);
    expect(formPage).toContain('this form tells the audit coordinator and your agency’s safeguarding lead');
    expect(sent).toEqual([CASEY, DANA, LEAD]);
    expect(page).toContain('Concern raised');
    expect(page).toContain(
      'MACA e-mailed Casey Coordinator (audit coordinator), Dana Deputy (audit coordinator) and ' +
        'your agency’s safeguarding lead (safeguarding.lead@police.example).',
    );
    expect(page).not.toContain('Olly Old');
    expect(detail).toMatchObject({ notified: 3, safeguardingLeadTold: true });
  });

  it('with no safeguarding lead, says nobody in the agency was e-mailed and to tell the lead in person', async () => {
    const { formPage, page, sent, detail } = await raise(health, b.health!);
    expect(formPage).toContain(
      'Health trust has no safeguarding lead set up in MACA, so this form tells only the audit coordinator: ' +
        'tell your safeguarding lead in person.',
    );
    expect(sent).toEqual([CASEY, DANA]);
    expect(page).toContain('Concern raised: tell your safeguarding lead in person');
    expect(page).toContain(
      'MACA e-mailed Casey Coordinator (audit coordinator) and Dana Deputy (audit coordinator). ' +
        'Health trust has no safeguarding lead set up in MACA, so nobody in your agency was e-mailed. ' +
        'Tell your safeguarding lead about this concern in person now',
    );
    expect(page).not.toContain('your agency’s safeguarding lead (');
    expect(page).not.toContain('The coordinator and your agency’s safeguarding lead have been e-mailed');
    expect(detail).toMatchObject({ notified: 2, safeguardingLeadTold: false });
  });
});

describe('an agency without a safeguarding lead is flagged when it is invited', () => {
  it('warns on the invitation form, in the banner after inviting, and on the audit’s agency list', async () => {
    const audit = await anAudit(partnershipId).create(t.database.db);
    const casey = b.casey!;
    const before = await casey.get(`/audits/${audit.id}/agencies`);
    const hint = 'No safeguarding lead set up: its immediate concerns would reach only the audit coordinators';
    // Only the Health trust's checkbox carries the hint.
    expect(before.body.split(hint)).toHaveLength(2);
    expect(before.body).toMatch(
      /Health trust\s*<\/label>\s*<div[^>]*class="govuk-hint govuk-checkboxes__hint">\s*No safeguarding lead/,
    );
    const invited = await casey.post(`/audits/${audit.id}/agencies`, { agencies: [police, health] });
    expect(invited.statusCode).toBe(303);
    const after = await casey.get(invited.headers.location!);
    expect(after.body).toContain('Health trust and Police invited');
    expect(after.body).toContain(
      'Health trust has no safeguarding lead set up: an immediate safeguarding concern raised by its auditors ' +
        'will be e-mailed only to the audit coordinators.',
    );
    const warning = 'has no safeguarding lead set up. An immediate safeguarding concern raised by its auditors';
    expect(after.body).toContain(`Health trust ${warning}`);
    expect(after.body).not.toContain(`Police ${warning}`);
  });

  it('says only who was invited when every agency has its lead', async () => {
    const audit = await anAudit(partnershipId).create(t.database.db);
    await b.casey!.get(`/audits/${audit.id}/agencies`);
    const invited = await b.casey!.post(`/audits/${audit.id}/agencies`, { agencies: [police] });
    const after = await b.casey!.get(invited.headers.location!);
    expect(after.body).toContain('Police invited');
    expect(after.body).toContain('govuk-notification-banner--success');
    expect(after.body).not.toContain('has no safeguarding lead set up');
  });
});
