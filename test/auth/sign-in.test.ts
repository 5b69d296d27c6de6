import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/domain/encryption.ts';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { aPartnership, aUser } from '../support/builders.ts';

let t: TestApp;
let partnershipId: string;
beforeAll(async () => {
  t = await buildTestApp();
  partnershipId = await aPartnership().create(t.database.db);
});
afterAll(async () => t?.close());

const auditActions = async (email: string) =>
  (
    await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where((eb) => eb(eb.ref('detail', '->>').key('email' as never), '=', email))
      .orderBy('id')
      .execute()
  ).map((r) => r.action);

describe('sign-in', () => {
  it('shows GOV.UK errors for empty fields and keeps the e-mail typed', async () => {
    const browser = new Browser(t.app);
    await browser.get('/sign-in');
    const response = await browser.post('/sign-in', { email: 'someone@example.org', password: '' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<title>Error: Sign in');
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain('href="#password"');
    expect(response.body).toContain('Enter your password');
    expect(response.body).toContain('value="someone@example.org"');
  });

  it('gives the same answer for an unknown address and a wrong password', async () => {
    const user = await aUser(partnershipId).withRole('practitioner').create(t.database.db);
    const browser = new Browser(t.app);
    await browser.get('/sign-in');
    const wrongPassword = await browser.post('/sign-in', { email: user.email, password: 'not the password' });
    await browser.get('/sign-in');
    const unknown = await browser.post('/sign-in', { email: 'nobody-here@example.org', password: 'not the password' });
    expect(wrongPassword.statusCode).toBe(400);
    expect(unknown.statusCode).toBe(400);
    const message = (html: string) =>
      /govuk-error-message">\s*<span class="govuk-visually-hidden">Error:<\/span>([^<]+)</.exec(html)?.[1]?.trim();
    expect(message(wrongPassword.body)).toBe('Enter a correct email address and password');
    expect(message(unknown.body)).toBe(message(wrongPassword.body));
  });

  it('locks an account after five failures, refuses even the right password, and logs it', async () => {
    const user = await aUser(partnershipId).withRole('practitioner').create(t.database.db);
    const browser = new Browser(t.app);
    for (let i = 0; i < 5; i++) {
      await browser.get('/sign-in');
      await browser.post('/sign-in', { email: user.email, password: `wrong ${i}` });
    }
    await browser.get('/sign-in');
    const refused = await browser.post('/sign-in', { email: user.email, password: user.password });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('There have been too many attempts to sign in');
    const actions = await auditActions(user.email);
    expect(actions.filter((a) => a === 'sign-in.failed')).toHaveLength(5);
    expect(actions).toContain('sign-in.locked');
    expect(actions.at(-1)).toBe('sign-in.refused-locked');
    const lockMail = await t.database.db
      .selectFrom('outbox')
      .select('template')
      .where('to_address', '=', user.email)
      .execute();
    expect(lockMail.map((m) => m.template)).toEqual(['lockout']);
  });

  it('locks an unknown address the same way, so a lockout reveals nothing', async () => {
    const browser = new Browser(t.app);
    for (let i = 0; i < 6; i++) {
      await browser.get('/sign-in');
      await browser.post('/sign-in', { email: 'ghost@example.org', password: `wrong ${i}` });
    }
    expect(browser.lastHtml).toContain('There have been too many attempts to sign in');
  });

  it('throttles one address trying many accounts', async () => {
    const browser = new Browser(t.app);
    let last = '';
    for (let i = 0; i < 31; i++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/sign-in',
        remoteAddress: '203.0.113.9',
        headers: { cookie: `maca_csrf=seed`, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          email: `spray${i}@example.org`,
          password: 'x',
          _csrf: csrfFor('seed'),
        }).toString(),
      });
      last = response.body;
    }
    expect(last).toContain('There have been too many attempts to sign in');
    void browser;
  });

  it('refuses a form without a valid CSRF token and writes nothing', async () => {
    const user = await aUser(partnershipId).withRole('practitioner').create(t.database.db);
    const browser = new Browser(t.app);
    await browser.get('/sign-in');
    const response = await browser.post('/sign-in', { email: user.email, password: user.password }, { csrf: 'forged' });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('Your form could not be sent');
    const sessions = await t.database.db
      .selectFrom('user_session')
      .select('id')
      .where('user_id', '=', user.id)
      .execute();
    expect(sessions).toHaveLength(0);
  });

  it('follows only same-site return addresses after sign-in', async () => {
    const user = await aUser(partnershipId).withRole('practitioner').create(t.database.db);
    const browser = new Browser(t.app);
    const redirect = await browser.get('/account');
    expect(redirect.statusCode).toBe(303);
    expect(redirect.headers.location).toBe('/sign-in?returnTo=%2Faccount');
    await browser.get('/sign-in?returnTo=%2Faccount');
    const back = await browser.post('/sign-in', { email: user.email, password: user.password, returnTo: '/account' });
    expect(back.headers.location).toBe('/account');
    const other = new Browser(t.app);
    await other.get('/sign-in');
    const evil = await other.post('/sign-in', {
      email: user.email,
      password: user.password,
      returnTo: '//evil.example/',
    });
    expect(evil.headers.location).toBe('/');
  });

  it('refuses a deactivated person with the usual message', async () => {
    const user = await aUser(partnershipId).withRole('practitioner').inactive().create(t.database.db);
    const browser = new Browser(t.app);
    const response = await browser.signIn(user.email, user.password);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Enter a correct email address and password');
  });
});

describe('sessions', () => {
  it('sets an HttpOnly, SameSite session cookie and stores only its hash', async () => {
    const user = await aUser(partnershipId).withRole('practitioner').create(t.database.db);
    await new Browser(t.app).get('/sign-in');
    const browser = new Browser(t.app);
    await browser.get('/sign-in');
    const response = await browser.post('/sign-in', { email: user.email, password: user.password });
    const cookie = [response.headers['set-cookie']].flat().find((c) => c?.startsWith('maca_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const token = browser.cookies.get('maca_session')!;
    const row = await t.database.db
      .selectFrom('user_session')
      .select('id')
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.id).toBe(hashSecret(token));
  });

  it('ends a session idle for more than 30 minutes and says why at sign-in', async () => {
    const user = await aUser(partnershipId).withRole('practitioner').create(t.database.db);
    const browser = new Browser(t.app);
    await browser.signIn(user.email, user.password);
    await t.database.db
      .updateTable('user_session')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('user_id', '=', user.id)
      .execute();
    const response = await browser.get('/account');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/sign-in?returnTo=%2Faccount&expired=1');
    const page = await browser.get(response.headers.location!);
    expect(page.body).toContain('You were signed out because you had not used the service for 30 minutes');
    expect(
      await t.database.db.selectFrom('user_session').select('id').where('user_id', '=', user.id).execute(),
    ).toHaveLength(0);
  });

  it('ends a session 12 hours after sign-in even when active', async () => {
    const user = await aUser(partnershipId).withRole('practitioner').create(t.database.db);
    const browser = new Browser(t.app);
    await browser.signIn(user.email, user.password);
    await t.database.db
      .updateTable('user_session')
      .set({ created_at: new Date(Date.now() - 12 * 3_600_000 - 60_000) as never, last_seen_at: new Date() })
      .where('user_id', '=', user.id)
      .execute();
    expect((await browser.get('/')).statusCode).toBe(303);
  });

  it('signs out: the session row is gone and the old cookie no longer works', async () => {
    const user = await aUser(partnershipId).withRole('practitioner').create(t.database.db);
    const browser = new Browser(t.app);
    await browser.signIn(user.email, user.password);
    const token = browser.cookies.get('maca_session')!;
    await browser.get('/');
    const out = await browser.post('/sign-out', {});
    expect(out.headers.location).toBe('/signed-out');
    expect((await browser.get('/signed-out')).body).toContain('You have signed out');
    const replay = await t.app.inject({ url: '/', headers: { cookie: `maca_session=${token}` } });
    expect(replay.statusCode).toBe(303);
    expect(
      await t.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('user_id', '=', user.id)
        .where('action', '=', 'sign-out')
        .execute(),
    ).toHaveLength(1);
  });
});

import { csrfTokenFor } from '../../src/web/csrf.ts';
function csrfFor(seed: string): string {
  return csrfTokenFor(t.config.sessionSecret, seed);
}
