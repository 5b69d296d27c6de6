import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { aReturn, anAudit } from '../support/audit-builders.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';

let t: TestApp;
let partnershipId: string;
let coordinator: Browser;

beforeAll(async () => {
  t = await buildTestApp();
  partnershipId = await aPartnership().create(t.database.db);
  const user = await aUser(partnershipId).withRole('coordinator').exemptFromSecondFactor().create(t.database.db);
  coordinator = new Browser(t.app);
  await coordinator.signIn(user.email, user.password);
});
afterAll(async () => t?.close());

describe('meeting pack', () => {
  it('sets submitted returns side by side, marks judgements two steps apart, and leaves drafts out', async () => {
    const police = await anAgency(partnershipId).named('Police').create(t.database.db);
    const health = await anAgency(partnershipId).named('Health').ofType('community_health').create(t.database.db);
    const school = await anAgency(partnershipId).named('School').ofType('education').create(t.database.db);
    const audit = await anAudit(partnershipId)
      .inviting(police, health, school)
      .inStatus('discussion')
      .create(t.database.db);
    const version = (
      await t.database.db
        .selectFrom('audit_tool')
        .select('template_version_id')
        .where('audit_id', '=', audit.id)
        .executeTakeFirstOrThrow()
    ).template_version_id;
    const answer = async (agency: string, value: string, status: 'submitted' | 'in_progress', evidence: string) => {
      const id = await aReturn(t.database.db, audit.caseIds[0]!, agency);
      await t.database.db.updateTable('agency_return').set({ status }).where('id', '=', id).execute();
      await t.database.db
        .insertInto('return_answer')
        .values({
          return_id: id,
          template_version_id: version,
          question_key: 'planning_smart',
          answer: value,
          evidence,
        })
        .execute();
    };
    await answer(police, 'outstanding', 'submitted', 'Police evidence');
    await answer(health, 'requires_improvement', 'submitted', 'Health evidence');
    await answer(school, 'inadequate', 'in_progress', 'Draft evidence');
    const page = await coordinator.get(`/audits/${audit.id}/meeting-pack`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('maca-heatmap__moderate');
    expect(page.body).toContain('Police evidence');
    expect(page.body).toContain('Health evidence');
    expect(page.body).not.toContain('Draft evidence');
    expect(page.body).toContain('No immediate safeguarding concern was raised.');
    const docx = await coordinator.get(`/audits/${audit.id}/meeting-pack.docx`);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const pdf = await coordinator.get(`/audits/${audit.id}/meeting-pack.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const log = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_id', '=', audit.id)
      .where('action', '=', 'meeting-pack.viewed')
      .execute();
    expect(log.length).toBe(3);
  });
});

describe('meeting record', () => {
  it('records attendees with apologies, the date and notes, and refuses stale notes', async () => {
    const police = await anAgency(partnershipId).named('Police force').create(t.database.db);
    const audit = await anAudit(partnershipId).inviting(police).inStatus('discussion').create(t.database.db);
    const url = `/audits/${audit.id}/meeting`;
    await coordinator.get(url);
    const noName = await coordinator.post(`${url}/attendees`, { name: '', agencyId: police });
    expect(noName.statusCode).toBe(400);
    expect(noName.body).toContain('Enter the attendee’s name');
    await coordinator.post(`${url}/attendees`, { name: 'DI Jones', agencyId: police, role: 'Safeguarding lead' });
    await coordinator.post(`${url}/attendees`, { name: 'Dr Patel', role: 'Named GP', apologies: 'yes' });
    const page = await coordinator.get(url);
    expect(page.body).toContain('DI Jones');
    expect(page.body).toContain('Sent apologies');
    const badDate = await coordinator.post(url, {
      'heldOn-day': '31',
      'heldOn-month': '2',
      'heldOn-year': '2026',
      notes: 'Case 1 discussed',
      version: '1',
    });
    expect(badDate.body).toContain('The date of the meeting must be a real date');
    expect(
      (
        await coordinator.post(url, {
          'heldOn-day': '9',
          'heldOn-month': '1',
          'heldOn-year': '2026',
          notes: 'Case 1 discussed',
          version: '1',
        })
      ).statusCode,
    ).toBe(303);
    const stale = await coordinator.post(url, { notes: 'Older notes', version: '1' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Older notes');
  });
});
