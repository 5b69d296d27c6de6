import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, loadDemoPartnership } from '../../src/demo/demo-partnership.ts';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { declaredRuleAllows, demoIdentityTerms, inProcessFetch } from '../support/demo-crawl.ts';
import {
  crawlSite,
  identityLeaks,
  officeFileText,
  type CaseIdentityTerms,
  type Fetched,
} from '../support/site-crawl.ts';

/**
 * Every page each demo person can reach by following links from the home page works: no server
 * error, no link they are shown that refuses them, one h1 and a title on every page, nothing left
 * unrendered, and no case's identifying details outside that case's identifying-details pages
 * (pages, CSV and JSON, Word and Excel downloads).
 */
let t: TestApp;
let identities: CaseIdentityTerms[];
const password = 'demo-password-for-the-crawl';
const signedIn = async (email: string) => {
  const browser = new Browser(t.app);
  const response = await browser.signIn(email, password);
  expect(response.headers.location, `${email} signed in without a second factor`).toBe('/');
  return browser;
};

beforeAll(async () => {
  t = await buildTestApp();
  await loadDemoPartnership(t.database.db, password, t.config.encryptionKey);
  identities = await demoIdentityTerms(t.database.db, t.services);
});
afterAll(async () => t?.close());

describe('the crawler itself', () => {
  const page = (body: string, status = 200): Fetched => ({
    status,
    location: undefined,
    contentType: 'text/html; charset=utf-8',
    body,
    bytes: Buffer.from(body),
  });
  const html = (h1s: string, links: string[], extra = '') =>
    `<html><head><title>T</title></head><body>${h1s}${links.map((l) => `<a href="${l}">x</a>`).join('')}${extra}</body></html>`;

  it('reports a server error, a refused link, a missing title, two h1s, unrendered text, identifying details and a form the person may not send', async () => {
    const site: Record<string, Fetched> = {
      '/': page(
        html('<h1>Home</h1>', [
          '/broken',
          '/refused',
          '/untitled',
          '/twice',
          '/unrendered',
          '/leaky',
          '/formy',
          'https://elsewhere.example/',
          '#main',
        ]),
      ),
      '/broken': page('Internal Server Error', 500),
      '/refused': page(html('<h1>Page not found</h1>', []), 404),
      '/untitled': page('<html><body><h1>No title</h1></body></html>'),
      '/twice': page(html('<h1>One</h1><h1>Two</h1>', [])),
      '/unrendered': page(html('<h1>Due undefined</h1>', [], '<p>{{ audit.title }}</p>')),
      '/leaky': page(html('<h1>Case 1</h1>', [], '<p>Demo Child 9Z Example</p>')),
      '/formy': page(
        html(
          '<h1>Forms</h1>',
          [],
          '<form method="post" action="/allowed"></form><form method="post" action="/forbidden"></form>',
        ),
      ),
    };
    const fetched: string[] = [];
    const result = await crawlSite(
      (path) => {
        fetched.push(path);
        return Promise.resolve(site[path] ?? page('', 404));
      },
      {
        identities: [{ caseId: '00000000-0000-4000-8000-000000000000', terms: ['Demo Child 9Z Example'] }],
        formAllowed: (method, path) => method === 'POST' && path === '/allowed',
      },
    );
    expect(fetched).not.toContain('https://elsewhere.example/');
    expect(result.problems).toEqual([
      '500 at /broken, linked from /',
      '404 for a link the person is shown: /refused, linked from /',
      '/untitled has no <title>',
      '/twice has 2 h1 elements, not one',
      expect.stringContaining('/unrendered shows template syntax'),
      expect.stringContaining('/unrendered shows "undefined"'),
      '/leaky shows identifying details ("Demo Child 9Z Example")',
      '/formy shows a form (POST /forbidden) the person may not send',
    ]);
  });

  it('follows at most the given number of links of one route pattern', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `/things/${i}`);
    const result = await crawlSite((path) => Promise.resolve(page(html('<h1>x</h1>', path === '/' ? ids : []))), {
      perPattern: 2,
    });
    expect(result.pages.map((p) => p.path)).toEqual(['/', '/things/0', '/things/1']);
  });

  it('reads the text of Word and Excel downloads, and finds a case’s details on another case’s page', async () => {
    const coordinator = await signedIn('coordinator@demo.maca.test');
    const audit = await t.database.db
      .selectFrom('audit')
      .select('id')
      .where('reference', '=', 'LLR-2019-FSA')
      .executeTakeFirstOrThrow();
    const xlsx = await coordinator.get(`/audits/${audit.id}/participation.xlsx`);
    expect(officeFileText(xlsx.rawPayload)).toContain('Leicestershire Police');
    const first = identities.find((i) => i.terms.includes('Demo Child 1A Example'))!;
    const neglect = identities.find((i) => i.terms.includes('Demo Child N1 Example'))!;
    const kase = await t.database.db
      .selectFrom('audit_case')
      .select('audit_id')
      .where('id', '=', first.caseId)
      .executeTakeFirstOrThrow();
    const own = await coordinator.get(`/audits/${kase.audit_id}/cases/${first.caseId}/identifying-details`);
    expect(own.statusCode).toBe(200);
    expect(
      identityLeaks(own.body, `/audits/${kase.audit_id}/cases/${first.caseId}/identifying-details`, [first, neglect]),
    ).toEqual([]);
    expect(
      identityLeaks(own.body, `/audits/${kase.audit_id}/cases/${neglect.caseId}/identifying-details`, [first, neglect]),
    ).toEqual(['shows identifying details ("Demo Child 1A Example")', expect.stringContaining('Fictional Row')]);
  });
});

describe('the demo site, crawled as each demo person', { timeout: 120_000 }, () => {
  it('knows the demo cases’ identifying details, so a leak could be seen', () => {
    expect(identities.length).toBeGreaterThan(20);
    expect(identities.flatMap((i) => i.terms)).toEqual(
      expect.arrayContaining(['Demo Child 1A Example', 'Demo Child N1 Example', '999 000 1001']),
    );
  });

  for (const user of DEMO_USERS) {
    it(`works for every page ${user.email} can reach`, async () => {
      const browser = await signedIn(user.email);
      // Six of a kind reaches every demo audit (five seeds and the open neglect audit).
      const formAllowed = await declaredRuleAllows(t.app, t.database.db, user.email);
      const result = await crawlSite(inProcessFetch(browser), { perPattern: 6, identities, formAllowed });
      console.log(`${user.email}: ${result.pages.length} pages, ${result.patterns.size} route patterns`);
      expect(result.pages.length).toBeGreaterThan(3);
      expect(result.problems).toEqual([]);
    });
  }
});
