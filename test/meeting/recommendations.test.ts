import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up as addRecommendationKind } from '../../src/db/migrations/0015-recommendation-kind.ts';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { anAudit } from '../support/audit-builders.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';
import { createTestDatabase } from '../support/database.ts';

let t: TestApp;
let partnershipId: string;
let police: string;
const b: Record<string, Browser> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  partnershipId = await aPartnership().create(t.database.db);
  police = await anAgency(partnershipId).named('Police').create(t.database.db);
  for (const role of ['coordinator', 'panel_member', 'audit_lead', 'auditor', 'administrator'] as const) {
    let builder = aUser(partnershipId).withRole(role).exemptFromSecondFactor();
    if (role === 'audit_lead' || role === 'auditor') builder = builder.inAgency(police);
    const user = await builder.create(t.database.db);
    ids[role] = user.id;
    b[role] = new Browser(t.app);
    await b[role].signIn(user.email, user.password);
  }
});
afterAll(async () => t?.close());

async function apiGet(url: string, userId: string, method: 'GET' | 'DELETE' = 'GET') {
  const { token } = await t.services.apiTokens.create(userId, 'test', {
    userId,
    partnershipId,
    correlationId: null,
    ip: null,
  });
  return t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` } });
}

describe('what kind a recommendation is', () => {
  it('asks for the kind, naming the field and keeping what was typed, then shows it on the list and in the API', async () => {
    const audit = await anAudit(partnershipId).inviting(police).create(t.database.db);
    const panel = b.panel_member!;
    await panel.get(`/audits/${audit.id}/recommendations/new`);
    const form = { text: 'Train every DSL in the neglect toolkit', addressedTo: 'partnership' };
    const missing = await panel.post(`/audits/${audit.id}/recommendations`, form);
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('<a href="#kind">Select what kind of recommendation this is</a>');
    expect(missing.body).toContain('Train every DSL in the neglect toolkit');
    const made = await panel.post(`/audits/${audit.id}/recommendations`, { ...form, kind: 'banana' });
    expect(made.statusCode).toBe(400);
    expect(await t.database.db.selectFrom('recommendation').where('audit_id', '=', audit.id).execute()).toHaveLength(0);
    expect((await panel.post(`/audits/${audit.id}/recommendations`, { ...form, kind: 'training' })).statusCode).toBe(
      303,
    );
    // One made before kinds were recorded: no kind.
    await t.database.db
      .insertInto('recommendation')
      .values({ audit_id: audit.id, text: 'Older recommendation', addressed_to: 'all_agencies' })
      .execute();
    const list = await b.auditor!.get(`/audits/${audit.id}/recommendations`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Kind: Training. For: the partnership.');
    expect(list.body).toContain('Kind: Not stated. For: all agencies.');

    const rows = await t.database.db
      .selectFrom('recommendation')
      .select(['id', 'kind', 'assurance_request'])
      .where('audit_id', '=', audit.id)
      .orderBy('created_at')
      .execute();
    expect(rows.map((r) => [r.kind, r.assurance_request])).toEqual([
      ['training', false],
      [null, false],
    ]);
    const edit = await panel.get(`/audits/${audit.id}/recommendations/${rows[0]!.id}`);
    expect(edit.body).toMatch(/value="training" checked/);
    const api = await apiGet(`/api/v1/audits/${audit.id}/recommendations`, ids.coordinator!);
    expect(api.statusCode).toBe(200);
    const body = api.json<{ recommendations: { text: string; kind: string | null }[] }>();
    expect(body.recommendations.map((r) => [r.text, r.kind])).toEqual([
      ['Train every DSL in the neglect toolkit', 'training'],
      ['Older recommendation', null],
    ]);
  });

  it('an assurance recommendation is still an assurance request for the exchange file and the API', async () => {
    const audit = await anAudit(partnershipId).inviting(police).create(t.database.db);
    await b.coordinator!.get(`/audits/${audit.id}/recommendations/new`);
    const saved = await b.coordinator!.post(`/audits/${audit.id}/recommendations`, {
      text: 'Show the subgroup that MARAC outcomes reach schools',
      addressedTo: 'agencies',
      agencies: [police],
      kind: 'assurance',
    });
    expect(saved.statusCode).toBe(303);
    const row = await t.database.db
      .selectFrom('recommendation')
      .select(['kind', 'assurance_request'])
      .where('audit_id', '=', audit.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ kind: 'assurance', assurance_request: true });
  });

  it('the migration makes existing assurance requests assurance recommendations and leaves the rest not stated', async () => {
    const database = await createTestDatabase();
    try {
      const db = database.db;
      const pid = await aPartnership().create(db);
      const audit = await anAudit(pid).create(db);
      await sql`ALTER TABLE recommendation DROP COLUMN kind`.execute(db);
      await sql`INSERT INTO recommendation (audit_id, text, addressed_to, assurance_request)
        VALUES (${audit.id}, 'Assure us', 'partnership', true), (${audit.id}, 'Do better', 'partnership', false)`.execute(
        db,
      );
      await addRecommendationKind(db as never);
      const rows = await sql<{ text: string; kind: string | null }>`
        SELECT text, kind FROM recommendation ORDER BY text`.execute(db);
      expect(rows.rows).toEqual([
        { text: 'Assure us', kind: 'assurance' },
        { text: 'Do better', kind: null },
      ]);
      await expect(sql`UPDATE recommendation SET kind = 'other'`.execute(db)).rejects.toThrow(/check constraint/);
    } finally {
      await database.drop();
    }
  });
});

async function aRecommendation(auditId: string, text = 'Review the escalation procedure') {
  const row = await t.database.db
    .insertInto('recommendation')
    .values({ audit_id: auditId, text, addressed_to: 'agencies', kind: 'procedure' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.database.db
    .insertInto('recommendation_agency')
    .values({ recommendation_id: row.id, agency_id: police })
    .execute();
  return row.id;
}

const stillThere = async (id: string) =>
  (await t.database.db.selectFrom('recommendation').select('id').where('id', '=', id).execute()).length;

describe('removing a recommendation', () => {
  it.each([
    ['coordinator', 'coordinator'],
    ['panel_member', 'a panel member'],
  ])('%s may remove one no action answers, after a confirmation page; logged', async (role) => {
    const audit = await anAudit(partnershipId).inviting(police).create(t.database.db);
    await aRecommendation(audit.id, 'Keep this one');
    const id = await aRecommendation(audit.id, 'Remove this one');
    const browser = b[role]!;
    const list = await browser.get(`/audits/${audit.id}/recommendations`);
    expect(list.body).toContain(`href="/audits/${audit.id}/recommendations/${id}/remove"`);
    const confirm = await browser.get(`/audits/${audit.id}/recommendations/${id}/remove`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Are you sure you want to remove recommendation 2?');
    expect(confirm.body).toContain('Remove this one');
    const removed = await browser.post(`/audits/${audit.id}/recommendations/${id}/remove`, {});
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe(`/audits/${audit.id}/recommendations`);
    const after = await browser.get(removed.headers.location!);
    expect(after.body).toContain('Recommendation 2 removed');
    expect(after.body).not.toContain('Remove this one');
    expect(after.body).toContain('Keep this one');
    expect(await stillThere(id)).toBe(0);
    const links = await t.database.db
      .selectFrom('recommendation_agency')
      .select('agency_id')
      .where('recommendation_id', '=', id)
      .execute();
    expect(links).toHaveLength(0);
    const log = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'user_id', 'detail'])
      .where('record_id', '=', id)
      .execute();
    expect(log).toEqual([
      { action: 'recommendation.deleted', user_id: ids[role], detail: { auditId: audit.id, kind: 'procedure' } },
    ]);
  });

  it.each(['audit_lead', 'auditor', 'administrator'])(
    '%s may not remove one: 404 for the page and the post',
    async (role) => {
      const audit = await anAudit(partnershipId).inviting(police).create(t.database.db);
      const id = await aRecommendation(audit.id);
      const browser = b[role]!;
      expect((await browser.get(`/audits/${audit.id}/recommendations/${id}/remove`)).statusCode).toBe(404);
      await browser.get(`/audits/${audit.id}/recommendations`);
      expect((await browser.post(`/audits/${audit.id}/recommendations/${id}/remove`, {})).statusCode).toBe(404);
      expect(await stillThere(id)).toBe(1);
    },
  );

  it('refuses while an action answers it, naming the action; nothing is removed or logged', async () => {
    const audit = await anAudit(partnershipId).inviting(police).create(t.database.db);
    const id = await aRecommendation(audit.id);
    await t.database.db
      .insertInto('action')
      .values({
        audit_id: audit.id,
        recommendation_id: id,
        text: 'Rewrite the escalation flowchart',
        agency_id: police,
        lead_user_id: ids.audit_lead!,
        due_on: '2099-01-31',
      })
      .execute();
    const coordinator = b.coordinator!;
    const page = await coordinator.get(`/audits/${audit.id}/recommendations/${id}/remove`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Recommendation 1 cannot be removed');
    expect(page.body).toContain('An action in the action plan answers this recommendation:');
    expect(page.body).toContain('Rewrite the escalation flowchart');
    expect(page.body).not.toContain('Yes, remove it');
    const refused = await coordinator.post(`/audits/${audit.id}/recommendations/${id}/remove`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Recommendation 1 cannot be removed');
    expect(await stillThere(id)).toBe(1);
    const log = await t.database.db.selectFrom('audit_log').select('action').where('record_id', '=', id).execute();
    expect(log).toHaveLength(0);
  });

  it('answers 404 for another audit’s recommendation or an id that cannot exist', async () => {
    const audit = await anAudit(partnershipId).inviting(police).create(t.database.db);
    const other = await anAudit(partnershipId).inviting(police).create(t.database.db);
    const id = await aRecommendation(other.id);
    const coordinator = b.coordinator!;
    expect((await coordinator.get(`/audits/${audit.id}/recommendations/${id}/remove`)).statusCode).toBe(404);
    await coordinator.get(`/audits/${audit.id}/recommendations`);
    expect((await coordinator.post(`/audits/${audit.id}/recommendations/${id}/remove`, {})).statusCode).toBe(404);
    expect((await coordinator.get(`/audits/${audit.id}/recommendations/not-a-uuid/remove`)).statusCode).toBe(404);
    expect(await stillThere(id)).toBe(1);
  });

  it('is in the API: 204 when removed, 409 naming the actions while one answers it, 404 for an auditor', async () => {
    const audit = await anAudit(partnershipId).inviting(police).create(t.database.db);
    const free = await aRecommendation(audit.id);
    const held = await aRecommendation(audit.id);
    const action = await t.database.db
      .insertInto('action')
      .values({
        audit_id: audit.id,
        recommendation_id: held,
        text: 'Brief the teams',
        agency_id: police,
        lead_user_id: ids.audit_lead!,
        due_on: '2099-01-31',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const url = (id: string) => `/api/v1/audits/${audit.id}/recommendations/${id}`;
    expect((await apiGet(url(free), ids.auditor!, 'DELETE')).statusCode).toBe(404);
    expect((await apiGet(url(free), ids.panel_member!, 'DELETE')).statusCode).toBe(204);
    expect(await stillThere(free)).toBe(0);
    const refused = await apiGet(url(held), ids.coordinator!, 'DELETE');
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ actionIds: string[] }>().actionIds).toEqual([action.id]);
    expect(await stillThere(held)).toBe(1);
  });
});
