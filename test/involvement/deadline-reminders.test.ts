import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKysely } from '../../src/db/database.ts';
import { addDays, todayInLondon } from '../../src/domain/calendar-date.ts';
import { jobHandlers } from '../../src/jobs/workers.ts';
import { createServices } from '../../src/services.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { aReturn, anAudit } from '../support/audit-builders.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';

let t: TestApp;
let partnershipId: string;
let police: string;
let health: string;
let noLead: string;
const POLICE_LEAD = 'police.lead@reminders.example.org';
const HEALTH_LEAD = 'health.lead@reminders.example.org';

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  partnershipId = await aPartnership().create(db);
  police = await anAgency(partnershipId).named('Police').create(db);
  health = await anAgency(partnershipId).named('Health').ofType('community_health').create(db);
  noLead = await anAgency(partnershipId).named('Housing').ofType('housing').create(db);
  await aUser(partnershipId).withRole('audit_lead').inAgency(police).withEmail(POLICE_LEAD).create(db);
  await aUser(partnershipId).withRole('audit_lead').inAgency(health).withEmail(HEALTH_LEAD).create(db);
});
afterAll(async () => t?.close());

/**
 * Returns open with the deadline given: police has one case involved and its return not started;
 * health has submitted its return for the only case; housing (no audit lead) has recorded nothing.
 */
async function anAuditDue(deadline: string, status: 'returns_open' | 'planning' = 'returns_open') {
  const db = t.database.db;
  const audit = await anAudit(partnershipId).inviting(police, health, noLead).withCases(1).inStatus(status).create(db);
  await db
    .insertInto('audit_milestone')
    .values({ audit_id: audit.id, kind: 'returns_deadline', label: 'Returns deadline', due_on: deadline })
    .execute();
  await aReturn(db, audit.caseIds[0]!, police);
  const healthReturn = await aReturn(db, audit.caseIds[0]!, health);
  await db.updateTable('agency_return').set({ status: 'submitted' }).where('id', '=', healthReturn).execute();
  return audit;
}

const remindersFor = (auditId: string) =>
  t.database.db
    .selectFrom('reminder_sent')
    .select(['agency_id', 'kind', 'period_key'])
    .where('audit_id', '=', auditId)
    .orderBy('sent_at')
    .execute();
const mailsAbout = (title: string, to = POLICE_LEAD) =>
  t.database.db
    .selectFrom('outbox')
    .select(['template', 'subject', 'body'])
    .where('to_address', '=', to)
    .where('body', 'like', `%"${title}"%`)
    .orderBy('created_at')
    .execute();
const titleOf = async (auditId: string) =>
  (await t.database.db.selectFrom('audit').select('title').where('id', '=', auditId).executeTakeFirstOrThrow()).title;

describe('returns deadline reminders', () => {
  it('reminds the lead of an agency with returns outstanding, once, in the days before the deadline', async () => {
    const audit = await anAuditDue('2026-12-14');
    const send = t.services.deadlineReminders.send;
    expect(await send('2026-12-06')).toBe(0);
    await send('2026-12-07');
    await send('2026-12-10');
    await send('2026-12-14');
    expect(await remindersFor(audit.id)).toEqual([
      { agency_id: police, kind: 'before_deadline', period_key: 'due-2026-12-14' },
    ]);
    const mails = await mailsAbout(await titleOf(audit.id));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      template: 'returns-due-soon',
      subject: `Returns due by 14 December 2026: ${await titleOf(audit.id)}`,
    });
    expect(mails[0]!.body).toContain('Police has 1 return not yet submitted.');
    expect(mails[0]!.body).toContain('/my-returns');
    expect(await mailsAbout(await titleOf(audit.id), HEALTH_LEAD)).toHaveLength(0);
  });

  it('reminds once per interval once overdue, never twice for the same period', async () => {
    const audit = await anAuditDue('2026-11-01');
    const send = t.services.deadlineReminders.send;
    for (const day of ['2026-11-02', '2026-11-05', '2026-11-08', '2026-11-09', '2026-11-09', '2026-11-15'])
      await send(day);
    expect((await remindersFor(audit.id)).map((r) => r.period_key)).toEqual([
      'overdue-2026-11-01-0',
      'overdue-2026-11-01-1',
    ]);
    const mails = await mailsAbout(await titleOf(audit.id));
    expect(mails.map((m) => m.template)).toEqual(['returns-overdue', 'returns-overdue']);
    expect(mails[0]!.body).toContain('was 1 November 2026. Police still has 1 return not yet submitted.');
    expect(await send('2026-11-16')).toBe(1);
  });

  it('follows the partnership’s settings, and stops once the returns are submitted', async () => {
    const other = await aPartnership().create(t.database.db);
    const agency = await anAgency(other).named('Schools').ofType('education').create(t.database.db);
    await aUser(other)
      .withRole('audit_lead')
      .inAgency(agency)
      .withEmail('schools.lead@reminders.example.org')
      .create(t.database.db);
    await t.database.db
      .updateTable('partnership')
      .set({ settings: JSON.stringify({ returnsReminders: { daysBefore: 3, overdueEveryDays: 1 } }) })
      .where('id', '=', other)
      .execute();
    const audit = await anAudit(other).inviting(agency).withCases(1).create(t.database.db);
    await t.database.db
      .insertInto('audit_milestone')
      .values({ audit_id: audit.id, kind: 'returns_deadline', label: 'Returns deadline', due_on: '2026-10-10' })
      .execute();
    const returnId = await aReturn(t.database.db, audit.caseIds[0]!, agency);
    const send = t.services.deadlineReminders.send;
    await send('2026-10-06');
    expect(await remindersFor(audit.id)).toEqual([]);
    await send('2026-10-07');
    await send('2026-10-11');
    await send('2026-10-12');
    expect((await remindersFor(audit.id)).map((r) => r.period_key)).toEqual([
      'due-2026-10-10',
      'overdue-2026-10-10-0',
      'overdue-2026-10-10-1',
    ]);
    await t.database.db.updateTable('agency_return').set({ status: 'submitted' }).where('id', '=', returnId).execute();
    await send('2026-10-13');
    expect(await remindersFor(audit.id)).toHaveLength(3);
  });

  it('sends nothing before returns open, and does not mark an agency without a lead as reminded', async () => {
    const planning = await anAuditDue('2026-12-14', 'planning');
    await t.services.deadlineReminders.send('2026-12-10');
    expect(await remindersFor(planning.id)).toEqual([]);
    const open = await anAuditDue('2026-12-14');
    await t.services.deadlineReminders.send('2026-12-10');
    expect((await remindersFor(open.id)).map((r) => r.agency_id)).toEqual([police]);
  });

  it('sends each reminder once when two instances run the job at the same moment', async () => {
    // Whatever the earlier tests' audits are due today is sent first, so only this audit's is left.
    await t.services.deadlineReminders.send();
    const deadline = addDays(todayInLondon(), 3);
    const audit = await anAuditDue(deadline);
    // A second instance: its own connection pool and services on the same database.
    const otherDb = createKysely(t.database.connectionString, 5);
    try {
      const other = createServices({ config: t.config, db: otherDb });
      const handlers = [jobHandlers(t.services)['returns-reminders'], jobHandlers(other)['returns-reminders']];
      await Promise.all(handlers.map((run, i) => run({ slot: `concurrent-${i}` })));
      await Promise.all(handlers.map((run, i) => run({ slot: `again-${i}` })));
    } finally {
      await otherDb.destroy();
    }
    expect(await remindersFor(audit.id)).toEqual([
      { agency_id: police, kind: 'before_deadline', period_key: `due-${deadline}` },
    ]);
    expect(await mailsAbout(await titleOf(audit.id))).toHaveLength(1);
    const runs = await t.database.db
      .selectFrom('job_run')
      .select(['slot', 'detail'])
      .where('job', '=', 'returns-reminders')
      .where('slot', 'like', 'concurrent-%')
      .execute();
    expect(runs).toHaveLength(2);
    expect(runs.reduce((sum, r) => sum + Number(r.detail.sent), 0)).toBe(1);
  });
});
