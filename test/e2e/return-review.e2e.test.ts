import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Question, Section } from '../../src/domain/audit-tool.ts';
import { GENERAL_TOOL } from '../../src/domain/shipped-templates.ts';
import { aReturn, anAudit } from '../support/audit-builders.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';
import { JOURNEY_TIMEOUT_MS, linkIn, startE2EApp, waitForEmail, type E2EApp, type Journey } from './support/e2e.ts';

/**
 * An agency return from first answer to sign-off, by keyboard alone: Tab, arrow keys in
 * radio groups, Space, Enter and typing. No mouse click anywhere; every page is checked with axe
 * as it arrives (Journey). The people reach the return as they would: through the e-mailed links.
 */
let e2e: E2EApp;
beforeAll(async () => {
  e2e = await startE2EApp();
});
afterAll(async () => e2e?.close());

type Focused = { tag: string; type: string; name: string; label: string; legend: string; text: string };

async function focused(journey: Journey): Promise<Focused> {
  return journey.page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement | null;
    const labels = element && 'labels' in element && element.labels ? [...element.labels] : [];
    return {
      tag: element?.tagName ?? '',
      type: element?.getAttribute('type') ?? '',
      name: element?.getAttribute('name') ?? '',
      label: labels.map((l) => l.innerText.trim()).join(' '),
      legend: element?.closest('fieldset')?.querySelector('legend')?.innerText.trim() ?? '',
      text: (element?.innerText ?? '').trim(),
    };
  });
}

/** Presses Tab until the focused control is the one wanted: proves it is reachable by keyboard, in order. */
async function tabToControl(
  journey: Journey,
  wanted: (f: Focused) => boolean,
  what: string,
  maxPresses = 120,
): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await journey.page.keyboard.press('Tab');
    if (wanted(await focused(journey))) return;
  }
  throw new Error(`${what} was not reached after pressing Tab ${maxPresses} times on ${journey.path()}`);
}

/** Enters a radio group by Tab and chooses the option at `index` with Space and the arrow keys. */
async function chooseRadio(journey: Journey, legend: string, index: number): Promise<void> {
  await tabToControl(journey, (f) => f.type === 'radio' && f.legend === legend, `the radio group “${legend}”`);
  await journey.page.keyboard.press('Space');
  for (let i = 0; i < index; i++) await journey.page.keyboard.press('ArrowDown');
}

/** Replaces the text of the focused field by typing. */
async function typeOver(journey: Journey, text: string): Promise<void> {
  await journey.page.keyboard.press('ControlOrMeta+A');
  await journey.page.keyboard.press('Delete');
  await journey.page.keyboard.type(text);
}

async function activate(journey: Journey, name: string, maxPresses = 120): Promise<void> {
  await journey.tabTo(name, maxPresses);
  await journey.pressToNavigate('Enter');
}

async function signInByKeyboard(journey: Journey, email: string, password: string): Promise<void> {
  await journey.visit('/sign-in');
  await tabToControl(journey, (f) => f.label === 'Email address', 'the email field');
  await journey.page.keyboard.type(email);
  await tabToControl(journey, (f) => f.label === 'Password', 'the password field', 3);
  await journey.page.keyboard.type(password);
  await journey.pressToNavigate('Enter');
}

const choiceFor = (q: Question) => (q.scale === 'ofsted' ? 1 : 0); // Good, or Yes
const valueFor = (q: Question) => (q.scale === 'ofsted' ? 'good' : 'yes');
const evidenceFor = (q: Question) =>
  q.key === 'mae_marac' ? 'MARAC 12 May: outcome on file.' : `Record 3 May shows ${q.key.replace(/_/g, ' ')}.`;

async function answerSection(journey: Journey, section: Section): Promise<void> {
  await journey.expectHeading(section.title);
  for (const q of section.questions) {
    await chooseRadio(journey, q.text, choiceFor(q));
    expect(await journey.page.locator(`input[name="a_${q.key}"]:checked`).getAttribute('value'), q.key).toBe(
      valueFor(q),
    );
    await tabToControl(
      journey,
      (f) => f.tag === 'TEXTAREA' && f.name === `e_${q.key}` && f.label.startsWith('Evidence'),
      `the evidence for ${q.key}`,
      2,
    );
    await journey.page.keyboard.type(evidenceFor(q));
  }
  if (section.key === 'multi_agency') {
    await tabToControl(journey, (f) => f.label === 'What worked well (optional)', 'What worked well', 3);
    await journey.page.keyboard.type('Conference minutes reached the team within a week.');
  }
  await activate(journey, 'Save and continue', 10);
}

describe('an agency return reviewed by keyboard alone', { timeout: 2 * JOURNEY_TIMEOUT_MS }, () => {
  it('is completed and submitted, sent back with a comment, amended and resubmitted, and signed off', async () => {
    const partnershipId = await aPartnership().create(e2e.db);
    const police = await anAgency(partnershipId).named('Keyboardshire Police').ofType('police').create(e2e.db);
    const audit = await anAudit(partnershipId).inviting(police).create(e2e.db);
    const returnId = await aReturn(e2e.db, audit.caseIds[0]!, police);
    const auditor = await aUser(partnershipId)
      .withRole('auditor')
      .inAgency(police)
      .named('Kai Auditor')
      .exemptFromSecondFactor()
      .create(e2e.db);
    const lead = await aUser(partnershipId)
      .withRole('audit_lead')
      .inAgency(police)
      .named('Lee Lead')
      .exemptFromSecondFactor()
      .create(e2e.db);

    // The auditor answers every section, gives the overall grade and an action, and submits.
    const a = await e2e.newJourney();
    await signInByKeyboard(a, auditor.email, auditor.password);
    await a.visit(`/returns/${returnId}`);
    await a.expectHeading('Keyboardshire Police return for Case 1');
    await activate(a, GENERAL_TOOL.sections[0]!.title);
    for (const section of GENERAL_TOOL.sections) await answerSection(a, section);
    await a.expectHeading('Overall grade and auditor');
    await chooseRadio(a, 'Overall single-agency grade for this case', 1);
    await tabToControl(a, (f) => f.label === 'Rationale for the grade', 'the rationale', 2);
    await a.page.keyboard.type('Timely, well-recorded practice; MARAC outcome shared.');
    await tabToControl(a, (f) => f.label === 'Auditor’s name', 'the auditor’s name', 2);
    await typeOver(a, 'Kai Auditor');
    await tabToControl(a, (f) => f.label === 'Auditor’s role', 'the auditor’s role', 2);
    await a.page.keyboard.type('Detective Sergeant');
    await activate(a, 'Save and continue', 5);
    await a.expectHeading('Single-agency actions');
    await tabToControl(a, (f) => f.label === 'Action', 'the action field');
    await a.page.keyboard.type('Record MARAC outcomes on the child’s file');
    await tabToControl(a, (f) => f.label === 'Owner (role or team)', 'the owner field', 2);
    await a.page.keyboard.type('Safeguarding hub');
    await activate(a, 'Add action', 10);
    expect(await a.page.locator('table').innerText()).toContain('Record MARAC outcomes');
    await activate(a, 'Done: back to the return');
    await activate(a, 'Check and submit');
    await a.expectHeading('Submit the return');
    await activate(a, 'Submit the return');
    expect(await a.page.locator('main').innerText()).toContain('Return submitted');

    // The lead follows the e-mailed link and sends it back with a comment.
    const l = await e2e.newJourney();
    await signInByKeyboard(l, lead.email, lead.password);
    const submitted = linkIn((await waitForEmail(e2e.db, lead.email, 'return-submitted')).body);
    await l.visit(submitted.pathname);
    await activate(l, 'Sign off or send back');
    await l.expectHeading('Sign off or send back');
    await chooseRadio(l, 'Your decision', 1);
    expect(await l.page.locator('input[name="decision"]:checked').getAttribute('value')).toBe('send_back');
    await tabToControl(l, (f) => f.label === 'Comments (required when sending back)', 'the comments', 2);
    await l.page.keyboard.type('Say when the MARAC outcome reached the officer in charge.');
    await activate(l, 'Confirm', 5);
    expect(await l.page.locator('main').innerText()).toContain('Returned for changes');

    // The auditor follows the sent-back link, amends one answer and resubmits.
    const sentBack = linkIn((await waitForEmail(e2e.db, auditor.email, 'return-sent-back')).body);
    await a.visit(sentBack.pathname);
    expect(await a.page.locator('main').innerText()).toContain(
      'Say when the MARAC outcome reached the officer in charge.',
    );
    await activate(a, 'Multi-agency working and information sharing');
    await tabToControl(a, (f) => f.name === 'e_mae_marac', 'the MARAC evidence');
    expect(await a.page.locator('textarea[name="e_mae_marac"]').inputValue()).toBe('MARAC 12 May: outcome on file.');
    await typeOver(a, 'MARAC 12 May: outcome on file; e-mailed to the officer in charge 13 May.');
    await activate(a, 'Save and continue', 10);
    await a.expectHeading('Management oversight and supervision');
    await activate(a, 'Back');
    await activate(a, 'Check and submit');
    await activate(a, 'Submit the return');

    // The lead signs it off.
    const again = await waitForEmail(e2e.db, lead.email, 'return-submitted');
    await l.visit(linkIn(again.body).pathname);
    await activate(l, 'Sign off or send back');
    await chooseRadio(l, 'Your decision', 0);
    await activate(l, 'Confirm', 5);
    expect(await l.page.locator('main').innerText()).toContain('Return signed off');

    const db = e2e.db;
    const row = await db
      .selectFrom('agency_return')
      .select(['status', 'overall_grade', 'auditor_name'])
      .where('id', '=', returnId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'signed_off', overall_grade: 'good', auditor_name: 'Kai Auditor' });
    const answers = await db
      .selectFrom('return_answer')
      .select(['question_key', 'answer', 'evidence'])
      .where('return_id', '=', returnId)
      .execute();
    expect(answers).toHaveLength(GENERAL_TOOL.sections.flatMap((s) => s.questions).length);
    expect(answers.find((x) => x.question_key === 'mae_marac')?.evidence).toBe(
      'MARAC 12 May: outcome on file; e-mailed to the officer in charge 13 May.',
    );
    expect(answers.every((x) => x.answer === 'good' || x.answer === 'yes')).toBe(true);
    const events = await db
      .selectFrom('return_event')
      .select('event')
      .where('return_id', '=', returnId)
      .orderBy('created_at')
      .execute();
    expect(events.map((e) => e.event)).toEqual(['started', 'submit', 'send_back', 'started', 'submit', 'sign_off']);
    expect(a.checked.length + l.checked.length).toBeGreaterThan(25);
    await a.close();
    await l.close();
  });
});
