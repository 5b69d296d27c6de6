import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, loadDemoPartnership } from '../../src/demo/demo-partnership.ts';
import { contextFetch, crawlSite } from './support/crawl.ts';
import { signInWithPassword, startE2EApp, type E2EApp } from './support/e2e.ts';

/**
 * axe on every kind of page: for one demo person of each role, the site is crawled from the home
 * page through the browser's own session (as test/web/site-crawl.test.ts does in-process), then
 * one page of each route pattern found is opened in Chromium, JavaScript on, through the Journey
 * harness, which fails on any axe violation, script error or CSP report. Downloads are fetched by
 * the crawl but not opened as pages.
 */
let e2e: E2EApp;
const password = 'demo-password-for-the-axe-crawl';
const representatives = DEMO_USERS.filter((user, i) => DEMO_USERS.findIndex((other) => other.role === user.role) === i);

beforeAll(async () => {
  e2e = await startE2EApp();
  await loadDemoPartnership(e2e.db, password, e2e.services.config.encryptionKey);
});
afterAll(async () => e2e?.close());

describe('every kind of page each role reaches passes axe in Chromium', () => {
  it('has a demo person for every role', () => {
    expect(representatives.map((user) => user.role).sort()).toEqual([
      'action_owner',
      'administrator',
      'audit_lead',
      'auditor',
      'coordinator',
      'panel_member',
      'practitioner',
    ]);
  });

  for (const user of representatives) {
    it(`as ${user.email} (${user.role})`, { timeout: 600_000 }, async () => {
      const journey = await e2e.newJourney();
      await signInWithPassword(journey, user.email, password);
      const crawl = await crawlSite(contextFetch(journey.context), { perPattern: 6 });
      expect(crawl.problems).toEqual([]);
      const pages = [...crawl.patterns.values()].filter(
        (page) => page.contentType.startsWith('text/html') && !page.attachment,
      );
      const started = Date.now();
      for (const page of pages) await journey.visit(page.finalPath);
      console.log(
        `${user.email}: ${crawl.pages.length} pages crawled, ${pages.length} route patterns checked with axe in ${Math.round((Date.now() - started) / 1000)} s`,
      );
      expect(journey.checked.length).toBe(pages.length + 2);
      await journey.close();
    });
  }
});
