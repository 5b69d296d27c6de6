import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPartnership, aUser } from '../support/builders.ts';
import {
  codeAfter,
  codeNow,
  JOURNEY_TIMEOUT_MS,
  signInWithPassword,
  startE2EApp,
  totpKeyFrom,
  type E2EApp,
  type Journey,
  type TotpCode,
} from './support/e2e.ts';

let e2e: E2EApp;
let partnershipId: string;
beforeAll(async () => {
  e2e = await startE2EApp();
  partnershipId = await aPartnership().create(e2e.db);
});
afterAll(async () => e2e?.close());

const aCoordinator = (name: string) => aUser(partnershipId).withRole('coordinator').named(name).create(e2e.db);

/** From the password to home: set-up page, the key typed into an "app", the code, the recovery codes. */
async function enrol(journey: Journey): Promise<{ secret: string; enrolled: TotpCode; recoveryCodes: string[] }> {
  expect(journey.path()).toBe('/account/two-factor/set-up');
  await journey.expectHeading('Set up two-step verification');
  await expect
    .poll(() => journey.page.getByRole('img', { name: /QR code for your authenticator app/ }).count())
    .toBe(1);
  const secret = await totpKeyFrom(journey);
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  const enrolled = codeNow(secret);
  await journey.fill('Code from the app', enrolled.code);
  await journey.pressToNavigate('Enter');
  expect(journey.path()).toBe('/account/two-factor/recovery-codes');
  await journey.expectHeading('Save your recovery codes');
  const recoveryCodes = (await journey.page.locator('#recovery-codes li').allInnerTexts()).map((code) => code.trim());
  expect(recoveryCodes).toHaveLength(10);
  for (const code of recoveryCodes) expect(code).toMatch(/^[0-9a-f]{5}-[0-9a-f]{5}$/);
  return { secret, enrolled, recoveryCodes };
}

async function expectHome(journey: Journey, name: string): Promise<void> {
  expect(journey.path()).toBe('/');
  await journey.expectHeading(`Welcome, ${name}`);
}

/** Enter a code on the second-factor page: the one-time code, or a recovery code. */
async function enterSecurityCode(journey: Journey, code: string, expectedStatus = 200): Promise<void> {
  expect(journey.path()).toMatch(/^\/sign-in\/two-factor(\?returnTo=%2F)?$/);
  await journey.expectHeading('Enter your security code');
  await journey.fill('Security code', code);
  await journey.clickButton('Continue', expectedStatus);
}

describe('signing in with two-step verification', { timeout: JOURNEY_TIMEOUT_MS }, () => {
  it('a coordinator sets up an authenticator by keyboard, saves recovery codes, signs out, and signs in again with a fresh code', async () => {
    const user = await aCoordinator('Casey Coordinator');
    const journey = await e2e.newJourney();

    await journey.visit('/sign-in');
    await journey.expectHeading('Sign in');
    // JavaScript as shipped is running: the password field has its "Show" control.
    await expect.poll(() => journey.page.getByRole('button', { name: 'Show password' }).count()).toBe(1);
    await journey.page.getByLabel('Email address', { exact: true }).focus();
    await journey.page.keyboard.type(user.email);
    await journey.page.keyboard.press('Tab');
    await journey.page.keyboard.type(user.password);
    await journey.tabTo('Sign in');
    await journey.pressToNavigate('Enter');

    const { secret, enrolled, recoveryCodes } = await enrol(journey);
    await journey.tabTo('I have saved my codes, continue');
    await journey.pressToNavigate('Enter');
    await expectHome(journey, 'Casey Coordinator');

    // The header's sign-out control is a form button, reached and pressed from the keyboard.
    await journey.tabTo('Sign out');
    // Focus is visible (axe cannot check this): the GOV.UK yellow focus state.
    expect(await journey.page.evaluate(() => getComputedStyle(document.activeElement!).backgroundColor)).toBe(
      'rgb(255, 221, 0)',
    );
    await journey.pressToNavigate('Enter');
    expect(journey.path()).toBe('/signed-out');
    await journey.expectHeading('You have signed out');

    // The code used to enrol cannot be used again: the next sign-in waits for the app's next code.
    await signInWithPassword(journey, user.email, user.password);
    await enterSecurityCode(journey, enrolled.code, 400);
    expect(await journey.errorSummary()).toEqual([
      'The code is not correct or has already been used. Enter the current code from your app',
    ]);
    const fresh = await codeAfter(secret, enrolled.step);
    await enterSecurityCode(journey, fresh.code);
    await expectHome(journey, 'Casey Coordinator');

    await journey.visit('/account');
    expect(await journey.page.getByText('You have 10 unused recovery codes.').isVisible()).toBe(true);
    expect(recoveryCodes).toHaveLength(10);

    const succeeded = await e2e.db
      .selectFrom('audit_log')
      .select(['detail'])
      .where('user_id', '=', user.id)
      .where('action', '=', 'sign-in.succeeded')
      .orderBy('id')
      .execute();
    expect(succeeded.map((row) => row.detail)).toEqual([{ secondFactor: 'totp' }]);
    await journey.close();
  });

  for (const javaScript of [true, false]) {
    it(`signs in with a recovery code, which works once (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const name = javaScript ? 'Robin Recovery' : 'Noor No-Script';
      const user = await aCoordinator(name);
      const journey = await e2e.newJourney({ javaScript });

      await journey.visit('/sign-in');
      // The password's "Show" control is added by JavaScript: without it, the page is the server's HTML alone.
      await expect
        .poll(() => journey.page.getByRole('button', { name: 'Show password' }).count())
        .toBe(javaScript ? 1 : 0);
      await journey.fill('Email address', user.email);
      await journey.fill('Password', user.password);
      await journey.clickButton('Sign in');
      const { recoveryCodes } = await enrol(journey);
      await journey.clickButton('I have saved my codes, continue');
      await expectHome(journey, name);
      await journey.clickButton('Sign out');
      await journey.expectHeading('You have signed out');

      const [first, second] = recoveryCodes;
      await signInWithPassword(journey, user.email, user.password);
      await enterSecurityCode(journey, first!);
      await expectHome(journey, name);
      await journey.visit('/account');
      expect(await journey.page.getByText('You have 9 unused recovery codes.').isVisible()).toBe(true);

      await journey.clickButton('Sign out');
      await signInWithPassword(journey, user.email, user.password);
      await enterSecurityCode(journey, first!, 400);
      expect(await journey.page.title()).toMatch(/^Error: /);
      expect(await journey.errorSummary()).toEqual([
        'The code is not correct or has already been used. Enter the current code from your app',
      ]);
      // Typed as people do: capitals and a space are forgiven.
      await journey.fill('Security code', second!.toUpperCase().replace('-', ' '));
      await journey.clickButton('Continue');
      await expectHome(journey, name);

      const methods = await e2e.db
        .selectFrom('audit_log')
        .select('detail')
        .where('user_id', '=', user.id)
        .where('action', '=', 'sign-in.succeeded')
        .orderBy('id')
        .execute();
      expect(methods.map((row) => row.detail)).toEqual([
        { secondFactor: 'recovery-code' },
        { secondFactor: 'recovery-code' },
      ]);
      await journey.close();
    });
  }
});
