import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, type Principal } from '../src/domain/authorisation.ts';
import { ROLES, type Role } from '../src/domain/roles.ts';
import { csrfTokenFor } from '../src/web/csrf.ts';
import { Browser, buildTestApp, type TestApp } from './support/app.ts';
import { aPartnership, anAgency, aUser } from './support/builders.ts';

/**
 * Walks every registered route for every role (and for nobody signed in) and checks the answer
 * against the rule the route declared: denied means 404 (or sign-in / 401), never a hint.
 */
let t: TestApp;
const browsers = new Map<Role | 'anonymous', Browser>();
const principals = new Map<Role, Principal>();
const tokens = new Map<Role, string>();
const ID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await buildTestApp();
  const partnershipId = await aPartnership().create(t.database.db);
  const agencyId = await anAgency(partnershipId).create(t.database.db);
  browsers.set('anonymous', new Browser(t.app));
  for (const role of ROLES) {
    const user = await aUser(partnershipId)
      .withRole(role)
      .inAgency(agencyId)
      .exemptFromSecondFactor()
      .create(t.database.db);
    const browser = new Browser(t.app);
    const response = await browser.signIn(user.email, user.password);
    expect(response.headers.location).toBe('/');
    await browser.get('/account');
    browsers.set(role, browser);
    principals.set(role, { id: user.id, partnershipId, agencyId, roles: [role], active: true });
    tokens.set(
      role,
      (
        await t.services.apiTokens.create(user.id, 'walk', {
          userId: user.id,
          partnershipId,
          correlationId: null,
          ip: null,
        })
      ).token,
    );
  }
});
afterAll(async () => t?.close());

function concrete(url: string): string {
  return url.replace(/:[A-Za-z]+/g, ID).replace(/\*$/, 'x');
}

describe('every route declares who may use it, and the declaration holds', () => {
  it('has a catalogue covering the routes', () => {
    expect(t.app.routeCatalogue.length).toBeGreaterThan(20);
    for (const route of t.app.routeCatalogue) expect(route.access).toBeTruthy();
  });

  it('refuses to start when a route declares no rule', async () => {
    const { createApp } = await import('../src/app.ts');
    const app = await createApp(t.services, { logger: false });
    expect(() => app.get('/undeclared', () => Promise.resolve('x'))).toThrow(/does not declare who may use it/);
    await app.close().catch(() => {});
  });

  it('answers each role as its rule says', async () => {
    const failures: string[] = [];
    for (const route of t.app.routeCatalogue) {
      // Signing out would end the walker's own sessions; it is public and tested in test/auth.
      if (route.url.startsWith('/assets/') || route.method === 'OPTIONS' || route.url === '/sign-out') continue;
      const url = concrete(route.url);
      for (const who of ['anonymous', ...ROLES] as const) {
        const principal = who === 'anonymous' ? undefined : principals.get(who);
        const allowed = can(principal, route.access);
        let status: number;
        if (route.api) {
          const headers: Record<string, string> =
            who === 'anonymous' ? {} : { authorization: `Bearer ${tokens.get(who)}` };
          const response = await t.app.inject({
            method: route.method as 'GET',
            url,
            headers,
            ...(route.method === 'GET' ? {} : { payload: {} }),
          });
          status = response.statusCode;
          if (!allowed && ![401, 404].includes(status))
            failures.push(`${who} ${route.method} ${route.url}: expected 401/404, got ${status}`);
          if (allowed && (status === 401 || status === 403))
            failures.push(`${who} ${route.method} ${route.url}: allowed but got ${status}`);
        } else {
          const browser = browsers.get(who)!;
          const response =
            route.method === 'GET'
              ? await browser.get(url)
              : await browser.post(
                  url,
                  {},
                  { csrf: csrfTokenFor(t.config.sessionSecret, browser.cookies.get('maca_csrf') ?? '') },
                );
          status = response.statusCode;
          const location = String(response.headers.location ?? '');
          if (!allowed) {
            const signInRedirect = who === 'anonymous' && status === 303 && location.startsWith('/sign-in');
            if (status !== 404 && !signInRedirect)
              failures.push(`${who} ${route.method} ${route.url}: expected 404, got ${status} ${location}`);
          } else if (who !== 'anonymous' && status === 303 && location.startsWith('/sign-in?')) {
            failures.push(`${who} ${route.method} ${route.url}: allowed but sent to sign in`);
          }
        }
        if (status >= 500) failures.push(`${who} ${route.method} ${route.url}: server error ${status}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
