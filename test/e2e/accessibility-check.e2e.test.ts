import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOURNEY_TIMEOUT_MS, launchBrowser, startE2EApp, type E2EApp } from './support/e2e.ts';

let e2e: E2EApp;
beforeAll(async () => {
  e2e = await startE2EApp();
});
afterAll(async () => e2e?.close());

const INACCESSIBLE = `<!doctype html><html lang="en"><head><title>Probe</title><link rel="stylesheet" href="/assets/application.css"></head><body><main>
<h1>Probe</h1><input id="unlabelled" type="text"><img id="no-alt" src="/assets/favicon.svg">
</main></body></html>`;

describe('the browser test layer itself', { timeout: JOURNEY_TIMEOUT_MS }, () => {
  for (const javaScript of [true, false]) {
    it(`fails a page with violations, naming each rule and element (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const journey = await e2e.newJourney({ javaScript });
      await journey.page.route(`${e2e.baseUrl}/probe`, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html', body: INACCESSIBLE }),
      );
      const failure = await journey.visit('/probe').then(
        () => undefined,
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      expect(failure).toContain(`Accessibility (axe) found 2 violation(s) on ${e2e.baseUrl}/probe ("Probe")`);
      expect(failure).toMatch(/- image-alt \(critical\): Images must have alternative text\n.*\n\s+at #no-alt/);
      expect(failure).toMatch(/- label \(critical\): Form elements must have labels\n.*\n\s+at #unlabelled/);
      await journey.close();
    });
  }

  it('excuses only aria-expanded on a govuk-frontend conditional reveal, and still fails any other attribute there', async () => {
    const radios = (
      extra: string,
    ) => `<!doctype html><html lang="en"><head><title>Reveal</title><link rel="stylesheet" href="/assets/application.css"></head><body><main><h1>Reveal</h1>
<fieldset class="govuk-fieldset"><legend>Scope</legend><div class="govuk-radios" data-module="govuk-radios">
<div class="govuk-radios__item"><input class="govuk-radios__input" id="scope" name="scope" type="radio" value="dates" aria-controls="conditional-scope" aria-expanded="false"${extra}><label class="govuk-label govuk-radios__label" for="scope">Dates</label></div>
<div class="govuk-radios__conditional govuk-radios__conditional--hidden" id="conditional-scope"><label for="from">From</label><input id="from" name="from" type="text"></div>
<div class="govuk-radios__item"><input class="govuk-radios__input" id="scope-2" name="scope" type="radio" value="months"><label class="govuk-label govuk-radios__label" for="scope-2">Months</label></div>
</div></fieldset></main></body></html>`;
    const journey = await e2e.newJourney();
    await journey.page.route(`${e2e.baseUrl}/reveal`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: radios('') }),
    );
    await journey.page.route(`${e2e.baseUrl}/reveal-and-more`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: radios(' aria-selected="true"') }),
    );
    await journey.visit('/reveal');
    const failure = await journey.visit('/reveal-and-more').then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    expect(failure).toMatch(/- aria-allowed-attr \(critical\)[\s\S]*at #scope\b/);
    await journey.close();
  });

  it('explains, rather than skips, when Chromium is not installed', async () => {
    await expect(launchBrowser('/nonexistent/chromium')).rejects.toThrow(
      'The browser tests need Debian\'s Chromium at /nonexistent/chromium, and it is not installed. Install it with "apt-get install -y chromium"',
    );
  });

  for (const javaScript of [true, false]) {
    it(`passes axe on the pages anyone can open (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const journey = await e2e.newJourney({ javaScript });
      await journey.visit('/sign-in');
      await journey.clickLink('Accessibility statement');
      await journey.expectHeading('Accessibility statement for MACA');
      await journey.clickLink('Cookies');
      await journey.expectHeading('Cookies');
      await journey.visit('/no-such-page', 404);
      await journey.expectHeading('Page not found');
      await journey.visit('/reset-password?token=not-a-real-token', 410);
      await journey.expectHeading('This link has expired or has already been used');
      // A signed-in page asked for while signed out goes to the sign-in page.
      await journey.visit('/account');
      expect(journey.path()).toBe('/sign-in?returnTo=%2Faccount');
      expect(journey.checked).toHaveLength(6);
      await journey.close();
    });
  }
});
