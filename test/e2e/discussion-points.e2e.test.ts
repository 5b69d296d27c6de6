import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aReturn, anAudit } from '../support/audit-builders.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';
import { JOURNEY_TIMEOUT_MS, signInWithPassword, startE2EApp, type E2EApp } from './support/e2e.ts';

let e2e: E2EApp;
beforeAll(async () => {
  e2e = await startE2EApp();
});
afterAll(async () => e2e?.close());

describe('carrying a point to discuss into a finding', { timeout: JOURNEY_TIMEOUT_MS }, () => {
  it('opens the finding form filled from the point, without JavaScript, and the saved finding carries it', async () => {
    const partnershipId = await aPartnership().create(e2e.db);
    const police = await anAgency(partnershipId).named('Testshire Police').create(e2e.db);
    const school = await anAgency(partnershipId).named('Testshire School').ofType('education').create(e2e.db);
    const gp = await anAgency(partnershipId).named('Testshire GP').create(e2e.db);
    const audit = await anAudit(partnershipId).inviting(police, school, gp).create(e2e.db);
    const caseId = audit.caseIds[0]!;
    for (const agency of [police, school, gp]) await aReturn(e2e.db, caseId, agency);
    // The police record a MARAC; the school and the GP, working with the family then, never mention it.
    const rows: [string, string, string, string][] = [
      [school, '2018-06-01', 'other', 'Child started at the school'],
      [gp, '2018-06-15', 'other', 'Child seen for asthma review'],
      [police, '2018-07-04', 'marac', 'Case heard at MARAC; actions agreed'],
      [school, '2018-09-10', 'other', 'Attendance meeting with mother'],
      [gp, '2018-10-01', 'other', 'Mother seen, low mood'],
    ];
    for (const [agency_id, date, category, event] of rows)
      await e2e.db
        .insertInto('chronology_entry')
        .values({
          case_id: caseId,
          agency_id,
          date_from: date,
          date_to: date,
          precision: 'day',
          category,
          event,
          fingerprint: `${agency_id}-${date}`,
        })
        .execute();
    const panel = await aUser(partnershipId).withRole('panel_member').exemptFromSecondFactor().create(e2e.db);

    const journey = await e2e.newJourney({ javaScript: false });
    await signInWithPassword(journey, panel.email, panel.password);
    const chronology = `/audits/${audit.id}/cases/${caseId}/chronology`;
    await journey.visit(chronology);
    const schoolCard = journey.page.locator('.govuk-summary-card', { hasText: 'Did Testshire School know' });
    expect(await schoolCard.innerText()).toContain('4 July 2018, Testshire Police, MARAC');
    await journey.submit(() => schoolCard.getByRole('button', { name: 'Carry into a finding' }).click());
    await journey.expectHeading('Record a finding');
    expect(await journey.page.getByLabel('The finding', { exact: true }).inputValue()).toBe(
      'Did Testshire School know about the MARAC on 4 July 2018 recorded by Testshire Police? Testshire ' +
        'School was working with the family then, but has no entry referring to it within 28 days.\n\n' +
        'Entries it rests on: 4 July 2018, Testshire Police, MARAC.',
    );
    expect(await journey.page.getByLabel('Case 1', { exact: true }).isChecked()).toBe(true);
    expect(await journey.page.getByLabel('Testshire School', { exact: true }).isChecked()).toBe(true);
    expect(await journey.page.getByLabel('Testshire GP', { exact: true }).isChecked()).toBe(false);

    await journey.fill('The finding', 'The school was not told of the MARAC outcome for Case 1.');
    await journey.clickButton('Save the finding', 400);
    expect(await journey.errorSummary()).toEqual(['Select whether this is a strength or an area for development']);
    expect(await journey.page.locator('#from-point').innerText()).toContain('From a point to discuss for Case 1');
    await journey.page.getByLabel('Area for development', { exact: true }).check();
    await journey.clickButton('Save the finding');
    expect(journey.path()).toBe(`/audits/${audit.id}/findings`);

    await journey.visit(chronology);
    expect(await schoolCard.innerText()).toContain('Carried into a finding');
    const gpCard = journey.page.locator('.govuk-summary-card', { hasText: 'Did Testshire GP know' });
    expect(await gpCard.innerText()).toContain('Open');
    await journey.close();
  });
});
