import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { aReturn, anAudit } from '../support/audit-builders.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';

let t: TestApp;
let partnershipId: string;
let police: string;
let auditor: Browser;
let coordinator: Browser;
let otherAgencyAuditor: Browser;

beforeAll(async () => {
  t = await buildTestApp();
  partnershipId = await aPartnership().create(t.database.db);
  police = await anAgency(partnershipId).named('Police').create(t.database.db);
  const health = await anAgency(partnershipId).named('Health').ofType('community_health').create(t.database.db);
  await t.database.db
    .updateTable('agency')
    .set({ safeguarding_lead_email: 'safeguarding.lead@police.example' })
    .where('id', '=', police)
    .execute();
  const make = async (role: 'auditor' | 'coordinator', agencyId?: string) => {
    let b = aUser(partnershipId).withRole(role).exemptFromSecondFactor();
    if (agencyId) b = b.inAgency(agencyId);
    const user = await b.withEmail(`${role}-${agencyId ?? 'none'}-${Date.now()}@example.org`).create(t.database.db);
    const browser = new Browser(t.app);
    await browser.signIn(user.email, user.password);
    return { browser, user };
  };
  auditor = (await make('auditor', police)).browser;
  coordinator = (await make('coordinator')).browser;
  otherAgencyAuditor = (await make('auditor', health)).browser;
});
afterAll(async () => t?.close());

async function setUp() {
  const audit = await anAudit(partnershipId).inviting(police).create(t.database.db);
  const caseId = audit.caseIds[0]!;
  const child = await t.database.db
    .insertInto('case_child')
    .values({ case_id: caseId, pseudonym: 'Child A' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const returnId = await aReturn(t.database.db, caseId, police);
  return { audit, caseId, childId: child.id, returnId };
}

const form = (childId: string) => ({
  child: childId,
  whatFound: 'Child A disclosed an assault last night; no referral made.',
  toldWhom: 'Named nurse for safeguarding',
  'toldOn-day': '20',
  'toldOn-month': '11',
  'toldOn-year': '2026',
  toldTime: '09:15',
});

describe('immediate safeguarding concerns', () => {
  it('e-mails the coordinator and the agency’s safeguarding lead at once, with high priority', async () => {
    const { returnId, childId, audit } = await setUp();
    await auditor.get(`/returns/${returnId}/concerns/new`);
    const raised = await auditor.post(`/returns/${returnId}/concerns`, form(childId));
    expect(raised.statusCode).toBe(303);
    const mails = await t.database.db
      .selectFrom('outbox')
      .select(['to_address', 'priority', 'subject', 'body'])
      .where('template', '=', 'immediate-concern')
      .execute();
    expect(mails.map((m) => m.to_address)).toEqual(expect.arrayContaining(['safeguarding.lead@police.example']));
    expect(mails.some((m) => m.to_address.startsWith('coordinator-'))).toBe(true);
    expect(mails.every((m) => m.priority === 'high')).toBe(true);
    expect(mails[0]!.body).not.toContain('assault');
    const page = await auditor.get(raised.headers.location!);
    expect(page.body).toContain('Awaiting outcome');
    expect(await t.services.concerns.unresolvedCount(audit.id)).toBe(1);
  });

  it('lets the coordinator record the outcome, and nobody from another agency see it', async () => {
    const { returnId, childId, audit } = await setUp();
    await auditor.get(`/returns/${returnId}/concerns/new`);
    const location = (await auditor.post(`/returns/${returnId}/concerns`, form(childId))).headers.location!;
    expect((await otherAgencyAuditor.get(location)).statusCode).toBe(404);
    await coordinator.get(location);
    const empty = await coordinator.post(`${location}/outcome`, { outcome: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter the outcome');
    expect(
      (
        await coordinator.post(`${location}/outcome`, {
          outcome: 'Strategy discussion held; child safe with relative.',
        })
      ).statusCode,
    ).toBe(303);
    expect(await t.services.concerns.unresolvedCount(audit.id)).toBe(0);
    const list = await coordinator.get(`/audits/${audit.id}/concerns`);
    expect(list.body).toContain('Recorded');
  });

  it('explains each missing or impossible field and keeps what was typed', async () => {
    const { returnId, childId } = await setUp();
    await auditor.get(`/returns/${returnId}/concerns/new`);
    const bad = await auditor.post(`/returns/${returnId}/concerns`, {
      ...form(childId),
      toldWhom: '',
      'toldOn-day': '31',
      'toldOn-month': '2',
      toldTime: '25:99',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter who in your agency you told');
    expect(bad.body).toContain('The date you told them must be a real date');
    expect(bad.body).toContain('Child A disclosed an assault');
    const badTime = await auditor.post(`/returns/${returnId}/concerns`, { ...form(childId), toldTime: 'noonish' });
    expect(badTime.body).toContain('Enter the time you told them, like 14:30');
    expect(
      await t.database.db
        .selectFrom('immediate_concern')
        .select('id')
        .where('what_found', 'like', '%noonish%')
        .execute(),
    ).toHaveLength(0);
  });

  it('refuses a child from another case', async () => {
    const { returnId } = await setUp();
    const other = await setUp();
    await auditor.get(`/returns/${returnId}/concerns/new`);
    expect((await auditor.post(`/returns/${returnId}/concerns`, form(other.childId))).statusCode).toBe(404);
  });
});
