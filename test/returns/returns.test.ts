import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERAL_TOOL } from '../../src/domain/shipped-templates.ts';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { aReturn, anAudit } from '../support/audit-builders.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';
import { answeredSection } from './support.ts';

let t: TestApp;
let partnershipId: string;
let police: string;
let health: string;
const browsers: Record<string, Browser> = {};

async function signedIn(
  role: 'auditor' | 'audit_lead' | 'coordinator' | 'panel_member',
  agencyId?: string,
  name: string = role,
) {
  let builder = aUser(partnershipId).withRole(role).exemptFromSecondFactor().named(name);
  if (agencyId) builder = builder.inAgency(agencyId);
  const user = await builder.create(t.database.db);
  const browser = new Browser(t.app);
  await browser.signIn(user.email, user.password);
  return { browser, user };
}

beforeAll(async () => {
  t = await buildTestApp();
  partnershipId = await aPartnership().create(t.database.db);
  police = await anAgency(partnershipId).named('Police').ofType('police').create(t.database.db);
  health = await anAgency(partnershipId).named('Health trust').ofType('community_health').create(t.database.db);
  browsers.auditor = (await signedIn('auditor', police, 'Priya Auditor')).browser;
  browsers.secondAuditor = (await signedIn('auditor', police, 'Second Auditor')).browser;
  browsers.lead = (await signedIn('audit_lead', police, 'Pat Lead')).browser;
  browsers.healthAuditor = (await signedIn('auditor', health)).browser;
  browsers.coordinator = (await signedIn('coordinator')).browser;
  browsers.panel = (await signedIn('panel_member')).browser;
});
afterAll(async () => t?.close());

async function newReturn(status: 'returns_open' | 'discussion' = 'returns_open') {
  const audit = await anAudit(partnershipId).inviting(police, health).inStatus(status).create(t.database.db);
  const returnId = await aReturn(t.database.db, audit.caseIds[0]!, police);
  const versionId = (
    await t.database.db
      .selectFrom('audit_tool')
      .select('template_version_id')
      .where('audit_id', '=', audit.id)
      .executeTakeFirstOrThrow()
  ).template_version_id;
  return { audit, returnId, versionId };
}

async function completeEverything(browser: Browser, returnId: string, versionId: string) {
  for (const section of GENERAL_TOOL.sections) {
    await browser.get(`/returns/${returnId}/sections/${versionId}/${section.key}`);
    const response = await browser.post(`/returns/${returnId}/sections/${versionId}/${section.key}`, {
      ...answeredSection(section),
      version: '0',
      mode: 'complete',
    });
    expect(response.statusCode, section.key).toBe(303);
  }
  await browser.get(`/returns/${returnId}/overall`);
  const version = /name="version" value="(\d+)"/.exec(browser.lastHtml)![1]!;
  const overall = await browser.post(`/returns/${returnId}/overall`, {
    grade: 'good',
    rationale: 'Consistent, timely practice.',
    auditorName: 'Priya Auditor',
    auditorRole: 'Detective Sergeant',
    version,
  });
  expect(overall.statusCode).toBe(303);
}

describe('an agency return from start to sign-off', () => {
  it('is completed, submitted, sent back, amended, resubmitted, signed off, locked and reopened', async () => {
    const { returnId, versionId } = await newReturn();
    const auditor = browsers.auditor!;
    const taskList = await auditor.get(`/returns/${returnId}`);
    expect(taskList.statusCode).toBe(200);
    expect(taskList.body).toContain('Voice and lived experience of the child');
    await auditor.get(`/returns/${returnId}/check`);
    const early = await auditor.post(`/returns/${returnId}/submit`, {});
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('Complete the section “Referral”');

    await completeEverything(auditor, returnId, versionId);
    await auditor.get(`/returns/${returnId}/actions`);
    const badAction = await auditor.post(`/returns/${returnId}/actions`, {
      action: 'Refresh DASH training',
      owner: '',
      'due-day': '31',
      'due-month': '2',
      'due-year': '2027',
    });
    expect(badAction.statusCode).toBe(400);
    expect(badAction.body).toContain('Enter who owns the action');
    expect(badAction.body).toContain('The due date must be a real date');
    expect(badAction.body).toContain('Refresh DASH training');
    expect(
      (
        await auditor.post(`/returns/${returnId}/actions`, {
          action: 'Refresh DASH training',
          owner: 'Safeguarding team',
          'due-day': '1',
          'due-month': '6',
          'due-year': '2027',
        })
      ).statusCode,
    ).toBe(303);

    await auditor.get(`/returns/${returnId}/check`);
    expect((await auditor.post(`/returns/${returnId}/submit`, {})).statusCode).toBe(303);
    const leadMail = await t.database.db
      .selectFrom('outbox')
      .select(['template', 'body'])
      .where('template', '=', 'return-submitted')
      .execute();
    expect(leadMail.length).toBeGreaterThan(0);

    const lead = browsers.lead!;
    await lead.get(`/returns/${returnId}/review`);
    const noComments = await lead.post(`/returns/${returnId}/review`, { decision: 'send_back', comments: '' });
    expect(noComments.statusCode).toBe(400);
    expect(noComments.body).toContain('Enter comments saying what the auditor needs to change');
    expect(
      (
        await lead.post(`/returns/${returnId}/review`, {
          decision: 'send_back',
          comments: 'Add the MARAC outcome to multi-agency working.',
        })
      ).statusCode,
    ).toBe(303);
    const returned = await auditor.get(`/returns/${returnId}`);
    expect(returned.body).toContain('Add the MARAC outcome');

    const section = GENERAL_TOOL.sections.find((s) => s.key === 'multi_agency')!;
    await auditor.get(`/returns/${returnId}/sections/${versionId}/multi_agency`);
    const version = /name="version" value="(\d+)"/.exec(auditor.lastHtml)![1]!;
    expect(
      (
        await auditor.post(`/returns/${returnId}/sections/${versionId}/multi_agency`, {
          ...answeredSection(section, 'MARAC 12 May: actions not shared with school.'),
          version,
          mode: 'complete',
        })
      ).statusCode,
    ).toBe(303);
    await auditor.get(`/returns/${returnId}/check`);
    expect((await auditor.post(`/returns/${returnId}/submit`, {})).statusCode).toBe(303);
    await lead.get(`/returns/${returnId}/review`);
    expect((await lead.post(`/returns/${returnId}/review`, { decision: 'sign_off', comments: '' })).statusCode).toBe(
      303,
    );

    await auditor.get(`/returns/${returnId}/sections/${versionId}/referral`);
    const locked = await auditor.post(`/returns/${returnId}/sections/${versionId}/referral`, {
      ...answeredSection(GENERAL_TOOL.sections[0]!, 'Late change'),
      version: '1',
      mode: 'complete',
    });
    expect(locked.statusCode).toBe(409);
    expect(locked.body).toContain('can no longer be changed');
    expect(locked.body).toContain('Late change');

    const coordinator = browsers.coordinator!;
    await coordinator.get(`/returns/${returnId}/reopen`);
    expect((await coordinator.post(`/returns/${returnId}/reopen`, { reason: '' })).body).toContain(
      'Enter why the return is being reopened',
    );
    expect(
      (await coordinator.post(`/returns/${returnId}/reopen`, { reason: 'GP evidence arrived late' })).statusCode,
    ).toBe(303);
    const events = await t.database.db
      .selectFrom('return_event')
      .select(['event', 'comment'])
      .where('return_id', '=', returnId)
      .orderBy('created_at')
      .execute();
    expect(events.map((e) => e.event)).toEqual([
      'started',
      'submit',
      'send_back',
      'started',
      'submit',
      'sign_off',
      'reopen',
    ]);
    const log = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_id', '=', returnId)
      .where('action', '=', 'return.reopened')
      .execute();
    expect(log).toHaveLength(1);
  });
});

describe('who sees a return', () => {
  it('keeps a draft to its own agency: others get 404, and the attempt is logged', async () => {
    const { returnId } = await newReturn();
    expect((await browsers.auditor!.get(`/returns/${returnId}`)).statusCode).toBe(200);
    for (const who of ['healthAuditor', 'coordinator', 'panel'] as const) {
      expect((await browsers[who]!.get(`/returns/${returnId}`)).statusCode, who).toBe(404);
    }
    const logged = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_id', '=', returnId)
      .execute();
    expect(logged.filter((l) => l.action === 'return.refused')).toHaveLength(3);
    expect(logged.filter((l) => l.action === 'return.viewed')).toHaveLength(1);
  });

  it('shows a submitted return to the coordinator and panel, and to other agencies at discussion', async () => {
    const { returnId, audit } = await newReturn();
    await t.database.db.updateTable('agency_return').set({ status: 'submitted' }).where('id', '=', returnId).execute();
    expect((await browsers.coordinator!.get(`/returns/${returnId}`)).statusCode).toBe(200);
    expect((await browsers.panel!.get(`/returns/${returnId}`)).statusCode).toBe(200);
    expect((await browsers.healthAuditor!.get(`/returns/${returnId}`)).statusCode).toBe(404);
    await t.database.db.updateTable('audit').set({ status: 'discussion' }).where('id', '=', audit.id).execute();
    expect((await browsers.healthAuditor!.get(`/returns/${returnId}`)).statusCode).toBe(200);
  });

  it('never lets another agency write to a return', async () => {
    const { returnId, versionId } = await newReturn();
    const health = browsers.healthAuditor!;
    await health.get('/my-returns');
    const attempt = await health.post(`/returns/${returnId}/sections/${versionId}/referral`, {
      ...answeredSection(GENERAL_TOOL.sections[0]!),
      version: '0',
      mode: 'draft',
    });
    expect(attempt.statusCode).toBe(404);
    expect(
      await t.database.db
        .selectFrom('return_section')
        .select('section_key')
        .where('return_id', '=', returnId)
        .execute(),
    ).toHaveLength(0);
  });
});

describe('never losing typed work', () => {
  it('keeps the input and explains a missing judgement or over-long evidence', async () => {
    const { returnId, versionId } = await newReturn();
    const auditor = browsers.auditor!;
    await auditor.get(`/returns/${returnId}/sections/${versionId}/referral`);
    const form = {
      ...answeredSection(GENERAL_TOOL.sections[0]!, 'Typed evidence that must survive'),
      a_referral_timely: '',
      version: '0',
      mode: 'complete',
    };
    const missing = await auditor.post(`/returns/${returnId}/sections/${versionId}/referral`, form);
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain(
      'Select an answer for “Were concerns recognised and referred in a timely way, at the right threshold”',
    );
    expect(missing.body).toContain('Typed evidence that must survive');
    const long = await auditor.post(`/returns/${returnId}/sections/${versionId}/referral`, {
      ...form,
      a_referral_timely: 'good',
      e_referral_history: 'y'.repeat(5001),
    });
    expect(long.body).toContain('(it has 5001)');
    const invented = await auditor.post(`/returns/${returnId}/sections/${versionId}/referral`, {
      ...form,
      a_referral_timely: 'good',
      a_made_up: 'good',
    });
    expect(invented.body).toContain('not in this section');
    expect(
      await t.database.db
        .selectFrom('return_answer')
        .select('question_key')
        .where('return_id', '=', returnId)
        .execute(),
    ).toHaveLength(0);
  });

  it('shows a conflict with both versions when two people save the same section, overwriting nothing', async () => {
    const { returnId, versionId } = await newReturn();
    const url = `/returns/${returnId}/sections/${versionId}/voice`;
    const section = GENERAL_TOOL.sections.find((s) => s.key === 'voice')!;
    await browsers.auditor!.get(url);
    await browsers.secondAuditor!.get(url);
    expect(
      (
        await browsers.auditor!.post(url, {
          ...answeredSection(section, 'First auditor’s evidence'),
          version: '0',
          mode: 'draft',
        })
      ).statusCode,
    ).toBe(303);
    const conflict = await browsers.secondAuditor!.post(url, {
      ...answeredSection(section, 'Second auditor’s evidence'),
      version: '0',
      mode: 'draft',
    });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.body).toContain('First auditor’s evidence');
    expect(conflict.body).toContain('Second auditor’s evidence');
    const stored = await t.database.db
      .selectFrom('return_answer')
      .select('evidence')
      .where('return_id', '=', returnId)
      .where('question_key', '=', 'voice_seen')
      .executeTakeFirstOrThrow();
    expect(stored.evidence).toBe('First auditor’s evidence');
    const keepMine = await browsers.secondAuditor!.post(url, {
      ...answeredSection(section, 'Second auditor’s evidence'),
      version: '1',
      mode: 'draft',
    });
    expect(keepMine.statusCode).toBe(303);
    const after = await t.database.db
      .selectFrom('return_answer')
      .select('evidence')
      .where('return_id', '=', returnId)
      .where('question_key', '=', 'voice_seen')
      .executeTakeFirstOrThrow();
    expect(after.evidence).toBe('Second auditor’s evidence');
  });

  it('saves drafts in the background with the same version check', async () => {
    const { returnId, versionId } = await newReturn();
    const url = `/returns/${returnId}/sections/${versionId}/planning/autosave`;
    await browsers.auditor!.get(`/returns/${returnId}/sections/${versionId}/planning`);
    const first = await browsers.auditor!.post(url, { a_planning_smart: 'good', version: '0' });
    expect(first.json()).toEqual({ saved: true, version: 1 });
    const stale = await browsers.auditor!.post(url, { a_planning_smart: 'inadequate', version: '0' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ conflict: boolean }>().conflict).toBe(true);
  });
});

describe('a session that ends while typing', () => {
  it('keeps the typed text through sign-in, without saving it behind the person’s back', async () => {
    const { returnId, versionId } = await newReturn();
    const user = await aUser(partnershipId)
      .withRole('auditor')
      .inAgency(police)
      .exemptFromSecondFactor()
      .create(t.database.db);
    const browser = new Browser(t.app);
    await browser.signIn(user.email, user.password);
    const url = `/returns/${returnId}/sections/${versionId}/records`;
    await browser.get(url);
    await t.database.db
      .updateTable('user_session')
      .set({ last_seen_at: new Date(Date.now() - 40 * 60_000) })
      .where('user_id', '=', user.id)
      .execute();
    const section = GENERAL_TOOL.sections.find((s) => s.key === 'records')!;
    const late = await browser.post(url, {
      ...answeredSection(section, 'Typed for forty minutes'),
      version: '0',
      mode: 'complete',
    });
    expect(late.statusCode).toBe(303);
    expect(late.headers.location).toBe(`/sign-in?returnTo=${encodeURIComponent(url)}&expired=1`);
    const kept = await t.database.db.selectFrom('saved_form').select('encrypted').execute();
    expect(kept.some((k) => k.encrypted.includes('Typed for forty'))).toBe(false);
    await browser.get(late.headers.location!);
    const signIn = await browser.post('/sign-in', { email: user.email, password: user.password, returnTo: url });
    expect(signIn.headers.location).toBe(url);
    const page = await browser.get(url);
    expect(page.body).toContain('We kept what you typed');
    expect(page.body).toContain('Typed for forty minutes');
    expect(
      await t.database.db
        .selectFrom('return_answer')
        .select('question_key')
        .where('return_id', '=', returnId)
        .execute(),
    ).toHaveLength(0);
    expect((await browser.get(url)).body).not.toContain('We kept what you typed');
  });
});

describe('returns in the API', () => {
  it('reads and saves with the same rules: another agency’s draft is 404, stale saves 409', async () => {
    const { returnId, versionId } = await newReturn();
    const mine = await aUser(partnershipId).withRole('auditor').inAgency(police).create(t.database.db);
    const theirs = await aUser(partnershipId).withRole('auditor').inAgency(health).create(t.database.db);
    const actor = { userId: null, partnershipId, correlationId: null, ip: null };
    const myToken = (await t.services.apiTokens.create(mine.id, 'x', actor)).token;
    const theirToken = (await t.services.apiTokens.create(theirs.id, 'x', actor)).token;
    const url = `/api/v1/returns/${returnId}/sections/${versionId}/referral`;
    const payload = {
      version: 0,
      mode: 'complete',
      answers: { referral_timely: 'good', referral_all_children: 'yes', referral_history: 'no' },
      evidence: { referral_timely: 'Same day.', referral_all_children: 'All named.', referral_history: 'None given.' },
    };
    expect(
      (await t.app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${theirToken}` }, payload }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ url: `/api/v1/returns/${returnId}`, headers: { authorization: `Bearer ${theirToken}` } }))
        .statusCode,
    ).toBe(404);
    const missing = await t.app.inject({
      method: 'PUT',
      url,
      headers: { authorization: `Bearer ${myToken}` },
      payload: { ...payload, answers: { referral_timely: 'good' } },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ error: { fields: object } }>().error.fields).toHaveProperty('a_referral_all_children');
    const saved = await t.app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${myToken}` }, payload });
    expect(saved.json()).toEqual({ version: 1, complete: true });
    const stale = await t.app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${myToken}` }, payload });
    expect(stale.statusCode).toBe(409);
    const read = await t.app.inject({
      url: `/api/v1/returns/${returnId}`,
      headers: { authorization: `Bearer ${myToken}` },
    });
    expect(
      read.json<{ sections: { key: string }[] }>().sections.find((s: { key: string }) => s.key === 'referral'),
    ).toMatchObject({
      status: 'completed',
      version: 1,
    });
    const notReady = await t.app.inject({
      method: 'POST',
      url: `/api/v1/returns/${returnId}/submit`,
      headers: { authorization: `Bearer ${myToken}` },
    });
    expect(notReady.statusCode).toBe(400);
    expect(notReady.json<{ missing: string[] }>().missing).toContain('Give the overall single-agency grade');
  });
});
