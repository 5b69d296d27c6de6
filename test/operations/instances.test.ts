import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { aPartnership, aUser } from '../support/builders.ts';
import { buildTestApp } from '../support/app.ts';
import { startServer, stop, waitForHealth, type Server } from './support.ts';

let database: TestDatabase;
let a: Server | undefined;
let b: Server | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  const env = { DATABASE_URL: database.connectionString, MACA_JOB_TICK_SECONDS: '1' };
  [a, b] = await Promise.all([startServer(env), startServer(env)]);
  await Promise.all([waitForHealth(a), waitForHealth(b)]);
});
afterAll(async () => {
  stop(a);
  stop(b);
  await database?.drop();
});

/** Signs in over HTTP as a browser would, returning the cookie header. */
async function signIn(port: number, email: string, password: string): Promise<string> {
  const page = await fetch(`http://127.0.0.1:${port}/sign-in`);
  const csrfCookie = page.headers
    .getSetCookie()
    .find((c) => c.startsWith('maca_csrf='))!
    .split(';')[0]!;
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const response = await fetch(`http://127.0.0.1:${port}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password, _csrf: token }),
  });
  const session = response.headers
    .getSetCookie()
    .find((c) => c.startsWith('maca_session='))!
    .split(';')[0]!;
  return `${csrfCookie}; ${session}`;
}

describe('several instances on one database', () => {
  it('share sessions: signed in on one, recognised by the other', async () => {
    const partnershipId = await aPartnership().create(database.db);
    const user = await aUser(partnershipId).withRole('practitioner').named('Shared Session').create(database.db);
    const cookie = await signIn(a!.port, user.email, user.password);
    const home = await fetch(`http://127.0.0.1:${b!.port}/`, { headers: { cookie }, redirect: 'manual' });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Welcome, Shared Session');
  });

  it('run each scheduled job once per slot, though both offer it', async () => {
    await new Promise((r) => setTimeout(r, 6000));
    const rows = await sql<{ slot: string; runs: number; instances: number }>`
      SELECT slot, count(*)::int AS runs, count(DISTINCT instance)::int AS instances FROM job_run WHERE job = 'maintenance' GROUP BY slot ORDER BY slot`.execute(
      database.db,
    );
    expect(rows.rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.rows.every((r) => r.runs === 1)).toBe(true);
  });
});

describe('health', () => {
  it('answers 503 with the reason when the database is unreachable', async () => {
    const t = await buildTestApp();
    try {
      await t.database.drop();
      const response = await t.app.inject({ url: '/health' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ status: 'error', database: 'unavailable' });
      expect(response.json<{ reason?: string }>().reason).toBeTruthy();
    } finally {
      await t.app.close();
    }
  });
});
