import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPartnership, aUser } from '../support/builders.ts';
import { JOURNEY_TIMEOUT_MS, signInWithPassword, startE2EApp, type E2EApp, type Journey } from './support/e2e.ts';

let e2e: E2EApp;
let partnershipId: string;
beforeAll(async () => {
  e2e = await startE2EApp();
  partnershipId = await aPartnership().create(e2e.db);
});
afterAll(async () => e2e?.close());

/** The table as the administrator reads it: one [person, action] pair per row, newest first. */
async function entries(journey: Journey): Promise<string[][]> {
  const rows = journey.page.locator('table.govuk-table tbody tr');
  const result: string[][] = [];
  for (const row of await rows.all()) {
    const cells = (await row.locator('td').allInnerTexts()).map((text) => text.trim());
    result.push([cells[1] ?? '', cells[2] ?? '']);
  }
  return result;
}

async function filter(journey: Journey, person: string, action: string): Promise<void> {
  await journey.page.getByLabel('Person', { exact: true }).selectOption({ label: person });
  await journey.page.getByLabel('Action', { exact: true }).selectOption({ label: action });
  await journey.clickButton('Filter');
}

/** A GOV.UK date input, found by its legend. */
async function fillDate(
  journey: Journey,
  legend: string,
  date: { day: string; month: string; year: string },
): Promise<void> {
  const group = journey.page.getByRole('group', { name: legend, exact: true });
  await group.getByLabel('Day', { exact: true }).fill(date.day);
  await group.getByLabel('Month', { exact: true }).fill(date.month);
  await group.getByLabel('Year', { exact: true }).fill(date.year);
}

const londonToday = () => {
  const parts = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    timeZone: 'Europe/London',
  }).formatToParts(new Date());
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: part('day'), month: part('month'), year: part('year') };
};

describe('the audit log', { timeout: JOURNEY_TIMEOUT_MS }, () => {
  it('an administrator filters it by person and action and sees just the matching rows', async () => {
    const administrator = await aUser(partnershipId)
      .withRole('administrator')
      .named('Ada Administrator')
      .exemptFromSecondFactor()
      .create(e2e.db);
    const sam = await aUser(partnershipId).withRole('practitioner').named('Sam Sample').create(e2e.db);
    const olly = await aUser(partnershipId).withRole('practitioner').named('Olly Other').create(e2e.db);

    // What the log will hold: Sam mistypes a password, signs in and out; Olly signs in.
    const samsBrowser = await e2e.newJourney();
    await signInWithPassword(samsBrowser, sam.email, 'not my password at all', 400);
    await samsBrowser.fill('Password', sam.password);
    await samsBrowser.clickButton('Sign in');
    await samsBrowser.expectHeading('Welcome, Sam Sample');
    await samsBrowser.clickButton('Sign out');
    await samsBrowser.close();
    const ollysBrowser = await e2e.newJourney();
    await signInWithPassword(ollysBrowser, olly.email, olly.password);
    await ollysBrowser.expectHeading('Welcome, Olly Other');
    await ollysBrowser.close();

    const admin = await e2e.newJourney();
    await signInWithPassword(admin, administrator.email, administrator.password);
    await admin.clickLink('Administration');
    await admin.clickLink('Audit log');
    expect(admin.path()).toBe('/admin/audit-log');
    await admin.expectHeading('Audit log');

    const samOption = `Sam Sample (${sam.email})`;
    await filter(admin, samOption, 'sign-in.failed');
    expect(admin.path()).toContain(`user=${sam.id}`);
    expect(await admin.page.locator('caption').innerText()).toBe('1 entry');
    expect(await entries(admin)).toEqual([['Sam Sample', 'sign-in.failed']]);

    await filter(admin, samOption, 'sign-in.succeeded');
    expect(await entries(admin)).toEqual([['Sam Sample', 'sign-in.succeeded']]);

    await filter(admin, samOption, 'Any action');
    expect(await admin.page.locator('caption').innerText()).toBe('3 entries');
    expect(await entries(admin)).toEqual([
      ['Sam Sample', 'sign-out'],
      ['Sam Sample', 'sign-in.succeeded'],
      ['Sam Sample', 'sign-in.failed'],
    ]);

    await filter(admin, 'Anyone', 'sign-in.succeeded');
    expect(await entries(admin)).toEqual([
      ['Ada Administrator', 'sign-in.succeeded'],
      ['Olly Other', 'sign-in.succeeded'],
      ['Sam Sample', 'sign-in.succeeded'],
    ]);

    // A date that does not exist is explained, with the filters kept.
    await fillDate(admin, 'From', { day: '31', month: '2', year: '2026' });
    await admin.clickButton('Filter');
    expect(await admin.page.title()).toMatch(/^Error: Audit log/);
    expect(await admin.errorSummary()).toEqual(['The from date must be a real date']);

    // Today, in England, for Sam's failed sign-in.
    const today = londonToday();
    await fillDate(admin, 'From', today);
    await fillDate(admin, 'To', today);
    await filter(admin, samOption, 'sign-in.failed');
    expect(await admin.errorSummary()).toEqual([]);
    expect(await entries(admin)).toEqual([['Sam Sample', 'sign-in.failed']]);

    await admin.clickLink('Clear filters');
    expect(admin.path()).toBe('/admin/audit-log');
    expect(await admin.page.getByLabel('Person', { exact: true }).inputValue()).toBe('');

    const viewed = await e2e.db
      .selectFrom('audit_log')
      .select('id')
      .where('user_id', '=', administrator.id)
      .where('action', '=', 'audit-log.viewed')
      .execute();
    expect(viewed.length).toBe(8);
    await admin.close();
  });
});
