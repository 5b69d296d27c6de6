import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encrypt } from '../../src/domain/encryption.ts';
import { anAudit } from '../support/audit-builders.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';
import { JOURNEY_TIMEOUT_MS, signInWithPassword, startE2EApp, type E2EApp } from './support/e2e.ts';

let e2e: E2EApp;
beforeAll(async () => {
  e2e = await startE2EApp();
});
afterAll(async () => e2e?.close());

describe('writing, checking and publishing a practitioner briefing', { timeout: JOURNEY_TIMEOUT_MS }, () => {
  it('blocks a briefing naming a child, publishes it once fixed, and a practitioner finds it in the library', async () => {
    const db = e2e.db;
    const partnershipId = await aPartnership().create(db);
    const police = await anAgency(partnershipId).named('Testshire Police').create(db);
    const audit = await anAudit(partnershipId).inviting(police).withCases(2).inStatus('reporting').create(db);
    await db.updateTable('audit').set({ title: 'Neglect and cumulative harm' }).where('id', '=', audit.id).execute();
    const child = await db
      .insertInto('case_child')
      .values({ case_id: audit.caseIds[0]!, pseudonym: 'Child A' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('case_identity')
      .values({
        case_id: audit.caseIds[0]!,
        encrypted: encrypt(
          e2e.services.config.encryptionKey,
          JSON.stringify({
            children: [{ childId: child.id, name: 'Kayden Marsh', dateOfBirth: '2015-03-12' }],
            adults: [],
            addresses: [],
            records: [],
          }),
        ),
      })
      .execute();
    await db
      .insertInto('finding')
      .values({
        audit_id: audit.id,
        kind: 'development',
        across_cases: true,
        text: 'Core groups drifted after the initial conference.',
      })
      .execute();
    const coordinator = await aUser(partnershipId).withRole('coordinator').exemptFromSecondFactor().create(db);
    const practitioner = await aUser(partnershipId).withRole('practitioner').create(db);

    const journey = await e2e.newJourney();
    await signInWithPassword(journey, coordinator.email, coordinator.password);
    await journey.visit(`/audits/${audit.id}/briefings`);
    await journey.expectHeading('Practitioner briefings');
    await journey.page.getByLabel('Summary briefing', { exact: true }).check();
    await journey.clickButton('Generate briefing');
    await journey.expectHeading('Summary briefing: Neglect and cumulative harm');
    expect(await journey.page.locator('main').innerText()).toContain(
      'Core groups drifted after the initial conference.',
    );

    await journey.clickLink('Edit section 4 (Key findings and learning)');
    await journey.expectHeading('Edit section 4');
    await journey.fill(
      'Text',
      '- Core groups drifted after the initial conference.\n- Kayden\nMarsh was not seen alone by any agency.',
    );
    await journey.clickButton('Save as a new version');
    await journey.expectHeading('Summary briefing: Neglect and cumulative harm');

    await journey.clickButton('Publish to the library', 400);
    const problems = await journey.errorSummary();
    expect(problems).toEqual([
      'Section 4 (Key findings and learning) may identify someone: “Kayden Marsh” looks like a name',
    ]);
    expect(await journey.page.locator('#section-4 mark').innerText()).toBe('Kayden Marsh');
    await journey.page.getByRole('link', { name: problems[0]!, exact: true }).click();
    expect(journey.page.url()).toMatch(/#section-4$/);

    await journey.clickLink('Edit section 4 (Key findings and learning)');
    await journey.fill(
      'Text',
      '- Core groups drifted after the initial conference.\n- Child A was not seen alone by any agency.',
    );
    // By keyboard alone: Tab to the button and press Enter.
    await journey.tabTo('Save as a new version');
    await journey.pressToNavigate('Enter');
    await journey.tabTo('Publish to the library');
    await journey.pressToNavigate('Enter');
    expect(await journey.page.locator('.govuk-notification-banner').innerText()).toContain('Briefing published');

    await journey.clickLink('Versions and changes');
    await journey.expectHeading('Versions of this briefing');
    await journey.page.getByLabel('Earlier version').selectOption('1');
    await journey.page.getByLabel('Later version').selectOption('3');
    await journey.clickButton('Compare');
    expect(await journey.page.locator('main ins').first().innerText()).toContain('added:');

    const reader = await e2e.newJourney({ javaScript: false });
    await signInWithPassword(reader, practitioner.email, practitioner.password);
    await reader.clickLink('Briefings library');
    await reader.expectHeading('Briefings library');
    await reader.fill('Search the briefings', 'not seen alone');
    await reader.clickButton('Search');
    await reader.clickLink('Summary briefing: Neglect and cumulative harm');
    await reader.expectHeading('Summary briefing: Neglect and cumulative harm');
    const text = await reader.page.locator('main').innerText();
    expect(text).toContain('Child A was not seen alone by any agency.');
    expect(text).not.toContain('Kayden');
  });
});
