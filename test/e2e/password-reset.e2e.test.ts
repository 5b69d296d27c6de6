import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPartnership, aUser } from '../support/builders.ts';
import {
  JOURNEY_TIMEOUT_MS,
  linkIn,
  openEmailInOutbox,
  signInWithPassword,
  startE2EApp,
  waitForEmail,
  type E2EApp,
} from './support/e2e.ts';

let e2e: E2EApp;
let partnershipId: string;
beforeAll(async () => {
  e2e = await startE2EApp();
  partnershipId = await aPartnership().create(e2e.db);
});
afterAll(async () => e2e?.close());

const NEW_PASSWORD = 'marmalade lighthouse orbit';

describe('resetting a forgotten password', { timeout: JOURNEY_TIMEOUT_MS }, () => {
  it('asks for the address, e-mails a single-use link, and the new password signs in', async () => {
    const person = await aUser(partnershipId).withRole('practitioner').named('Pat Forgetful').create(e2e.db);
    const administrator = await aUser(partnershipId)
      .withRole('administrator')
      .named('Ada Administrator')
      .exemptFromSecondFactor()
      .create(e2e.db);
    const journey = await e2e.newJourney();

    await journey.visit('/sign-in');
    await journey.clickLink('I have forgotten my password');
    await journey.expectHeading('Reset your password');
    await journey.clickButton('Send the link', 400);
    expect(await journey.errorSummary()).toEqual(['Enter your email address']);
    await journey.fill('Email address', person.email);
    await journey.clickButton('Send the link');
    expect(journey.path()).toBe('/forgotten-password/check-your-email');
    await journey.expectHeading('Check your email');

    // The administrator reads the e-mail in the outbox, from a browser of their own.
    const email = await waitForEmail(e2e.db, person.email, 'password-reset');
    const admin = await e2e.newJourney();
    await signInWithPassword(admin, administrator.email, administrator.password);
    await admin.expectHeading('Welcome, Ada Administrator');
    const link = await openEmailInOutbox(admin, person.email, 'Reset your MACA password');
    expect(link.origin).toBe(e2e.baseUrl);
    expect(link.pathname).toBe('/reset-password');
    expect(link.href).toBe(linkIn(email.body).href);
    await admin.close();

    // The person opens the link from the e-mail.
    await journey.visit(link.pathname + link.search);
    await journey.expectHeading('Choose a new password');
    expect(await journey.page.getByText(`For the account ${person.email}.`).count()).toBe(1);
    await journey.fill('New password', NEW_PASSWORD);
    await journey.fill('Confirm new password', 'something else entirely');
    await journey.clickButton('Set password', 400);
    expect(await journey.errorSummary()).toEqual(['The passwords do not match']);
    await journey.fill('New password', 'too short');
    await journey.fill('Confirm new password', 'too short');
    await journey.clickButton('Set password', 400);
    expect(await journey.errorSummary()).toEqual(['Password must be 12 characters or more']);
    await journey.fill('New password', NEW_PASSWORD);
    await journey.fill('Confirm new password', NEW_PASSWORD);
    await journey.clickButton('Set password');
    expect(journey.path()).toBe('/password-set');
    await journey.expectHeading('Your password has been set');

    // The old password no longer works; the new one does.
    await journey.clickLink('Sign in');
    await journey.fill('Email address', person.email);
    await journey.fill('Password', person.password);
    await journey.clickButton('Sign in', 400);
    expect(await journey.errorSummary()).toEqual(['Enter a correct email address and password']);
    await journey.fill('Password', NEW_PASSWORD);
    await journey.clickButton('Sign in');
    expect(journey.path()).toBe('/');
    await journey.expectHeading('Welcome, Pat Forgetful');

    // The link worked once.
    await journey.visit(link.pathname + link.search, 410);
    await journey.expectHeading('This link has expired or has already been used');
    await journey.clickLink('Reset your password');
    await journey.expectHeading('Reset your password');

    const actions = await e2e.db
      .selectFrom('audit_log')
      .select('action')
      .where('user_id', '=', person.id)
      .where('action', 'like', 'password-reset.%')
      .orderBy('id')
      .execute();
    expect(actions.map((row) => row.action)).toEqual(['password-reset.requested', 'password-reset.completed']);
    await journey.close();
  });
});
