import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERAL_TOOL } from '../../src/domain/shipped-templates.ts';
import { aReturn, anAudit } from '../support/audit-builders.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';
import { JOURNEY_TIMEOUT_MS, signInWithPassword, startE2EApp, type E2EApp } from './support/e2e.ts';

let e2e: E2EApp;
beforeAll(async () => {
  e2e = await startE2EApp();
});
afterAll(async () => e2e?.close());

describe('saving a section while a background save is on its way', { timeout: JOURNEY_TIMEOUT_MS }, () => {
  it('waits for the background save, then saves the draft with its version: no conflict with one’s own draft', async () => {
    const partnershipId = await aPartnership().create(e2e.db);
    const police = await anAgency(partnershipId).named('Racefield Police').ofType('police').create(e2e.db);
    const audit = await anAudit(partnershipId).inviting(police).create(e2e.db);
    const returnId = await aReturn(e2e.db, audit.caseIds[0]!, police);
    const auditor = await aUser(partnershipId)
      .withRole('auditor')
      .inAgency(police)
      .exemptFromSecondFactor()
      .create(e2e.db);
    const section = GENERAL_TOOL.sections[0]!;
    const question = section.questions[0]!;

    const journey = await e2e.newJourney();
    await signInWithPassword(journey, auditor.email, auditor.password);
    await journey.visit(`/returns/${returnId}`);
    await journey.clickLink(section.title);
    await journey.expectHeading(section.title);
    const page = journey.page;
    const autosaveUrl = await page.locator('form[data-maca-autosave]').getAttribute('data-maca-autosave');
    expect(autosaveUrl).toBeTruthy();

    // The background save reaches the service (which moves the section on a version) but its answer
    // is held back, as on a slow connection, until the person has pressed Save and come back later.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let backgroundSaves = 0;
    await page.route(
      (url) => url.pathname === autosaveUrl,
      async (route) => {
        backgroundSaves++;
        const response = await route.fetch();
        await held;
        await route.fulfill({ response });
      },
    );
    const reachedService = page.waitForRequest(
      (request) => new URL(request.url()).pathname === autosaveUrl && request.method() === 'POST',
    );
    await page
      .locator(`textarea[name="e_${question.key}"]`)
      .fill('Typed before the background save: the referral was made the same day.');
    await reachedService;
    await page.waitForTimeout(300);

    const saving = journey.clickButton('Save and come back later');
    await page.waitForTimeout(500);
    release();
    await saving;

    expect(await journey.heading()).not.toContain('Someone else saved this section');
    await journey.expectHeading('Racefield Police return for Case 1');
    expect(backgroundSaves).toBe(1);
    const saved = await e2e.db
      .selectFrom('return_answer')
      .select('evidence')
      .where('return_id', '=', returnId)
      .where('question_key', '=', question.key)
      .executeTakeFirstOrThrow();
    expect(saved.evidence).toBe('Typed before the background save: the referral was made the same day.');
    await journey.close();
  });
});
