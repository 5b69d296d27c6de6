import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { aReturn, anAudit } from '../support/audit-builders.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';

let t: TestApp;
let partnershipId: string;
let police: string;
const b: Record<string, Browser> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  partnershipId = await aPartnership().create(t.database.db);
  police = await anAgency(partnershipId).named('Police').create(t.database.db);
  for (const [key, role] of [
    ['coordinator', 'coordinator'],
    ['panel', 'panel_member'],
    ['panel2', 'panel_member'],
    ['auditor', 'auditor'],
    ['owner', 'action_owner'],
  ] as const) {
    let builder = aUser(partnershipId).withRole(role).exemptFromSecondFactor().named(`${key} person`);
    if (role === 'auditor' || role === 'action_owner') builder = builder.inAgency(police);
    const user = await builder.create(t.database.db);
    ids[key] = user.id;
    b[key] = new Browser(t.app);
    await b[key].signIn(user.email, user.password);
  }
});
afterAll(async () => t?.close());

async function discussionAudit() {
  const audit = await anAudit(partnershipId).inviting(police).withCases(2).inStatus('discussion').create(t.database.db);
  const tool = (
    await t.database.db
      .selectFrom('audit_tool')
      .select('template_version_id')
      .where('audit_id', '=', audit.id)
      .executeTakeFirstOrThrow()
  ).template_version_id;
  const field = (section: string) => `j-${tool}-${section}`;
  return { ...audit, tool, field, url: `/audits/${audit.id}/meeting/cases/${audit.caseIds[0]}` };
}

const savedNote = (caseId: string) =>
  t.database.db
    .selectFrom('meeting_case_note')
    .select(['id', 'notes', 'version'])
    .where('case_id', '=', caseId)
    .executeTakeFirst();

describe('per-case notes and agreed judgements in the meeting record', () => {
  it('records the panel’s notes and an agreed judgement per domain, shown on the record and in the pack', async () => {
    const a = await discussionAudit();
    const form = await b.panel!.get(a.url);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Voice and lived experience of the child');
    expect(form.body).toContain(`name="${a.field('referral')}"`);
    const saved = await b.panel!.post(a.url, {
      notes: 'Case 1: police and school accounts differ on dates.',
      version: '0',
      [a.field('referral')]: 'requires_improvement',
      [`${a.field('referral')}-rationale`]: 'Referral came late; history not summarised',
      [a.field('voice')]: '',
    });
    expect(saved.statusCode).toBe(303);
    const note = await savedNote(a.caseIds[0]!);
    expect(note).toMatchObject({ notes: 'Case 1: police and school accounts differ on dates.', version: 1 });
    const judgements = await t.database.db
      .selectFrom('meeting_case_judgement')
      .select(['section_key', 'value', 'rationale'])
      .where('case_note_id', '=', note!.id)
      .execute();
    expect(judgements).toEqual([
      {
        section_key: 'referral',
        value: 'requires_improvement',
        rationale: 'Referral came late; history not summarised',
      },
    ]);

    const record = await b.coordinator!.get(`/audits/${a.id}/meeting`);
    expect(record.body).toContain('police and school accounts differ on dates');
    expect(record.body).toMatch(
      /Referral<\/dt><dd class="govuk-summary-list__value"><strong>Requires improvement<\/strong><br>Referral came late/,
    );
    const pack = await b.coordinator!.get(`/audits/${a.id}/meeting-pack`);
    expect(pack.body).toContain('The panel’s notes and agreed judgements');
    expect(pack.body).toContain('Referral came late; history not summarised');
    const logged = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_id', '=', a.caseIds[0]!)
      .where('action', '=', 'meeting-case-notes.saved')
      .execute();
    expect(logged).toHaveLength(1);
  });

  it('refuses a judgement off the domain’s scale or a rationale without a judgement, naming the domain and keeping the text', async () => {
    const a = await discussionAudit();
    await b.panel!.get(a.url);
    const bad = await b.panel!.post(a.url, {
      notes: 'Kept notes',
      version: '0',
      [a.field('referral')]: 'excellent',
      [`${a.field('planning')}-rationale`]: 'Plan was vague',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('There is a problem');
    expect(bad.body).toContain(`href="#${a.field('referral')}"`);
    expect(bad.body).toContain('Select a judgement for Referral from its scale');
    expect(bad.body).toContain('Select the agreed judgement for Planning, or remove its rationale');
    expect(bad.body).toContain('Kept notes');
    expect(bad.body).toContain('Plan was vague');
    expect(await savedNote(a.caseIds[0]!)).toBeUndefined();
  });

  it('shows both versions when two panel members save the same case, losing nothing', async () => {
    const a = await discussionAudit();
    await b.panel!.get(a.url);
    expect((await b.panel!.post(a.url, { notes: 'First draft', version: '0' })).statusCode).toBe(303);
    await b.panel!.get(a.url);
    await b.panel2!.get(a.url);
    expect(
      (
        await b.panel!.post(a.url, {
          notes: 'Panel member one: disclosure not probed',
          version: '1',
          [a.field('voice')]: 'no',
        })
      ).statusCode,
    ).toBe(303);
    const stale = await b.panel2!.post(a.url, {
      notes: 'Panel member two: school not told of conference',
      version: '1',
      [a.field('voice')]: 'yes',
      [`${a.field('voice')}-rationale`]: 'Child seen alone',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Nothing has been overwritten');
    expect(stale.body).toContain('Panel member one: disclosure not probed');
    expect(stale.body).toContain('Panel member two: school not told of conference');
    expect(stale.body).toContain('Saved by panel person');
    expect(stale.body).toContain('<strong>No</strong>');
    expect(stale.body).toContain('<strong>Yes</strong>');
    expect(stale.body).toContain('Child seen alone');
    expect((await savedNote(a.caseIds[0]!))?.notes).toBe('Panel member one: disclosure not probed');
    // "Keep my version" posts the kept form against the version now saved.
    expect(stale.body).toContain('name="version" value="2"');
    const kept = await b.panel2!.post(a.url, {
      notes: 'Panel member two: school not told of conference',
      version: '2',
      [a.field('voice')]: 'yes',
      [`${a.field('voice')}-rationale`]: 'Child seen alone',
    });
    expect(kept.statusCode).toBe(303);
    expect(await savedNote(a.caseIds[0]!)).toMatchObject({
      notes: 'Panel member two: school not told of conference',
      version: 3,
    });
    // Two first saves at once: one wins, the other is a conflict.
    const second = `/audits/${a.id}/meeting/cases/${a.caseIds[1]}`;
    await b.panel!.get(second);
    await b.panel2!.get(second);
    const both = [
      await b.panel!.post(second, { notes: 'A', version: '0' }),
      await b.panel2!.post(second, { notes: 'B', version: '0' }),
    ];
    expect(both.map((r) => r.statusCode)).toEqual([303, 409]);
  });

  it('lets invited agencies read the notes but only the coordinator and panel record them; never another audit’s case', async () => {
    const a = await discussionAudit();
    const other = await discussionAudit();
    await b.panel!.get(a.url);
    await b.panel!.post(a.url, { notes: 'Read-only check', version: '0' });
    const read = await b.auditor!.get(a.url);
    expect(read.statusCode).toBe(200);
    expect(read.body).toContain('Read-only check');
    expect(read.body).not.toContain('<textarea');
    expect((await b.auditor!.post(a.url, { notes: 'Auditor edit', version: '1' })).statusCode).toBe(404);
    expect((await b.owner!.get(a.url)).statusCode).toBe(404);
    expect((await b.panel!.get(`/audits/${a.id}/meeting/cases/${other.caseIds[0]}`)).statusCode).toBe(404);
    await b.panel!.get(a.url);
    expect(
      (await b.panel!.post(`/audits/${a.id}/meeting/cases/${other.caseIds[0]}`, { notes: 'Cross audit', version: '0' }))
        .statusCode,
    ).toBe(404);
    expect((await savedNote(a.caseIds[0]!))?.notes).toBe('Read-only check');
    expect(await savedNote(other.caseIds[0]!)).toBeUndefined();
  });
});

describe('moderating from the agencies’ returns', () => {
  it('shows the panel each agency’s submitted judgements in each domain, never drafts, and not to agencies', async () => {
    const a = await discussionAudit();
    const health = await anAgency(partnershipId).named('Health').ofType('community_health').create(t.database.db);
    await t.database.db.insertInto('audit_agency').values({ audit_id: a.id, agency_id: health }).execute();
    const answer = async (agency: string, status: 'submitted' | 'in_progress', question: string, value: string) => {
      const id = await aReturn(t.database.db, a.caseIds[0]!, agency);
      await t.database.db.updateTable('agency_return').set({ status }).where('id', '=', id).execute();
      await t.database.db
        .insertInto('return_answer')
        .values({ return_id: id, template_version_id: a.tool, question_key: question, answer: value, evidence: 'x' })
        .execute();
    };
    await answer(police, 'submitted', 'referral_timely', 'outstanding');
    await answer(health, 'in_progress', 'referral_timely', 'inadequate');
    const page = await b.panel!.get(a.url);
    expect(page.body).toContain('Agencies’ returns: Police: Outstanding');
    expect(page.body).not.toContain('Health: Inadequate');
    expect((await b.auditor!.get(a.url)).body).not.toContain('Agencies’ returns');
  });
});

describe('per-case notes in the API', () => {
  it('lists domains and notes, saves with a version, and answers a stale version with the current notes', async () => {
    const a = await discussionAudit();
    const actor = { userId: null, partnershipId, correlationId: null, ip: null };
    const panel = { authorization: `Bearer ${(await t.services.apiTokens.create(ids.panel!, 'x', actor)).token}` };
    const auditor = { authorization: `Bearer ${(await t.services.apiTokens.create(ids.auditor!, 'x', actor)).token}` };
    const list = await t.app.inject({ url: `/api/v1/audits/${a.id}/meeting/cases`, headers: auditor });
    expect(list.statusCode).toBe(200);
    const listed = list.json<{ domains: unknown[]; cases: { reference: string; version: number }[] }>();
    expect(listed.domains[0]).toMatchObject({ toolVersionId: a.tool, sectionKey: 'referral', title: 'Referral' });
    expect(listed.cases.map((c) => [c.reference, c.version])).toEqual([
      ['Case 1', 0],
      ['Case 2', 0],
    ]);
    const url = `/api/v1/audits/${a.id}/meeting/cases/${a.caseIds[0]}`;
    const payload = {
      notes: 'Agreed by the panel',
      version: 0,
      judgements: [{ toolVersionId: a.tool, sectionKey: 'planning', value: 'good', rationale: 'SMART plan' }],
    };
    expect((await t.app.inject({ method: 'PUT', url, headers: auditor, payload })).statusCode).toBe(404);
    const bad = await t.app.inject({
      method: 'PUT',
      url,
      headers: panel,
      payload: { ...payload, judgements: [{ toolVersionId: a.tool, sectionKey: 'planning', value: 'brilliant' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toContain(
      'Select a judgement for Planning from its scale',
    );
    expect((await t.app.inject({ method: 'PUT', url, headers: panel, payload })).json()).toEqual({ version: 1 });
    const stale = await t.app.inject({ method: 'PUT', url, headers: panel, payload: { ...payload, notes: 'Stale' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ current: unknown }>().current).toMatchObject({
      notes: 'Agreed by the panel',
      version: 1,
      judgements: [{ sectionKey: 'planning', value: 'good', rationale: 'SMART plan' }],
    });
    const document = await t.app.inject({ url: '/api/v1/openapi.json', headers: panel });
    expect(Object.keys(document.json<{ paths: object }>().paths)).toContain('/audits/{auditId}/meeting/cases/{caseId}');
  });
});
