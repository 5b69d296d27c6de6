import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPartnership, aUser } from '../support/builders.ts';
import { JOURNEY_TIMEOUT_MS, startE2EApp, waitForEmail, type E2EApp, type Journey } from './support/e2e.ts';

let e2e: E2EApp;
let partnershipId: string;
beforeAll(async () => {
  e2e = await startE2EApp();
  partnershipId = await aPartnership().create(e2e.db);
});
afterAll(async () => e2e?.close());

const LOCKED = 'There have been too many attempts to sign in. Wait 15 minutes and try again, or reset your password';

/** Types the address and password and presses Enter in the password field. */
async function tryPassword(journey: Journey, email: string, password: string): Promise<void> {
  if (journey.path() !== '/sign-in') await journey.visit('/sign-in');
  await journey.fill('Email address', email);
  await journey.fill('Password', password);
  await journey.page.getByLabel('Password', { exact: true }).focus();
  await journey.pressToNavigate('Enter', 400);
}

describe('locking an account after repeated wrong passwords', { timeout: JOURNEY_TIMEOUT_MS }, () => {
  it('locks after five wrong passwords, then refuses the right one too, and records it all', async () => {
    const user = await aUser(partnershipId).withRole('practitioner').named('Lee Locked').create(e2e.db);
    const journey = await e2e.newJourney();

    for (let attempt = 1; attempt <= 4; attempt++) {
      await tryPassword(journey, user.email, `wrong password number ${attempt}`);
      expect(await journey.page.title()).toMatch(/^Error: Sign in/);
      expect(await journey.errorSummary()).toEqual(['Enter a correct email address and password']);
      // What was typed is kept, except the password.
      expect(await journey.page.getByLabel('Email address', { exact: true }).inputValue()).toBe(user.email);
      expect(await journey.page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    }

    await tryPassword(journey, user.email, 'wrong password number 5');
    expect(await journey.errorSummary()).toEqual([LOCKED]);

    await tryPassword(journey, user.email, user.password);
    expect(await journey.errorSummary()).toEqual([LOCKED]);
    expect(journey.path()).toBe('/sign-in');
    const sessions = await e2e.db.selectFrom('user_session').select('id').where('user_id', '=', user.id).execute();
    expect(sessions).toEqual([]);

    // The error summary links to the field, and the reset link is on the page.
    await journey.page.locator('.govuk-error-summary__list a').click();
    expect(await journey.page.evaluate(() => document.activeElement?.id)).toBe('email');
    await journey.clickLink('I have forgotten my password');
    await journey.expectHeading('Reset your password');

    const log = await e2e.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('user_id', '=', user.id)
      .where('action', 'like', 'sign-in.%')
      .orderBy('id')
      .execute();
    expect(log.map((row) => row.action)).toEqual([
      'sign-in.failed',
      'sign-in.failed',
      'sign-in.failed',
      'sign-in.failed',
      'sign-in.failed',
      'sign-in.locked',
      'sign-in.refused-locked',
    ]);
    expect(log.filter((row) => row.action === 'sign-in.failed').map((row) => row.detail.failures)).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(log.find((row) => row.action === 'sign-in.locked')?.detail).toMatchObject({
      email: user.email,
      by: 'account',
    });

    // The person is told by e-mail, with a link to reset the password.
    const email = await waitForEmail(e2e.db, user.email, 'lockout');
    expect(email.subject).toBe('Your MACA account is locked for a short time');
    expect(email.body).toContain(`${e2e.baseUrl}/forgotten-password`);
    await journey.close();
  });
});
