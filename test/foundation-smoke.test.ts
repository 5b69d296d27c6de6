import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPartnership, aUser } from './support/builders.ts';
import { Browser, buildTestApp, type TestApp } from './support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

describe('health and sign-in', () => {
  it('reports the database as ok', async () => {
    const response = await t.app.inject({ url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: 'ok' });
    expect(response.headers['x-correlation-id']).toBeTruthy();
  });

  it('signs in a practitioner (no second factor needed) and shows the home page', async () => {
    const partnershipId = await aPartnership().create(t.database.db);
    const user = await aUser(partnershipId).withRole('practitioner').named('Robin Reader').create(t.database.db);
    const browser = new Browser(t.app);
    const response = await browser.signIn(user.email, user.password);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/');
    const home = await browser.get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Welcome, Robin Reader');
  });
});
