import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentCode } from '../../src/features/auth/totp.ts';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { aPartnership, aUser } from '../support/builders.ts';

let t: TestApp;
let partnershipId: string;
beforeAll(async () => {
  t = await buildTestApp();
  partnershipId = await aPartnership().create(t.database.db);
});
afterAll(async () => t?.close());

/** Enrols a coordinator through the pages and returns their secret and recovery codes. */
async function enrol(browser: Browser, email: string, password: string) {
  const signIn = await browser.signIn(email, password);
  expect(signIn.headers.location).toBe('/account/two-factor/set-up');
  const page = await browser.get('/account/two-factor/set-up');
  expect(page.body).toContain('data:image/png;base64,');
  const secret = /id="totp-key">([A-Z2-7 ]+)</.exec(page.body)![1]!.replace(/ /g, '');
  const confirmed = await browser.post('/account/two-factor/set-up', { code: currentCode(secret) });
  expect(confirmed.headers.location).toBe('/account/two-factor/recovery-codes');
  const codesPage = await browser.get('/account/two-factor/recovery-codes');
  const codes = [...codesPage.body.matchAll(/<li>([0-9a-f]{5}-[0-9a-f]{5})<\/li>/g)].map((m) => m[1]!);
  return { secret, codes };
}

describe('two-step verification', () => {
  it('sends a coordinator without it to set-up, and lets them nowhere else until done', async () => {
    const user = await aUser(partnershipId).withRole('coordinator').create(t.database.db);
    const browser = new Browser(t.app);
    await browser.signIn(user.email, user.password);
    const home = await browser.get('/');
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe('/account/two-factor/set-up');
    const wrong = await (async () => {
      await browser.get('/account/two-factor/set-up');
      return browser.post('/account/two-factor/set-up', { code: '000000' });
    })();
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('The code is not correct');
  });

  it('enrols with a code, shows ten recovery codes once, and renews the session id', async () => {
    const user = await aUser(partnershipId).withRole('coordinator').create(t.database.db);
    const browser = new Browser(t.app);
    await browser.signIn(user.email, user.password);
    const before = browser.cookies.get('maca_session');
    await browser.get('/account/two-factor/set-up');
    const secret = /id="totp-key">([A-Z2-7 ]+)</.exec(browser.lastHtml)![1]!.replace(/ /g, '');
    await browser.post('/account/two-factor/set-up', { code: currentCode(secret) });
    expect(browser.cookies.get('maca_session')).not.toBe(before);
    const codes = await browser.get('/account/two-factor/recovery-codes');
    expect([...codes.body.matchAll(/<li>([0-9a-f]{5}-[0-9a-f]{5})<\/li>/g)]).toHaveLength(10);
    const again = await browser.get('/account/two-factor/recovery-codes');
    expect(again.statusCode).toBe(303);
    expect((await browser.get('/')).statusCode).toBe(200);
    const stored = await t.database.db
      .selectFrom('user_totp')
      .select('secret_encrypted')
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(stored.secret_encrypted).not.toContain(secret);
  });

  it('asks for the code at the next sign-in, refuses a reused code, accepts a recovery code once', async () => {
    const user = await aUser(partnershipId).withRole('coordinator').create(t.database.db);
    const first = new Browser(t.app);
    const { secret, codes } = await enrol(first, user.email, user.password);

    const second = new Browser(t.app);
    const signIn = await second.signIn(user.email, user.password);
    expect(signIn.headers.location).toMatch(/^\/sign-in\/two-factor/);
    expect((await second.get('/')).headers.location).toBe('/sign-in/two-factor');
    await second.get('/sign-in/two-factor');
    const reused = await second.post('/sign-in/two-factor', { code: currentCode(secret) });
    expect(reused.statusCode).toBe(400);
    expect(reused.body).toContain('already been used');
    const recovered = await second.post('/sign-in/two-factor', { code: codes[0]!.toUpperCase() });
    expect(recovered.statusCode).toBe(303);
    expect((await second.get('/')).statusCode).toBe(200);

    const third = new Browser(t.app);
    await third.signIn(user.email, user.password);
    await third.get('/sign-in/two-factor');
    expect((await third.post('/sign-in/two-factor', { code: codes[0]! })).statusCode).toBe(400);
    const account = await second.get('/account');
    expect(account.body).toContain('9 unused recovery codes');
  });

  it('lets a demo account skip the second factor outside production only', async () => {
    const user = await aUser(partnershipId).withRole('coordinator').exemptFromSecondFactor().create(t.database.db);
    const browser = new Browser(t.app);
    expect((await browser.signIn(user.email, user.password)).headers.location).toBe('/');
    const production = await buildTestApp({
      env: {
        NODE_ENV: 'production',
        SESSION_SECRET: 'p'.repeat(40),
        MACA_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
        MACA_BASE_URL: 'https://maca.example.org',
      },
    });
    try {
      const pid = await aPartnership().create(production.database.db);
      const demo = await aUser(pid).withRole('coordinator').exemptFromSecondFactor().create(production.database.db);
      const prodBrowser = new Browser(production.app);
      await prodBrowser.get('/sign-in');
      const response = await production.app.inject({
        method: 'POST',
        url: '/sign-in',
        headers: {
          cookie: [...prodBrowser.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams({
          email: demo.email,
          password: demo.password,
          _csrf: prodBrowser.csrfToken(),
        }).toString(),
      });
      expect(response.headers.location).toBe('/account/two-factor/set-up');
      expect([response.headers['set-cookie']].flat().join(';')).toMatch(/Secure/);
    } finally {
      await production.close();
    }
  });
});
