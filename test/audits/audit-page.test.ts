import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { aPartnership } from '../support/builders.ts';
import { aPartnershipWithPeople, anAuditPlanned, type People } from './support.ts';

let t: TestApp;
let people: People;

beforeAll(async () => {
  t = await buildTestApp();
  people = await aPartnershipWithPeople(t);
});
afterAll(async () => t?.close());

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

async function move(auditId: string, form: Record<string, string>) {
  const browser = people.coordinator.browser;
  const page = await browser.get(`/audits/${auditId}`);
  const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '1';
  return browser.post(`/audits/${auditId}/status`, { version, ...form });
}

describe('the audit page', () => {
  it('shows the plan, the scope in words, the milestones with overdue ones tagged, and the task list', async () => {
    const { id } = await anAuditPlanned(t, people, {
      plan: {
        title: 'Domestic abuse audit 2018',
        reference: 'LCSB-DA-2018',
        jointPartnerships: ['Leicestershire and Rutland SCB'],
        milestones: [
          { kind: 'auditors_briefing', label: 'Auditors’ briefing', due: '2018-12-01', done: '2018-12-01' },
          { kind: 'returns_deadline', label: 'Returns deadline', due: '2018-12-14', done: null },
          { kind: 'other', label: 'Re-audit', due: '2099-01-01', done: null },
        ],
      },
    });
    const page = await people.coordinator.browser.get(`/audits/${id}`);
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    expect(body).toContain('LCSB-DA-2018');
    expect(body).toContain('Domestic abuse audit 2018');
    expect(body).toContain('Scope 1 June 2018 to 30 November 2018');
    expect(body).toContain('How well did agencies share information?');
    expect(body).toContain('Seven cases from a list provided by social care.');
    expect(body).toContain('Leicestershire and Rutland SCB');
    expect(body).toMatch(/Auditors’ briefing 1 December 2018 1 December 2018 Done/);
    expect(body).toMatch(/Returns deadline 14 December 2018 Not yet Overdue/);
    expect(body).toMatch(/Re-audit 1 January 2099 Not yet To come/);
    expect(body).toContain('Planning (now)');
    expect(body).toMatch(/Set the returns deadline Completed/);
    expect(body).toMatch(/Select the cases 0 cases Incomplete/);
    expect(body).toMatch(/Receive the agencies’ returns .* Cannot start yet/);
    expect(page.body).toContain(`href="/audits/${id}/edit"`);
    // Task links go only to pages that exist and that the person may open.
    const casesPage = t.app.routeCatalogue.some((r) => r.method === 'GET' && r.url === '/audits/:auditId/cases');
    expect(page.body.includes(`href="/audits/${id}/cases"`)).toBe(casesPage);
    expect(body).toContain(
      'Before the audit can move to Returns open: Add at least one case Invite at least one agency',
    );
    expect(body).not.toContain('Before the audit closes');
  });

  it('lets panel members and invited agencies read it, without the controls; everyone else gets 404', async () => {
    const { id } = await anAuditPlanned(t, people, { invite: [people.police] });
    for (const who of [people.panel, people.policeLead, people.policeAuditor]) {
      const page = await who.browser.get(`/audits/${id}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain(`action="/audits/${id}/status"`);
      expect(page.body).not.toContain(`href="/audits/${id}/edit"`);
      expect(page.body).not.toContain('Move the audit on or back');
    }
    for (const who of [people.healthAuditor, people.administrator, people.practitioner, people.actionOwner]) {
      expect((await who.browser.get(`/audits/${id}`)).statusCode).toBe(404);
    }
    expect((await people.coordinator.browser.get('/audits/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await people.coordinator.browser.get('/audits/not-a-uuid')).statusCode).toBe(404);
    const elsewhere = await aPartnership().create(t.database.db);
    const foreign = await t.database.db
      .insertInto('audit')
      .values({ partnership_id: elsewhere, reference: 'X-1', title: 'Elsewhere' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await people.coordinator.browser.get(`/audits/${foreign.id}`)).statusCode).toBe(404);
  });
});

describe('moving an audit through its lifecycle', () => {
  it('lists what is missing as an error summary when a guard fails', async () => {
    const { id } = await anAuditPlanned(t, people, { plan: { milestones: [] } });
    const refused = await move(id, { to: 'returns_open' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('<title>Error: ');
    const summary = text(refused.body.split('govuk-error-summary__list')[1]!.split('</ul>')[0]!);
    expect(summary).toContain('Add at least one case');
    expect(summary).toContain('Invite at least one agency');
    expect(summary).toContain('Set the returns deadline');
    expect(
      (await t.database.db.selectFrom('audit').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status,
    ).toBe('planning');
    const skipping = await move(id, { to: 'discussion' });
    expect(skipping.statusCode).toBe(400);
    expect(text(skipping.body)).toContain('The audit cannot move from Planning to Discussion');
  });

  it('moves forward when the guards hold, recording the move and the audit log row', async () => {
    const { id } = await anAuditPlanned(t, people, { cases: 2, invite: [people.police] });
    const page = await people.coordinator.browser.get(`/audits/${id}`);
    expect(page.body).toContain('Move to Returns open');
    const moved = await move(id, { to: 'returns_open' });
    expect(moved.statusCode).toBe(303);
    expect(text((await people.coordinator.browser.get(`/audits/${id}`)).body)).toContain(
      'The audit has moved to Returns open',
    );
    expect(
      await t.database.db
        .selectFrom('audit')
        .select(['status', 'version'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: 'returns_open', version: 2 });
    const changes = await t.database.db
      .selectFrom('audit_status_change')
      .select(['from_status', 'to_status', 'reason', 'created_by'])
      .where('audit_id', '=', id)
      .execute();
    expect(changes).toEqual([
      { from_status: 'planning', to_status: 'returns_open', reason: null, created_by: people.coordinator.id },
    ]);
    const log = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'detail', 'user_id'])
      .where('record_id', '=', id)
      .where('action', '=', 'audit.status-changed')
      .execute();
    expect(log).toEqual([
      {
        action: 'audit.status-changed',
        user_id: people.coordinator.id,
        detail: { from: 'planning', to: 'returns_open', backwards: false },
      },
    ]);

    const toDiscussion = await move(id, { to: 'discussion' });
    expect(toDiscussion.statusCode).toBe(400);
    expect(text(toDiscussion.body)).toContain('Receive at least one agency return');
    const [caseRow] = await t.database.db.selectFrom('audit_case').select('id').where('audit_id', '=', id).execute();
    await t.database.db
      .insertInto('agency_return')
      .values({ case_id: caseRow!.id, agency_id: people.police, status: 'submitted' })
      .execute();
    expect((await move(id, { to: 'discussion' })).statusCode).toBe(303);
  });

  it('needs a reason to move back, and records it', async () => {
    const { id } = await anAuditPlanned(t, people, { cases: 1, invite: [people.police] });
    expect((await move(id, { to: 'returns_open' })).statusCode).toBe(303);
    const noReason = await move(id, { to: 'planning', reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#reason"');
    expect(text(noReason.body)).toContain('Enter why the audit is moving back to Planning');
    const back = await move(id, { to: 'planning', reason: 'A case was withdrawn by the nominating agency' });
    expect(back.statusCode).toBe(303);
    const changes = await t.database.db
      .selectFrom('audit_status_change')
      .select(['to_status', 'reason'])
      .where('audit_id', '=', id)
      .orderBy('created_at')
      .execute();
    expect(changes.map((c) => c.to_status)).toEqual(['returns_open', 'planning']);
    expect(changes[1]!.reason).toBe('A case was withdrawn by the nominating agency');
    const log = await t.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('record_id', '=', id)
      .where('action', '=', 'audit.status-changed')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(log.detail).toEqual({
      from: 'returns_open',
      to: 'planning',
      backwards: true,
      reason: 'A case was withdrawn by the nominating agency',
    });
    const page = text((await people.coordinator.browser.get(`/audits/${id}`)).body);
    expect(page).toContain('Returns open to Planning A case was withdrawn by the nominating agency coordinator person');
  });

  it('refuses a move made from a stale page', async () => {
    const { id } = await anAuditPlanned(t, people, { cases: 1, invite: [people.police] });
    await people.coordinator.browser.get(`/audits/${id}`);
    await t.database.db
      .updateTable('audit')
      .set({ title: 'Changed elsewhere', version: 2 })
      .where('id', '=', id)
      .execute();
    const stale = await people.coordinator.browser.post(`/audits/${id}/status`, { to: 'returns_open', version: '1' });
    expect(stale.statusCode).toBe(409);
    expect(text(stale.body)).toContain('Someone else changed this audit since you opened this page');
    expect(
      (await t.database.db.selectFrom('audit').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status,
    ).toBe('planning');
  });

  it('will not close an audit while an immediate concern has no outcome', async () => {
    const { id } = await anAuditPlanned(t, people, { cases: 1, invite: [people.police] });
    await t.database.db.updateTable('audit').set({ status: 'monitoring' }).where('id', '=', id).execute();
    const [caseRow] = await t.database.db.selectFrom('audit_case').select('id').where('audit_id', '=', id).execute();
    await t.database.db
      .insertInto('immediate_concern')
      .values({
        audit_id: id,
        case_id: caseRow!.id,
        agency_id: people.police,
        what_found: 'Concern',
        told_whom: 'Safeguarding lead',
        told_at: new Date(),
      })
      .execute();
    expect(text((await people.coordinator.browser.get(`/audits/${id}`)).body)).toContain(
      'Record the outcome of every immediate concern 1 concern without an outcome Incomplete',
    );
    const refused = await move(id, { to: 'closed' });
    expect(refused.statusCode).toBe(400);
    expect(text(refused.body)).toContain('Record the outcome of 1 immediate concern');
    await t.database.db
      .updateTable('immediate_concern')
      .set({ outcome: 'Referred to MASH', outcome_recorded_at: new Date() })
      .where('audit_id', '=', id)
      .execute();
    expect((await move(id, { to: 'closed' })).statusCode).toBe(303);
  });

  it('answers 404 to anyone but the coordinator', async () => {
    const { id } = await anAuditPlanned(t, people, { cases: 1, invite: [people.police] });
    for (const who of [
      people.panel,
      people.policeLead,
      people.policeAuditor,
      people.healthAuditor,
      people.administrator,
    ]) {
      await who.browser.get('/account');
      expect((await who.browser.post(`/audits/${id}/status`, { to: 'returns_open', version: '1' })).statusCode).toBe(
        404,
      );
    }
    expect(
      (await t.database.db.selectFrom('audit').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status,
    ).toBe('planning');
  });
});

describe('the audit page in discussion', () => {
  it('links the meeting, findings, recommendations, actions and concerns, and shows a concern banner until each has an outcome', async () => {
    const { id } = await anAuditPlanned(t, people, { cases: 1, invite: [people.police] });
    await t.database.db.updateTable('audit').set({ status: 'discussion' }).where('id', '=', id).execute();
    const [caseRow] = await t.database.db.selectFrom('audit_case').select('id').where('audit_id', '=', id).execute();
    await t.database.db
      .insertInto('immediate_concern')
      .values({
        audit_id: id,
        case_id: caseRow!.id,
        agency_id: people.police,
        what_found: 'Concern',
        told_whom: 'Safeguarding lead',
        told_at: new Date(),
      })
      .execute();
    await t.database.db
      .insertInto('finding')
      .values({ audit_id: id, kind: 'strength', text: 'Good information sharing at the strategy discussion' })
      .execute();

    const page = await people.coordinator.browser.get(`/audits/${id}`);
    const body = text(page.body);
    expect(body).toContain(
      'Immediate safeguarding concern 1 immediate safeguarding concern has no outcome recorded yet.',
    );
    expect(page.body).toContain(`href="/audits/${id}/concerns"`);
    expect(body).toMatch(/Record the discussion meeting Date, attendees and notes Incomplete/);
    expect(body).toMatch(/Record strengths and areas for development 1 finding Completed/);
    expect(body).toMatch(/Make recommendations 0 recommendations Incomplete/);
    expect(body).toMatch(/Write and publish the practitioner briefing 0 briefings, 0 published Incomplete/);
    for (const path of [
      '/meeting-pack',
      '/meeting',
      '/findings',
      '/recommendations',
      '/actions',
      '/briefings',
      '/words-to-check',
      '/report',
      '/exchange',
    ]) {
      const exists = t.app.routeCatalogue.some((r) => r.method === 'GET' && r.url === `/audits/:auditId${path}`);
      expect(exists).toBe(true);
      expect(page.body).toContain(`href="/audits/${id}${path}"`);
    }
    const dashboard = await people.coordinator.browser.get(`/audits/${id}/progress`);
    expect(text(dashboard.body)).toContain('1 immediate safeguarding concern has no outcome recorded yet.');

    // A panel member sees the banner but is not linked to a page they may not open.
    const panel = await people.panel.browser.get(`/audits/${id}`);
    expect(text(panel.body)).toContain('1 immediate safeguarding concern has no outcome recorded yet.');
    expect(panel.body).not.toContain(`href="/audits/${id}/concerns"`);
    expect((await people.panel.browser.get(`/audits/${id}/concerns`)).statusCode).toBe(404);

    await t.database.db
      .updateTable('immediate_concern')
      .set({ outcome: 'Referred to MASH', outcome_recorded_at: new Date() })
      .where('audit_id', '=', id)
      .execute();
    expect(text((await people.coordinator.browser.get(`/audits/${id}`)).body)).not.toContain('no outcome recorded yet');
    expect(text((await people.coordinator.browser.get(`/audits/${id}/progress`)).body)).not.toContain(
      'no outcome recorded yet',
    );
  });
});
