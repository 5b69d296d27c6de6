import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { anAudit } from '../support/audit-builders.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';

let t: TestApp;
let partnershipId: string;
let socialCare: string;
let ownerId: string;
let otherOwnerId: string;
const b: Record<string, Browser> = {};

beforeAll(async () => {
  t = await buildTestApp();
  partnershipId = await aPartnership().create(t.database.db);
  socialCare = await anAgency(partnershipId).named('Social care').ofType('social_care').create(t.database.db);
  const make = async (key: string, role: 'coordinator' | 'panel_member' | 'action_owner' | 'practitioner') => {
    let builder = aUser(partnershipId).withRole(role).exemptFromSecondFactor().named(`${key} person`);
    if (role === 'action_owner') builder = builder.inAgency(socialCare);
    const user = await builder.create(t.database.db);
    b[key] = new Browser(t.app);
    await b[key].signIn(user.email, user.password);
    return user.id;
  };
  await make('coordinator', 'coordinator');
  await make('panel', 'panel_member');
  ownerId = await make('owner', 'action_owner');
  otherOwnerId = await make('otherOwner', 'action_owner');
  await make('practitioner', 'practitioner');
});
afterAll(async () => t?.close());

const dates = (prefix: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${prefix}-day`]: String(Number(d)), [`${prefix}-month`]: String(Number(m)), [`${prefix}-year`]: y! };
};

describe('recommendations and the action plan', () => {
  it('records a recommendation and an action; the owner updates it; RAG and the tracker follow', async () => {
    const audit = await anAudit(partnershipId).inviting(socialCare).inStatus('monitoring').create(t.database.db);
    const panel = b.panel!;
    await panel.get(`/audits/${audit.id}/recommendations/new`);
    const noAgency = await panel.post(`/audits/${audit.id}/recommendations`, {
      text: 'Share MARAC outcomes with schools',
      addressedTo: 'agencies',
    });
    expect(noAgency.statusCode).toBe(400);
    expect(noAgency.body).toContain('Select the agencies the recommendation is for');
    expect(
      (
        await panel.post(`/audits/${audit.id}/recommendations`, {
          text: 'Share MARAC outcomes with schools',
          addressedTo: 'agencies',
          agencies: [socialCare],
          kind: 'assurance',
        })
      ).statusCode,
    ).toBe(303);
    const recommendation = await t.database.db
      .selectFrom('recommendation')
      .select('id')
      .where('audit_id', '=', audit.id)
      .executeTakeFirstOrThrow();

    await panel.get(`/audits/${audit.id}/actions/new`);
    const bad = await panel.post(`/audits/${audit.id}/actions`, {
      text: 'Brief all DSLs',
      agencyId: socialCare,
      leadUserId: '',
      ...dates('startOn', '2027-03-01'),
      ...dates('dueOn', '2027-02-01'),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Select the named lead for the action');
    expect(bad.body).toContain('The due date must be the same as or after the start date');
    const noDue = await panel.post(`/audits/${audit.id}/actions`, {
      text: 'Brief all DSLs',
      agencyId: socialCare,
      leadUserId: ownerId,
    });
    expect(noDue.body).toContain('Enter the due date');
    const created = await panel.post(`/audits/${audit.id}/actions`, {
      text: 'Brief all DSLs on MARAC outcomes',
      agencyId: socialCare,
      leadUserId: ownerId,
      recommendationId: recommendation.id,
      ...dates('startOn', '2020-01-01'),
      ...dates('dueOn', '2020-02-01'),
    });
    expect(created.statusCode).toBe(303);
    const actionUrl = created.headers.location!;

    const page = await b.owner!.get(actionUrl);
    expect(page.body).toContain('Red: Overdue');
    expect((await b.otherOwner!.get(actionUrl)).statusCode).toBe(404);
    expect((await b.practitioner!.get(actionUrl)).statusCode).toBe(404);
    const incomplete = await b.owner!.post(actionUrl, { status: 'complete', text: 'Briefings done', version: '1' });
    expect(incomplete.body).toContain('Enter the evidence that the action is complete');
    expect(
      (
        await b.owner!.post(actionUrl, {
          status: 'complete',
          text: 'Briefings done',
          evidenceCompletion: 'Attendance lists for 40 DSLs',
          evidenceImpact: 'Schools now receive MARAC notifications',
          version: '1',
        })
      ).statusCode,
    ).toBe(303);
    expect((await b.owner!.get(actionUrl)).body).toContain('Complete: Complete');
    const stale = await b.coordinator!.post(actionUrl, { status: 'on_track', text: 'Stale', version: '1' });
    expect(stale.statusCode).toBe(409);

    const tracker = await b.coordinator!.get('/actions');
    expect(tracker.statusCode).toBe(200);
    const xlsx = await b.coordinator!.get('/actions.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as never);
    expect(workbook.getWorksheet('Actions')!.rowCount).toBeGreaterThanOrEqual(1);
    expect((await b.owner!.get('/actions')).statusCode).toBe(404);
    expect((await b.owner!.get('/my-actions')).body).toContain('Brief all DSLs on MARAC outcomes');
    const facts = await t.database.db.selectFrom('action').select('status').where('audit_id', '=', audit.id).execute();
    expect(facts.map((f) => f.status)).toEqual(['complete']);
    void otherOwnerId;
  });

  it('reminds the lead once, however often the job runs', async () => {
    const audit = await anAudit(partnershipId).inviting(socialCare).inStatus('monitoring').create(t.database.db);
    await t.database.db
      .insertInto('action')
      .values({
        audit_id: audit.id,
        text: 'Reminder test',
        agency_id: socialCare,
        lead_user_id: ownerId,
        due_on: '2026-12-01',
      })
      .execute();
    const [a, b2] = await Promise.all([
      t.services.actions.sendReminders('2026-11-22'),
      t.services.actions.sendReminders('2026-11-22'),
    ]);
    expect(a + b2).toBe(1);
    const mails = await t.database.db
      .selectFrom('outbox')
      .select('template')
      .where('subject', 'like', '%Test audit%')
      .where('template', '=', 'action-due-soon')
      .execute();
    const again = await t.services.actions.sendReminders('2026-11-23');
    expect(again).toBe(0);
    expect(mails.length).toBe(a + b2);
  });
});

describe('the action plan in the API', () => {
  it('lets the lead record progress with a version, and nobody else', async () => {
    const audit = await anAudit(partnershipId).inviting(socialCare).inStatus('monitoring').create(t.database.db);
    const action = await t.database.db
      .insertInto('action')
      .values({
        audit_id: audit.id,
        text: 'API action',
        agency_id: socialCare,
        lead_user_id: ownerId,
        due_on: '2027-06-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const actor = { userId: null, partnershipId, correlationId: null, ip: null };
    const lead = { authorization: `Bearer ${(await t.services.apiTokens.create(ownerId, 'x', actor)).token}` };
    const other = { authorization: `Bearer ${(await t.services.apiTokens.create(otherOwnerId, 'x', actor)).token}` };
    const url = `/api/v1/actions/${action.id}`;
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url,
          headers: other,
          payload: { status: 'on_track', update: 'x', version: 1 },
        })
      ).statusCode,
    ).toBe(404);
    const bad = await t.app.inject({ method: 'PATCH', url, headers: lead, payload: { status: 'done' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toContain('status: one of');
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url,
          headers: lead,
          payload: { status: 'on_track', update: 'Training booked', version: 1 },
        })
      ).json(),
    ).toEqual({ status: 'on_track' });
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url,
          headers: lead,
          payload: { status: 'on_track', update: 'Again', version: 1 },
        })
      ).statusCode,
    ).toBe(409);
    const themes = await t.app.inject({ url: '/api/v1/learning-themes', headers: lead });
    expect(themes.json<{ themes: unknown[] }>().themes.length).toBe(21);
  });
});
