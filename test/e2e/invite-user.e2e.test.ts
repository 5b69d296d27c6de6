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
const PARTNERSHIP = 'Northshire Safeguarding Children Partnership';
beforeAll(async () => {
  e2e = await startE2EApp();
  partnershipId = await aPartnership(PARTNERSHIP).create(e2e.db);
});
afterAll(async () => e2e?.close());

describe('inviting a person', { timeout: JOURNEY_TIMEOUT_MS }, () => {
  it('an administrator invites a practitioner, who sets a password from the e-mailed link and signs in', async () => {
    const administrator = await aUser(partnershipId)
      .withRole('administrator')
      .named('Ada Administrator')
      .exemptFromSecondFactor()
      .create(e2e.db);
    const inviteeEmail = `priya.${Date.now()}@example.org`;
    const admin = await e2e.newJourney();

    await signInWithPassword(admin, administrator.email, administrator.password);
    await admin.clickLink('Administration');
    await admin.expectHeading('Administration');
    await admin.clickLink('People');
    expect(admin.path()).toBe('/admin/users');
    await admin.expectHeading('People');
    await admin.clickButton('Invite a person');
    await admin.expectHeading('Invite a person');

    await admin.clickButton('Send the invitation', 400);
    expect(await admin.errorSummary()).toEqual(['Enter the person’s name', 'Enter the person’s email address']);
    await admin.fill('Name', 'Priya Practitioner');
    await admin.fill('Email address', inviteeEmail);
    await admin.fill('Job title (optional)', 'Health visitor');
    await admin.page.getByRole('checkbox', { name: 'Practitioner', exact: true }).check();
    await admin.clickButton('Send the invitation');
    expect(admin.path()).toBe('/admin/users');
    expect(await admin.page.locator('.govuk-notification-banner').innerText()).toContain(
      'Priya Practitioner has been invited',
    );
    const row = admin.page.getByRole('row').filter({ hasText: inviteeEmail });
    expect(await row.getByText('Invited', { exact: true }).count()).toBe(1);
    expect(await row.getByText('Practitioner', { exact: true }).count()).toBe(1);

    const email = await waitForEmail(e2e.db, inviteeEmail, 'invite');
    const link = await openEmailInOutbox(admin, inviteeEmail, `You have been invited to MACA for ${PARTNERSHIP}`);
    expect(link.origin).toBe(e2e.baseUrl);
    expect(link.pathname).toBe('/set-password');
    expect(link.href).toBe(linkIn(email.body).href);

    // The invitee, in their own browser, opens the link from the e-mail.
    const invitee = await e2e.newJourney();
    await invitee.visit(link.pathname + link.search);
    await invitee.expectHeading('Set your password');
    expect(await invitee.page.getByText(`For the account ${inviteeEmail}.`).count()).toBe(1);
    await invitee.fill('New password', 'quiet harbour seventeen');
    await invitee.fill('Confirm new password', 'quiet harbour seventeen');
    await invitee.clickButton('Set password');
    await invitee.expectHeading('Your password has been set');
    await invitee.clickLink('Sign in');
    await invitee.fill('Email address', inviteeEmail);
    await invitee.fill('Password', 'quiet harbour seventeen');
    await invitee.clickButton('Sign in');
    expect(invitee.path()).toBe('/');
    await invitee.expectHeading('Welcome, Priya Practitioner');
    expect(await invitee.page.getByText('You are signed in as practitioner.').count()).toBe(1);

    // The link worked once.
    await invitee.visit(link.pathname + link.search, 410);
    await invitee.expectHeading('This link has expired or has already been used');

    // The administrator now sees the person as active.
    await admin.visit('/admin/users');
    await admin.fill('Name or email address', 'priya');
    await admin.clickButton('Filter');
    expect(await admin.page.locator('caption').innerText()).toBe('1 person');
    expect(
      await admin.page.getByRole('row').filter({ hasText: inviteeEmail }).getByText('Active', { exact: true }).count(),
    ).toBe(1);

    const invited = await e2e.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', inviteeEmail)
      .executeTakeFirstOrThrow();
    const log = await e2e.db
      .selectFrom('audit_log')
      .select(['action', 'user_id'])
      .where('record_id', '=', invited.id)
      .orderBy('id')
      .execute();
    expect(log).toEqual([
      { action: 'user.invited', user_id: administrator.id },
      { action: 'account.password-set-from-invitation', user_id: invited.id },
    ]);
    await admin.close();
    await invitee.close();
  });
});
