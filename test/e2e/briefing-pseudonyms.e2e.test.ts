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

describe('replacing identifying details with pseudonyms', { timeout: JOURNEY_TIMEOUT_MS }, () => {
  it('turns a blocked briefing into one that publishes, after a preview of every change', async () => {
    const db = e2e.db;
    const partnershipId = await aPartnership().create(db);
    const police = await anAgency(partnershipId).named('Testshire Police').create(db);
    const audit = await anAudit(partnershipId).inviting(police).withCases(1).inStatus('reporting').create(db);
    await db.updateTable('audit').set({ title: 'Domestic abuse and neglect' }).where('id', '=', audit.id).execute();
    const caseId = audit.caseIds[0]!;
    const child = await db
      .insertInto('case_child')
      .values({ case_id: caseId, pseudonym: 'Child B' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const mother = await db
      .insertInto('household_member')
      .values({ case_id: caseId, role: 'mother', position: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const identity = {
      children: [{ childId: child.id, name: 'Ella Smith-Jones', dateOfBirth: '2016-07-01' }],
      adults: [{ memberId: mother.id, name: 'Donna Smith-Jones' }],
      addresses: ['Flat 3, 41 Mill Lane, Testtown, TT2 7QR'],
      records: [],
    };
    await db
      .insertInto('case_identity')
      .values({ case_id: caseId, encrypted: encrypt(e2e.services.config.encryptionKey, JSON.stringify(identity)) })
      .execute();
    const coordinator = await aUser(partnershipId).withRole('coordinator').exemptFromSecondFactor().create(db);

    const journey = await e2e.newJourney({ javaScript: false });
    await signInWithPassword(journey, coordinator.email, coordinator.password);
    await journey.visit(`/audits/${audit.id}/briefings`);
    await journey.page.getByLabel('Summary briefing', { exact: true }).check();
    await journey.clickButton('Generate briefing');
    await journey.expectHeading('Summary briefing: Domestic abuse and neglect');
    await journey.clickLink('Edit section 4 (Key findings and learning)');
    await journey.fill('Text', "Ella's mother, Donna, moved to 41 Mill Ln. Nobody visited Mill Lane.");
    await journey.clickButton('Save as a new version');

    await journey.clickButton('Publish to the library', 400);
    const problems = await journey.errorSummary();
    expect(problems).toEqual([
      'Section 4 (Key findings and learning) may identify someone: “Ella” looks like a name',
      'Section 4 (Key findings and learning) may identify someone: “Donna” looks like a name',
      'Section 4 (Key findings and learning) may identify someone: “41 Mill Ln” looks like an address',
      'Section 4 (Key findings and learning) may identify someone: “Mill Lane” looks like an address',
    ]);

    await journey.clickLink('replace with pseudonyms');
    await journey.expectHeading('Replace with pseudonyms');
    const preview = await journey.page.locator('main').innerText();
    expect(preview).toContain('“Ella” becomes “Child B”');
    expect(preview).toContain('“Donna” becomes “the mother”');
    expect(preview).toContain('“41 Mill Ln” becomes “the family’s address”'.replace('’', "'"));
    expect(preview).toContain("Child B's mother, the mother, moved to the family's address.");
    await journey.clickButton('Apply these 4 changes');
    await journey.expectHeading('Summary briefing: Domestic abuse and neglect');
    expect(await journey.page.locator('.govuk-notification-banner').innerText()).toContain(
      '4 possible identifying details replaced with pseudonyms',
    );
    expect(await journey.page.locator('#section-4').innerText()).toContain(
      "Child B's mother, the mother, moved to the family's address. Nobody visited the family's address.",
    );

    await journey.clickButton('Publish to the library');
    expect(await journey.page.locator('.govuk-notification-banner').innerText()).toContain('Briefing published');
  });
});
