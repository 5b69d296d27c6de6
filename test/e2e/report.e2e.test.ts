import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPartnership, aUser } from '../support/builders.ts';
import { aReportedAudit, PLANTED, plantedTerms } from '../report/report-fixture.ts';
import { JOURNEY_TIMEOUT_MS, signInWithPassword, startE2EApp, type E2EApp } from './support/e2e.ts';

let e2e: E2EApp;
beforeAll(async () => {
  e2e = await startE2EApp();
});
afterAll(async () => e2e?.close());

describe('reading the report to the subgroup', { timeout: JOURNEY_TIMEOUT_MS }, () => {
  it('shows the report with its charts as images with text and their tables, with and without JavaScript, and offers every download', async () => {
    const partnershipId = await aPartnership().create(e2e.db);
    const audit = await aReportedAudit(e2e.db, e2e.services.config, partnershipId);
    const panel = await aUser(partnershipId).withRole('panel_member').exemptFromSecondFactor().create(e2e.db);

    const journey = await e2e.newJourney();
    await signInWithPassword(journey, panel.email, panel.password);
    await journey.visit(`/audits/${audit.auditId}/report`);
    await journey.expectHeading('Report to the subgroup');
    const charts = journey.page.locator('figure svg[role="img"]');
    expect(await charts.count()).toBe(4);
    expect(await charts.first().locator('title').textContent()).toBe(
      'Judgements by domain: Outstanding / Good / Requires improvement / Inadequate',
    );
    expect(await journey.page.locator('caption', { hasText: 'The agencies that took part' }).count()).toBe(1);
    const main = await journey.page.locator('main').innerText();
    // From the returns received, in seed 003's words: one case audited, the other not known to the agency.
    expect(main).toContain('1 (out of the 2; 1 not known)');
    for (const term of plantedTerms()) expect(main).not.toContain(term);
    await journey.tabTo('Word document (.docx)');
    const [download] = await Promise.all([journey.page.waitForEvent('download'), journey.page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/^report-test-[a-z0-9-]+\.docx$/);
    await download.cancel();

    const noJs = await e2e.newJourney({ javaScript: false });
    await signInWithPassword(noJs, panel.email, panel.password);
    await noJs.visit(`/audits/${audit.auditId}/report`);
    expect(await noJs.page.locator('figure svg[role="img"]').count()).toBe(4);
  });

  it('blocks a download while a finding names a child, shows where to correct it, and lets it through once corrected', async () => {
    const partnershipId = await aPartnership().create(e2e.db);
    const audit = await aReportedAudit(e2e.db, e2e.services.config, partnershipId);
    const finding = await e2e.db
      .selectFrom('finding')
      .select(['id', 'text'])
      .where('audit_id', '=', audit.auditId)
      .where('text', 'like', 'The MARAC outcome%')
      .executeTakeFirstOrThrow();
    await e2e.db
      .updateTable('finding')
      .set({ text: `The MARAC outcome did not reach ${PLANTED.childName}'s health visitor.` })
      .where('id', '=', finding.id)
      .execute();
    const coordinator = await aUser(partnershipId).withRole('coordinator').exemptFromSecondFactor().create(e2e.db);

    const journey = await e2e.newJourney({ javaScript: false });
    await signInWithPassword(journey, coordinator.email, coordinator.password);
    await journey.visit(`/audits/${audit.auditId}/report`);
    expect(await journey.page.locator('.govuk-warning-text').innerText()).toContain(
      '1 possible identifying detail was found in the report',
    );
    await journey.visit(`/audits/${audit.auditId}/report.pdf`, 422);
    await journey.expectHeading('The report cannot be downloaded yet');
    expect((await journey.errorSummary()).join('\n')).toContain('A finding may identify someone');
    expect(await journey.page.locator('a', { hasText: 'Correct a finding' }).getAttribute('href')).toBe(
      `/audits/${audit.auditId}/findings/${finding.id}`,
    );

    await e2e.db.updateTable('finding').set({ text: finding.text }).where('id', '=', finding.id).execute();
    await journey.visit(`/audits/${audit.auditId}/report`);
    expect(await journey.page.locator('.govuk-warning-text').count()).toBe(0);
    const [download] = await Promise.all([
      journey.page.waitForEvent('download'),
      journey.page.locator('a', { hasText: 'PDF' }).first().click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    await download.cancel();
  });
});
