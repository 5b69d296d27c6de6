import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aReturn, anAudit } from '../support/audit-builders.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';
import { JOURNEY_TIMEOUT_MS, signInWithPassword, startE2EApp, type E2EApp, type Journey } from './support/e2e.ts';

let e2e: E2EApp;
beforeAll(async () => {
  e2e = await startE2EApp();
});
afterAll(async () => e2e?.close());

const FIRST = [
  'Date,Category,What happened,Impact',
  '12/03/2018,Incident,Police called to the home after a row,Negative',
  '31/02/2018,Disclosure,Child said dad hit mum,Negative',
  '20/04/2018,MARAC,Case heard at MARAC; actions agreed,Neutral',
].join('\r\n');
const FIXED = [
  'Date,Category,What happened,Impact',
  '12/03/2018,Incident,Police called to the home after a row,Negative',
  '28/02/2018,Disclosure,Child said dad hit mum,Negative',
  '20/04/2018,MARAC,Case heard at MARAC; actions agreed,Neutral',
].join('\r\n');

/** Waits on the self-refreshing progress page until the rows are checked or imported. */
async function untilHeading(journey: Journey, headings: string[]): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (headings.includes(await journey.heading())) return;
    await new Promise((r) => setTimeout(r, 500));
    await journey.visit(journey.path());
  }
  throw new Error(`never reached ${headings.join(' or ')}`);
}

async function upload(journey: Journey, name: string, content: string): Promise<void> {
  await journey.clickButton('Import from a spreadsheet');
  await journey.expectHeading('Import a chronology');
  await journey.page.setInputFiles('#file', { name, mimeType: 'text/csv', buffer: Buffer.from(content) });
  await journey.clickButton('Upload');
  await journey.expectHeading('Match the columns');
  await journey.clickButton('Check the rows');
  await untilHeading(journey, ['Check the import']);
}

describe('importing a chronology and reading the integrated chronology', { timeout: JOURNEY_TIMEOUT_MS }, () => {
  it('shows the bad row and its reason, imports the rest, takes the corrected file without duplicates, and shows the timeline', async () => {
    const partnershipId = await aPartnership().create(e2e.db);
    const police = await anAgency(partnershipId).named('Testshire Police').create(e2e.db);
    const school = await anAgency(partnershipId).named('Testshire School').ofType('education').create(e2e.db);
    const audit = await anAudit(partnershipId).inviting(police, school).create(e2e.db);
    await e2e.db
      .updateTable('audit')
      .set({ scope_from: '2018-01-01', scope_to: '2018-12-31', title: 'Domestic abuse audit' })
      .where('id', '=', audit.id)
      .execute();
    const returnId = await aReturn(e2e.db, audit.caseIds[0]!, police);
    const auditor = await aUser(partnershipId)
      .withRole('auditor')
      .inAgency(police)
      .exemptFromSecondFactor()
      .create(e2e.db);
    const coordinator = await aUser(partnershipId).withRole('coordinator').exemptFromSecondFactor().create(e2e.db);

    const journey = await e2e.newJourney();
    await signInWithPassword(journey, auditor.email, auditor.password);
    await journey.visit(`/returns/${returnId}/chronology`);
    await upload(journey, 'police-chronology.csv', FIRST);
    const preview = await journey.page.locator('main').innerText();
    expect(preview).toContain('Row 3');
    expect(preview).toContain('31/02/2018 is not a real date');
    await journey.clickButton('Import 2 entries');
    await untilHeading(journey, ['Chronology imported']);
    await journey.clickLink('Back to your chronology');

    await upload(journey, 'police-chronology-fixed.csv', FIXED);
    expect(await journey.page.locator('main').innerText()).toMatch(/Already in your chronology \(skipped\)\s+2/);
    await journey.clickButton('Import 1 entry');
    await untilHeading(journey, ['Chronology imported']);
    const entries = await e2e.db
      .selectFrom('chronology_entry')
      .select('event')
      .where('case_id', '=', audit.caseIds[0]!)
      .execute();
    expect(entries).toHaveLength(3);

    const reader = await e2e.newJourney();
    await signInWithPassword(reader, coordinator.email, coordinator.password);
    await reader.visit(`/audits/${audit.id}/cases/${audit.caseIds[0]}/chronology`);
    await reader.expectHeading('Integrated chronology for Case 1');
    expect(await reader.page.locator('svg[role="img"] title').first().textContent()).toBe(
      'Timeline of 3 chronology entries by agency',
    );
    expect(await reader.page.locator('table').last().innerText()).toContain('Case heard at MARAC');
    const noJs = await e2e.newJourney({ javaScript: false });
    await signInWithPassword(noJs, coordinator.email, coordinator.password);
    await noJs.visit(`/audits/${audit.id}/cases/${audit.caseIds[0]}/chronology?category=marac`);
    expect(await noJs.page.locator('table').last().innerText()).not.toContain('Police called');
  });
});
