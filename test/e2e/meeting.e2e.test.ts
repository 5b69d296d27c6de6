import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aReturn, anAudit } from '../support/audit-builders.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';
import { JOURNEY_TIMEOUT_MS, signInWithPassword, startE2EApp, type E2EApp, type Journey } from './support/e2e.ts';

let e2e: E2EApp;
beforeAll(async () => {
  e2e = await startE2EApp();
});
afterAll(async () => e2e?.close());

/** Two agencies' submitted returns for Case 1, two steps apart on referral: something to moderate. */
async function discussionStageAudit(partnershipId: string, police: string, socialCare: string) {
  const audit = await anAudit(partnershipId).inviting(police, socialCare).inStatus('discussion').create(e2e.db);
  await e2e.db
    .updateTable('audit')
    .set({ title: 'Domestic abuse and the voice of the child' })
    .where('id', '=', audit.id)
    .execute();
  const tool = (
    await e2e.db
      .selectFrom('audit_tool')
      .select('template_version_id')
      .where('audit_id', '=', audit.id)
      .executeTakeFirstOrThrow()
  ).template_version_id;
  for (const [agency, grade, evidence] of [
    [police, 'outstanding', 'Referred to children’s social care the same night'],
    [socialCare, 'requires_improvement', 'Referral did not say an unborn baby was expected'],
  ] as const) {
    const returnId = await aReturn(e2e.db, audit.caseIds[0]!, agency);
    await e2e.db.updateTable('agency_return').set({ status: 'submitted' }).where('id', '=', returnId).execute();
    await e2e.db
      .insertInto('return_answer')
      .values({
        return_id: returnId,
        template_version_id: tool,
        question_key: 'referral_timely',
        answer: grade,
        evidence,
      })
      .execute();
  }
  return audit;
}

async function findingWithSuggestedTheme(
  journey: Journey,
  auditId: string,
  finding: { kind: string; scope: string; text: string; accept: string; reject: string[] },
) {
  await journey.visit(`/audits/${auditId}/findings`);
  await journey.clickButton('Record a finding');
  await journey.expectHeading('Record a finding');
  await journey.page.getByRole('radio', { name: finding.kind, exact: true }).check();
  await journey.fill('The finding', finding.text);
  await journey.page.getByRole('radio', { name: finding.scope, exact: true }).check();
  if (finding.scope === 'One or more cases')
    await journey.page.getByRole('checkbox', { name: 'Case 1', exact: true }).check();
  await journey.clickButton('Suggest learning themes from the text');
  const suggested = journey.page.getByRole('checkbox', { name: finding.accept, exact: true });
  expect(await suggested.isChecked()).toBe(true);
  for (const name of finding.reject) await journey.page.getByRole('checkbox', { name, exact: true }).uncheck();
  await journey.clickButton('Save the finding');
  await journey.expectHeading('Findings');
}

describe('the discussion meeting, its findings and the action plan', { timeout: JOURNEY_TIMEOUT_MS }, () => {
  it('records the meeting for a case, two findings with themes, a recommendation and an action, whose owner then reports progress', async () => {
    const partnershipId = await aPartnership().create(e2e.db);
    const police = await anAgency(partnershipId).named('Testshire Police').create(e2e.db);
    const socialCare = await anAgency(partnershipId)
      .named('Testshire Children’s Social Care')
      .ofType('social_care')
      .create(e2e.db);
    const audit = await discussionStageAudit(partnershipId, police, socialCare);
    const coordinator = await aUser(partnershipId)
      .withRole('coordinator')
      .named('Casey Coordinator')
      .exemptFromSecondFactor()
      .create(e2e.db);
    const owner = await aUser(partnershipId)
      .withRole('action_owner')
      .named('Olu Owner')
      .inAgency(socialCare)
      .exemptFromSecondFactor()
      .create(e2e.db);

    const journey = await e2e.newJourney();
    await signInWithPassword(journey, coordinator.email, coordinator.password);

    // The pack: both returns side by side, the referral judgements marked for moderation.
    await journey.visit(`/audits/${audit.id}/meeting-pack`);
    await journey.expectHeading('Meeting pack');
    expect(await journey.page.locator('.maca-heatmap__moderate').count()).toBe(2);

    // The record: who came, who sent apologies, the date.
    await journey.visit(`/audits/${audit.id}/meeting`);
    await journey.expectHeading('Discussion meeting');
    await journey.fill('Name', 'DS Rivers');
    await journey.page.getByLabel('Agency', { exact: true }).selectOption({ label: 'Testshire Police' });
    await journey.fill('Role', 'Safeguarding lead');
    await journey.clickButton('Add attendee');
    await journey.fill('Name', 'Dr Shah');
    await journey.fill('Role', 'Named GP');
    await journey.page.getByRole('checkbox', { name: 'Sent apologies', exact: true }).check();
    await journey.clickButton('Add attendee');
    await journey.page.locator('#heldOn-day').fill('14');
    await journey.page.locator('#heldOn-month').fill('1');
    await journey.page.locator('#heldOn-year').fill('2027');
    await journey.fill('Notes, case by case', 'All agencies attended except health, who sent written comments.');
    await journey.clickButton('Save the record');
    expect(await journey.page.locator('#attendees + table').innerText()).toMatch(/Dr Shah[\s\S]*Sent apologies/);

    // Case 1: the panel's notes and an agreed judgement, moderated from Outstanding and Requires improvement.
    await journey.clickLink('Record notes for Case 1');
    await journey.expectHeading('Case 1: panel notes and agreed judgements');
    await journey.fill(
      'The panel’s notes on Case 1',
      'Police referral was prompt; the unborn baby was missed in the referral.',
    );
    await journey.page
      .getByRole('group', { name: 'Referral' })
      .getByRole('radio', { name: 'Good', exact: true })
      .check();
    await journey.fill('Rationale for Referral', 'Prompt referral, but the unborn baby was not named.');
    await journey.clickButton('Save the notes for Case 1');
    await journey.expectHeading('Discussion meeting');
    expect(await journey.page.locator('#cases ~ .govuk-summary-card').first().innerText()).toMatch(
      /unborn baby was missed[\s\S]*Referral\s+Good\s+Prompt referral/,
    );

    // Two findings, each accepting the learning theme suggested from its words.
    await findingWithSuggestedTheme(journey, audit.id, {
      kind: 'Strength',
      scope: 'One or more cases',
      text: 'The school nurse saw Child A alone and recorded her wishes and feelings in her own words.',
      accept: 'Voice and lived experience of the child',
      reject: ['Education and attendance', 'Record keeping and flagging'],
    });
    await findingWithSuggestedTheme(journey, audit.id, {
      kind: 'Area for development',
      scope: 'An issue seen across cases',
      text: 'Social workers were not told the outcome of the MARAC meeting.',
      accept: 'MARAC outcomes reaching agencies',
      reject: [],
    });
    const themes = await e2e.db
      .selectFrom('finding_theme as ft')
      .innerJoin('learning_theme as lt', 'lt.id', 'ft.theme_id')
      .innerJoin('finding as f', 'f.id', 'ft.finding_id')
      .select(['lt.code', 'ft.suggested'])
      .where('f.audit_id', '=', audit.id)
      .orderBy('lt.code')
      .execute();
    expect(themes).toEqual([
      { code: 'marac_outcomes', suggested: true },
      { code: 'voice_of_child', suggested: true },
    ]);

    // A recommendation answering the MARAC finding, and an action for social care.
    await journey.visit(`/audits/${audit.id}/recommendations`);
    await journey.clickButton('Make a recommendation');
    await journey.fill(
      'Recommendation',
      'Make sure MARAC outcomes reach the allocated social worker within one working day.',
    );
    await journey.page.getByRole('radio', { name: 'Practice change', exact: true }).check();
    await journey.page.getByRole('radio', { name: 'The partnership', exact: true }).check();
    await journey.page.getByRole('checkbox', { name: /MARAC meeting/ }).check();
    await journey.clickButton('Save');
    await journey.visit(`/audits/${audit.id}/actions`);
    await journey.clickButton('Add an action');
    await journey.fill(
      'Action',
      'Send every MARAC outcome to the allocated social worker and record it on the child’s file.',
    );
    await journey.page.getByLabel('Recommendation it answers', { exact: true }).selectOption({ index: 1 });
    await journey.page
      .getByLabel('Owning agency', { exact: true })
      .selectOption({ label: 'Testshire Children’s Social Care' });
    await journey.page
      .getByLabel('Named lead', { exact: true })
      .selectOption({ label: 'Olu Owner (Testshire Children’s Social Care)' });
    await journey.page.locator('#dueOn-day').fill('30');
    await journey.page.locator('#dueOn-month').fill('6');
    await journey.page.locator('#dueOn-year').fill('2027');
    await journey.clickButton('Add the action');
    await journey.expectHeading(
      'Send every MARAC outcome to the allocated social worker and record it on the child’s file.',
    );
    const actionPath = journey.path();
    // The recommendation now has an action on it: its removal is refused, naming the action.
    await journey.visit(`/audits/${audit.id}/recommendations`);
    await journey.clickLink('Remove recommendation 1');
    await journey.expectHeading('Recommendation 1 cannot be removed');
    // A second one, with no action on it, goes after the confirmation page.
    await e2e.db
      .insertInto('recommendation')
      .values({
        audit_id: audit.id,
        text: 'Repeat the audit in a year.',
        addressed_to: 'partnership',
        kind: 'assurance',
      })
      .execute();
    await journey.visit(`/audits/${audit.id}/recommendations`);
    await journey.clickLink('Remove recommendation 2');
    await journey.expectHeading('Are you sure you want to remove recommendation 2?');
    await journey.clickButton('Yes, remove it');
    await journey.expectHeading('Recommendations');
    expect(await journey.page.content()).toContain('Recommendation 2 removed');

    // The action's owner reports progress, with a file as evidence of completion.
    const ownerJourney = await e2e.newJourney();
    await signInWithPassword(ownerJourney, owner.email, owner.password);
    await ownerJourney.visit('/my-actions');
    await ownerJourney.clickLink(
      'Send every MARAC outcome to the allocated social worker and record it on the child’s file.',
    );
    expect(ownerJourney.path()).toBe(actionPath);
    await ownerJourney.page.getByRole('radio', { name: 'On track', exact: true }).check();
    await ownerJourney.fill(
      'What has happened since the last update',
      'MARAC coordinator now e-mails outcomes to allocated workers; first month checked.',
    );
    await ownerJourney.clickButton('Save the update');
    expect(await ownerJourney.page.locator('main').innerText()).toContain('MARAC coordinator now e-mails outcomes');
    await ownerJourney.page.getByRole('radio', { name: 'Evidence of completion', exact: true }).check();
    await ownerJourney.page.setInputFiles('#file', {
      name: 'marac-dip-sample.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('case,outcome sent\r\nCase 1,yes\r\n'),
    });
    await ownerJourney.clickButton('Upload the file');
    expect(await ownerJourney.page.locator('#evidence + table').innerText()).toContain('marac-dip-sample.csv');

    const action = await e2e.db
      .selectFrom('action')
      .select(['status', 'lead_user_id'])
      .where('audit_id', '=', audit.id)
      .executeTakeFirstOrThrow();
    expect(action).toEqual({ status: 'on_track', lead_user_id: owner.id });
    expect(journey.checked.length + ownerJourney.checked.length).toBeGreaterThanOrEqual(20);
  });

  it('shows two panel members’ versions of a case’s notes side by side, without JavaScript and by keyboard, and keeps the chosen one', async () => {
    const partnershipId = await aPartnership().create(e2e.db);
    const police = await anAgency(partnershipId).named('Testshire Police').create(e2e.db);
    const socialCare = await anAgency(partnershipId)
      .named('Testshire Children’s Social Care')
      .ofType('social_care')
      .create(e2e.db);
    const audit = await discussionStageAudit(partnershipId, police, socialCare);
    const first = await aUser(partnershipId)
      .withRole('panel_member')
      .named('Pat Panel')
      .exemptFromSecondFactor()
      .create(e2e.db);
    const second = await aUser(partnershipId)
      .withRole('panel_member')
      .named('Sam Panel')
      .exemptFromSecondFactor()
      .create(e2e.db);
    const casePath = `/audits/${audit.id}/meeting/cases/${audit.caseIds[0]}`;

    const a = await e2e.newJourney();
    const b = await e2e.newJourney({ javaScript: false });
    await signInWithPassword(a, first.email, first.password);
    await signInWithPassword(b, second.email, second.password);
    await a.visit(casePath);
    await b.visit(casePath);
    await a.fill('The panel’s notes on Case 1', 'Pat: the referral was prompt.');
    await a.clickButton('Save the notes for Case 1');
    await b.fill('The panel’s notes on Case 1', 'Sam: health visitor not told of the conference.');
    await b.page
      .getByRole('group', { name: 'Referral' })
      .getByRole('radio', { name: 'Requires improvement', exact: true })
      .check();
    await b.tabTo('Save the notes for Case 1', 80);
    await b.pressToNavigate('Enter', 409);
    await b.expectHeading('Someone else saved this case’s notes while you were working');
    const compared = await b.page.locator('table').innerText();
    expect(compared).toContain('Pat: the referral was prompt.');
    expect(compared).toContain('Sam: health visitor not told of the conference.');
    expect(compared).toContain('Saved by Pat Panel');
    await b.clickButton('Keep my version');
    await b.expectHeading('Discussion meeting');
    const note = await e2e.db
      .selectFrom('meeting_case_note')
      .select(['notes', 'version'])
      .where('case_id', '=', audit.caseIds[0]!)
      .executeTakeFirstOrThrow();
    expect(note).toEqual({ notes: 'Sam: health visitor not told of the conference.', version: 2 });
  });
});
