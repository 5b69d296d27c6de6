import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outstandingAgencies } from '../../src/features/involvement/reminder-repository.ts';
import { buildReport } from '../../src/features/report/report-service.ts';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { aReturn, anAudit } from '../support/audit-builders.ts';
import { anAgency, aPartnership, aUser } from '../support/builders.ts';

/**
 * Returns outstanding, by hand: 2 cases, police involved in both, the health trust in case 1 (not
 * known in case 2). Expected 3, received 1 (police, case 1). "Receive the agencies' returns" is done
 * only when the other two are in or recorded as not coming, and moving on without them is confirmed
 * with the list first.
 */
let t: TestApp;
const browsers: Record<string, Browser> = {};
let auditId: string;
let partnershipId: string;
let c1: string;
let c2: string;
let health: string;
let police: string;
const waiverOf = (caseId: string, agencyId: string) =>
  `/audits/${auditId}/progress/${caseId}/${agencyId}/will-not-come`;

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  partnershipId = await aPartnership().create(db);
  police = await anAgency(partnershipId).named('Police').create(db);
  health = await anAgency(partnershipId).named('Health trust').ofType('community_health').create(db);
  const audit = await anAudit(partnershipId).inviting(police, health).withCases(2).inStatus('returns_open').create(db);
  auditId = audit.id;
  [c1, c2] = audit.caseIds as [string, string];
  const submitted = await aReturn(db, c1, police);
  await db.updateTable('agency_return').set({ status: 'submitted' }).where('id', '=', submitted).execute();
  await aReturn(db, c2, police);
  const draft = await aReturn(db, c1, health);
  await db.updateTable('agency_return').set({ status: 'in_progress' }).where('id', '=', draft).execute();
  await db.insertInto('involvement').values({ case_id: c2, agency_id: health, status: 'not_known' }).execute();
  await db
    .insertInto('audit_milestone')
    .values({ audit_id: auditId, kind: 'returns_deadline', label: 'Returns deadline', due_on: '2099-01-01' })
    .execute();
  const people = [
    ['coordinator', aUser(partnershipId).withRole('coordinator')],
    ['panel', aUser(partnershipId).withRole('panel_member')],
    ['lead', aUser(partnershipId).withRole('audit_lead').inAgency(health)],
  ] as const;
  for (const [key, builder] of people) {
    const user = await builder.exemptFromSecondFactor().create(db);
    browsers[key] = new Browser(t.app);
    await browsers[key].signIn(user.email, user.password);
  }
}, 60_000);
afterAll(async () => t?.close());

const version = async () =>
  String(
    (await t.database.db.selectFrom('audit').select('version').where('id', '=', auditId).executeTakeFirstOrThrow())
      .version,
  );

describe('returns outstanding', () => {
  it('keeps "Receive the agencies’ returns" incomplete, with what is missing', async () => {
    const page = await browsers.coordinator!.get(`/audits/${auditId}`);
    expect(page.body).toContain('1 of 3 expected returns received, 2 outstanding');
  });

  it('asks before moving to discussion, listing each return outstanding and what the move does', async () => {
    const coordinator = browsers.coordinator!;
    await coordinator.get(`/audits/${auditId}`);
    const asked = await coordinator.post(`/audits/${auditId}/status`, { to: 'discussion', version: await version() });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('Move the audit to Discussion with returns outstanding?');
    const rows = [
      ...asked.body.matchAll(
        /<tr class="govuk-table__row"><td class="govuk-table__cell">([^<]+)<\/td><td class="govuk-table__cell">([^<]+)<\/td><td class="govuk-table__cell">([^<]+)<\/td>/g,
      ),
    ].map((m) => [m[1], m[2], m[3]]);
    expect(rows).toEqual([
      ['Case 1', 'Health trust', 'In progress'],
      ['Case 2', 'Police', 'Not started'],
    ]);
    expect(asked.body).toContain('can no longer see the families’ identifying details');
    expect(asked.body).toContain('No one is e-mailed by this move');
    const audit = await t.database.db
      .selectFrom('audit')
      .select('status')
      .where('id', '=', auditId)
      .executeTakeFirstOrThrow();
    expect(audit.status).toBe('returns_open');
  });

  it('lets only the coordinator record that a return will not come, with a reason', async () => {
    for (const who of ['panel', 'lead']) expect((await browsers[who]!.get(waiverOf(c1, health))).statusCode).toBe(404);
    // A return already received, and a cell where the agency was not involved, cannot be waived.
    expect((await browsers.coordinator!.get(waiverOf(c1, police))).statusCode).toBe(404);
    expect((await browsers.coordinator!.get(waiverOf(c2, health))).statusCode).toBe(404);
    const coordinator = browsers.coordinator!;
    await coordinator.get(waiverOf(c1, health));
    const empty = await coordinator.post(waiverOf(c1, health), { reason: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter why this return will not be received');
    const saved = await coordinator.post(waiverOf(c1, health), { reason: 'The practitioner has left the trust' });
    expect(saved.statusCode).toBe(303);
    const progress = await coordinator.get(`/audits/${auditId}/progress`);
    expect(progress.body).toContain('Will not be received');
    const [chased] = (await outstandingAgencies(t.database.db)).filter(
      (o) => o.audit_id === auditId && o.agency_id === health,
    );
    expect(chased?.outstanding).toBe(0);
    const page = await coordinator.get(`/audits/${auditId}`);
    expect(page.body).toContain('1 of 3 expected returns received, 1 will not be received, 1 outstanding');
    const model = await buildReport(t.database.db, partnershipId, auditId);
    expect(model.participation.map((r) => [r.agencyName, r.text])).toEqual([
      ['Health trust', '0 (out of the 2; 1 return will not be received, 1 not known)'],
      ['Police', '1 (out of the 2; 1 return not received)'],
    ]);
    // The participation page gives both: what is expected from the involvement, what was received.
    const participation = await coordinator.get(`/audits/${auditId}/participation`);
    expect(participation.body).toContain('from 1 of 3 expected returns');
    expect(participation.body).toContain(
      '<td class="govuk-table__cell">0 (out of the 2; 1 return will not be received, 1 not known)</td>',
    );
    const csv = await coordinator.get(`/audits/${auditId}/participation.csv`);
    expect(csv.body).toContain('Police,2 (out of the 2),1 (out of the 2; 1 return not received)');
    const logged = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'return.will-not-be-received')
      .where('record_id', '=', c1)
      .execute();
    expect(logged).toHaveLength(1);
  });

  it('moves once confirmed, and records the move with the list', async () => {
    const coordinator = browsers.coordinator!;
    await coordinator.get(`/audits/${auditId}`);
    const asked = await coordinator.post(`/audits/${auditId}/status`, { to: 'discussion', version: await version() });
    expect(asked.body).not.toContain('Health trust</td>');
    const moved = await coordinator.post(`/audits/${auditId}/status`, {
      to: 'discussion',
      version: await version(),
      confirmed: 'yes',
    });
    expect(moved.statusCode).toBe(303);
    const log = await t.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('record_id', '=', auditId)
      .where('action', '=', 'audit.status-changed')
      .executeTakeFirstOrThrow();
    expect(log.detail).toMatchObject({
      from: 'returns_open',
      to: 'discussion',
      outstandingReturns: [{ case: 'Case 2', agency: 'Police' }],
    });
  });

  it('marks the task done once every expected return is in or will not come', async () => {
    const db = t.database.db;
    await db
      .updateTable('agency_return')
      .set({ status: 'signed_off' })
      .where('case_id', '=', c2)
      .where('agency_id', '=', police)
      .execute();
    const page = await browsers.coordinator!.get(`/audits/${auditId}`);
    expect(page.body).toContain('2 of 3 expected returns received, 1 will not be received');
    expect(page.body).not.toContain('1 will not be received, 1 outstanding');
  });
});
