import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from '../../src/app.ts';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { aPartnership, aUser } from '../support/builders.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

describe('security headers', () => {
  it('sends a CSP without unsafe-inline, a nonce on the one inline script, and no-store', async () => {
    const response = await t.app.inject({ url: '/sign-in' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(response.body).toContain(`<script nonce="${nonce}">`);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('sends HSTS in production', async () => {
    const production = await buildTestApp({
      env: {
        NODE_ENV: 'production',
        SESSION_SECRET: 's'.repeat(40),
        MACA_ENCRYPTION_KEY: Buffer.alloc(32, 2).toString('base64'),
        MACA_BASE_URL: 'https://maca.example.org',
      },
    });
    try {
      const response = await production.app.inject({ url: '/sign-in' });
      expect(String(response.headers['strict-transport-security'])).toContain('max-age=31536000');
      expect([response.headers['set-cookie']].flat().join(';')).toMatch(/maca_csrf=[^;]+;.*Secure/);
    } finally {
      await production.close();
    }
  });

  it('carries the caller’s correlation id, or makes one', async () => {
    const offered = await t.app.inject({ url: '/health', headers: { 'x-correlation-id': 'req-12345678' } });
    expect(offered.headers['x-correlation-id']).toBe('req-12345678');
    const made = await t.app.inject({ url: '/health', headers: { 'x-correlation-id': 'bad id with spaces' } });
    expect(made.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('error pages', () => {
  it('answers an unknown page with a styled 404', async () => {
    const response = await t.app.inject({ url: '/no-such-page' });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Page not found');
    expect(response.body).toContain('govuk-template');
  });

  it('refuses an oversized form with a clear 413 page and writes nothing', async () => {
    const browser = new Browser(t.app);
    await browser.get('/sign-in');
    const before = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const response = await browser.post('/sign-in', {
      email: 'a@example.org',
      password: 'x'.repeat(BODY_LIMIT_BYTES + 10),
    });
    expect(response.statusCode).toBe(413);
    expect(response.body).toContain('What you sent is too large');
    expect(response.body).toContain('quote this reference');
    const after = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('serves the cookies and accessibility pages to anyone', async () => {
    expect((await t.app.inject({ url: '/cookies' })).body).toContain('maca_session');
    expect((await t.app.inject({ url: '/accessibility' })).body).toContain('WCAG 2.2 AA');
  });

  it('shows the partnership’s name, never the GOV.UK crown or Transport font', async () => {
    const partnershipId = await aPartnership('Testshire Safeguarding Children Partnership').create(t.database.db);
    const user = await aUser(partnershipId).withRole('practitioner').create(t.database.db);
    const browser = new Browser(t.app);
    await browser.signIn(user.email, user.password);
    const home = await browser.get('/');
    expect(home.body).toContain('Testshire Safeguarding Children Partnership');
    expect(home.body).not.toContain('govuk-logo');
    const css = await t.app.inject({ url: '/assets/application.css' });
    expect(css.statusCode).toBe(200);
    expect(css.body).not.toContain('GDS Transport');
    expect(css.body).toContain('system-ui');
  });
});
