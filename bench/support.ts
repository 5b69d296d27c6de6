import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createKysely, type Db } from '../src/db/database.ts';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../src/db/embedded.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

/** A scratch database for a scenario: BENCH_DATABASE_URL's server, or an embedded PostgreSQL. */
export async function scratchDatabase(): Promise<{ db: Db; url: string; done: () => Promise<void> }> {
  let embedded: EmbeddedPostgresHandle | undefined;
  let dir: string | undefined;
  let adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maca-bench-'));
    fs.chmodSync(dir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: dir, port: 0 });
    adminUrl = embedded.connectionString('postgres');
  }
  const name = `maca_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = createKysely(url.toString(), 20);
  await migrateToLatest(db as never);
  return {
    db,
    url: url.toString(),
    async done() {
      await db.destroy();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      await embedded?.stop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `task` with `concurrency` workers for `seconds`; latencies in milliseconds. */
export async function load(
  task: () => Promise<void>,
  concurrency: number,
  seconds: number,
): Promise<{ requests: number; perSecond: number; p50: number; p95: number }> {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        await task();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    requests: latencies.length,
    perSecond: Math.round(latencies.length / elapsed),
    p50: Number(at(0.5).toFixed(2)),
    p95: Number(at(0.95).toFixed(2)),
  };
}

/** Signs in over HTTP as a browser would (CSRF cookie and token); returns the cookie header. */
export async function signInOverHttp(base: string, email: string, password: string): Promise<string> {
  const page = await fetch(`${base}/sign-in`);
  const csrf = page.headers
    .getSetCookie()
    .find((c) => c.startsWith('maca_csrf='))!
    .split(';')[0]!;
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const response = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: csrf, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password, _csrf: token }),
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith('maca_session='));
  if (!session) throw new Error(`signing in as ${email} failed with ${response.status}`);
  return `${csrf}; ${session.split(';')[0]}`;
}
