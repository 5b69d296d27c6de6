import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';
import { aFullAudit } from '../support/exchange-builders.ts';
import { JOURNEY_TIMEOUT_MS, signInWithPassword, startE2EApp, type E2EApp } from './support/e2e.ts';

let e2e: E2EApp;
beforeAll(async () => {
  e2e = await startE2EApp();
});
afterAll(async () => e2e?.close());

describe('moving an audit to another partnership with the exchange file', { timeout: JOURNEY_TIMEOUT_MS }, () => {
  it('downloads the file, shows what is wrong with a bad one, matches the agencies on a form and imports, without JavaScript', async () => {
    const source = await aPartnership('Exchange Source').create(e2e.db);
    const agencies = [
      await anAgency(source).named('Source Police').ofType('police').create(e2e.db),
      await anAgency(source).named('Source Children’s Services').ofType('social_care').create(e2e.db),
    ];
    const coordinator = await aUser(source).withRole('coordinator').exemptFromSecondFactor().create(e2e.db);
    const key = loadConfig({ NODE_ENV: 'test' }).encryptionKey;
    const audit = await aFullAudit(e2e.db, key, {
      partnershipId: source,
      agencyIds: agencies,
      leadUserId: coordinator.id,
    });
    const target = await aPartnership('Exchange Target').create(e2e.db);
    await anAgency(target).named('Target Police').ofType('police').create(e2e.db);
    const importer = await aUser(target).withRole('coordinator').exemptFromSecondFactor().create(e2e.db);

    const exporter = await e2e.newJourney();
    await signInWithPassword(exporter, coordinator.email, coordinator.password);
    await exporter.visit(`/audits/${audit.id}/exchange`);
    await exporter.expectHeading('Exchange file');
    const [download] = await Promise.all([
      exporter.page.waitForEvent('download'),
      exporter.page.getByRole('button', { name: 'Download the exchange file', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`audit-${audit.reference}.exchange.json`);
    const file = fs.readFileSync(await download.path(), 'utf8');
    expect(JSON.parse(file)).toMatchObject({ format: 'maca-audit-exchange', containsIdentities: false });

    const journey = await e2e.newJourney({ javaScript: false });
    await signInWithPassword(journey, importer.email, importer.password);
    await journey.visit('/exchange/import');
    await journey.expectHeading('Import an audit');
    await journey.page.setInputFiles('#file', {
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(file.replace('"precision": "day"', '"precision": "week"')),
    });
    await journey.clickButton('Upload and check', 400);
    expect((await journey.errorSummary())[0]).toContain('does not match the audit exchange schema');
    expect(await journey.page.locator('table').innerText()).toMatch(
      /\/cases\/0\/chronology\/\d+\/precision\s+must be one of: day, month/,
    );

    await journey.page.setInputFiles('#file', {
      name: 'audit.json',
      mimeType: 'application/json',
      buffer: Buffer.from(file),
    });
    await journey.clickButton('Upload and check');
    await journey.expectHeading('Check and import the audit');
    await journey.clickButton('Import the audit', 400);
    expect(await journey.errorSummary()).toEqual([
      'Select the agency here for Source Children’s Services, or create it',
      'Select the agency here for Source Police, or create it',
    ]);
    await journey.page.getByLabel('Source Police (Police)').selectOption({ label: 'Target Police (Police)' });
    await journey.page
      .getByLabel("Source Children’s Services (Children's social care)")
      .selectOption({ label: 'Create a new agency: Source Children’s Services' });
    await journey.clickButton('Import the audit');
    expect(await journey.page.locator('.govuk-notification-banner').innerText()).toContain(
      `Imported as audit ${audit.reference}`,
    );
    const imported = await e2e.db.selectFrom('audit').select('id').where('partnership_id', '=', target).execute();
    expect(imported).toHaveLength(1);
    expect(journey.path()).toBe(`/audits/${imported[0]!.id}`);
  });
});
