import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERAL_TOOL } from '../../src/domain/shipped-templates.ts';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { aReturn, anAudit } from '../support/audit-builders.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';
import { answeredSection } from './support.ts';

/**
 * The bad input the returns and templates must refuse, each with the field or path named and
 * nothing stored: a judgement not on the scale, required evidence missing, a section the tool
 * does not have, a template scale whose values share a rank, and any change to a signed-off
 * return by any route (pages, background save, API).
 */
let t: TestApp;
let partnershipId: string;
let police: string;
let auditor: Browser;
let lead: Browser;
let coordinator: Browser;
let token: string;

async function signedIn(role: 'auditor' | 'audit_lead' | 'coordinator', agencyId?: string) {
  let builder = aUser(partnershipId).withRole(role).exemptFromSecondFactor();
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
  const a = await signedIn('auditor', police);
  auditor = a.browser;
  lead = (await signedIn('audit_lead', police)).browser;
  coordinator = (await signedIn('coordinator')).browser;
  token = (
    await t.services.apiTokens.create(a.user.id, 'bench', {
      userId: null,
      partnershipId,
      correlationId: null,
      ip: null,
    })
  ).token;
});
afterAll(async () => t?.close());

async function newReturn() {
  const audit = await anAudit(partnershipId).inviting(police).create(t.database.db);
  const returnId = await aReturn(t.database.db, audit.caseIds[0]!, police);
  const versionId = (
    await t.database.db
      .selectFrom('audit_tool')
      .select('template_version_id')
      .where('audit_id', '=', audit.id)
      .executeTakeFirstOrThrow()
  ).template_version_id;
  return { returnId, versionId };
}

describe('answers the tool does not allow', () => {
  it('refuses a judgement that is not on the question’s scale and missing required evidence, naming the question, storing nothing', async () => {
    const { returnId, versionId } = await newReturn();
    const url = `/returns/${returnId}/sections/${versionId}/referral`;
    await auditor.get(url);
    const form = answeredSection(GENERAL_TOOL.sections[0]!, 'Typed evidence');
    const offScale = await auditor.post(url, { ...form, a_referral_timely: 'excellent', version: '0', mode: 'draft' });
    expect(offScale.statusCode).toBe(400);
    expect(offScale.body).toContain(
      'Select an answer from the list for “Were concerns recognised and referred in a timely way, at the right threshold”',
    );
    expect(offScale.body).toContain('href="#a_referral_timely"');
    const noEvidence = await auditor.post(url, { ...form, e_referral_history: '', version: '0', mode: 'complete' });
    expect(noEvidence.statusCode).toBe(400);
    expect(noEvidence.body).toContain(
      'Enter the evidence for “Did the referral summarise relevant history rather than describe a single incident”',
    );
    expect(noEvidence.body).toContain('Typed evidence');
    expect(
      await t.database.db
        .selectFrom('return_section')
        .select('section_key')
        .where('return_id', '=', returnId)
        .execute(),
    ).toEqual([]);
  });

  it('answers 404 for a section or tool version the audit does not use', async () => {
    const { returnId, versionId } = await newReturn();
    expect((await auditor.get(`/returns/${returnId}/sections/${versionId}/made_up`)).statusCode).toBe(404);
    const form = { ...answeredSection(GENERAL_TOOL.sections[0]!), version: '0', mode: 'complete' };
    await auditor.get(`/returns/${returnId}`);
    expect((await auditor.post(`/returns/${returnId}/sections/${versionId}/made_up`, form)).statusCode).toBe(404);
    const dummyVersion = '00000000-0000-4000-8000-000000000000';
    expect((await auditor.post(`/returns/${returnId}/sections/${dummyVersion}/referral`, form)).statusCode).toBe(404);
  });
});

describe('a signed-off return', () => {
  it('refuses every change, by page, background save and API, and keeps what was signed off', async () => {
    const { returnId, versionId } = await newReturn();
    for (const section of GENERAL_TOOL.sections) {
      const url = `/returns/${returnId}/sections/${versionId}/${section.key}`;
      await auditor.get(url);
      expect(
        (
          await auditor.post(url, {
            ...answeredSection(section, 'Signed-off evidence'),
            version: '0',
            mode: 'complete',
          })
        ).statusCode,
      ).toBe(303);
    }
    await auditor.get(`/returns/${returnId}/overall`);
    const version = /name="version" value="(\d+)"/.exec(auditor.lastHtml)![1]!;
    expect(
      (
        await auditor.post(`/returns/${returnId}/overall`, {
          grade: 'good',
          rationale: 'Sound.',
          auditorName: 'A',
          auditorRole: 'B',
          version,
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (
        await auditor.post(`/returns/${returnId}/actions`, {
          action: 'Brief the team',
          owner: 'Hub',
          'due-day': '',
          'due-month': '',
          'due-year': '',
        })
      ).statusCode,
    ).toBe(303);
    await auditor.get(`/returns/${returnId}/check`);
    expect((await auditor.post(`/returns/${returnId}/submit`, {})).statusCode).toBe(303);
    await lead.get(`/returns/${returnId}/review`);
    expect((await lead.post(`/returns/${returnId}/review`, { decision: 'sign_off', comments: '' })).statusCode).toBe(
      303,
    );
    const before = await t.database.db
      .selectFrom('agency_return')
      .select(['status', 'version', 'overall_grade', 'overall_rationale'])
      .where('id', '=', returnId)
      .executeTakeFirstOrThrow();
    expect(before.status).toBe('signed_off');

    const section = `/returns/${returnId}/sections/${versionId}/voice`;
    await auditor.get(section);
    const page = await auditor.post(section, {
      ...answeredSection(GENERAL_TOOL.sections[2]!, 'Late change'),
      version: '1',
      mode: 'draft',
    });
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('can no longer be changed');
    const background = await auditor.post(`${section}/autosave`, { a_voice_seen: 'no', version: '1' });
    expect(background.statusCode).toBe(409);
    expect(background.json()).toMatchObject({ saved: false });
    await auditor.get(`/returns/${returnId}`);
    const overall = await auditor.post(`/returns/${returnId}/overall`, {
      grade: 'inadequate',
      rationale: 'Changed my mind.',
      auditorName: 'A',
      auditorRole: 'B',
      version: String(before.version),
    });
    expect([403, 404, 409]).toContain(overall.statusCode);
    const action = await auditor.post(`/returns/${returnId}/actions`, {
      action: 'Another action',
      owner: 'Hub',
      'due-day': '',
      'due-month': '',
      'due-year': '',
    });
    expect([403, 404, 409]).toContain(action.statusCode);
    const actionId = (
      await t.database.db
        .selectFrom('single_agency_action')
        .select('id')
        .where('return_id', '=', returnId)
        .executeTakeFirstOrThrow()
    ).id;
    await auditor.post(`/returns/${returnId}/actions/${actionId}/remove`, {});
    const api = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/returns/${returnId}/sections/${versionId}/voice`,
      headers: { authorization: `Bearer ${token}` },
      payload: { version: 1, mode: 'draft', answers: { voice_seen: 'no' }, evidence: {} },
    });
    expect(api.statusCode).toBe(409);
    expect(api.json<{ error: { code: string } }>().error.code).toBe('locked');

    const after = await t.database.db
      .selectFrom('agency_return')
      .select(['status', 'version', 'overall_grade', 'overall_rationale'])
      .where('id', '=', returnId)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    const answers = await t.database.db
      .selectFrom('return_answer')
      .select(['answer', 'evidence'])
      .where('return_id', '=', returnId)
      .execute();
    expect(new Set(answers.map((a) => a.evidence))).toEqual(new Set(['Signed-off evidence']));
    expect(
      await t.database.db
        .selectFrom('single_agency_action')
        .select('action')
        .where('return_id', '=', returnId)
        .execute(),
    ).toEqual([{ action: 'Brief the team' }]);
  });
});

describe('templates that do not validate', () => {
  it('refuses a scale whose values share a rank, and a judgement without a scale, naming each path', async () => {
    const tool = {
      format: 'maca-audit-tool/1',
      name: 'Ranked badly',
      scales: [
        {
          key: 'ypn',
          label: 'Yes or no',
          values: [
            { value: 'yes', label: 'Yes', rank: 1 },
            { value: 'no', label: 'No', rank: 1 },
          ],
        },
      ],
      sections: [
        { key: 'one', title: 'One', questions: [{ key: 'q1', text: 'Was the child seen?', type: 'judgement' }] },
      ],
    };
    await coordinator.get('/templates/new');
    const response = await coordinator.post('/templates', { content: JSON.stringify(tool) });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('scales[0].values: two values have the same rank');
    expect(response.body).toContain('sections[0].questions[0].scale: is required for a judgement question');
    expect(
      await t.database.db.selectFrom('tool_template').select('id').where('name', '=', 'Ranked badly').execute(),
    ).toEqual([]);
  });
});
