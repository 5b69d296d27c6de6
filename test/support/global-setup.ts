import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createKysely } from '../../src/db/database.ts';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../src/db/embedded.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createJobQueue } from '../../src/jobs/job-queue.ts';

/**
 * One PostgreSQL for the run: the machine's server when TEST_DATABASE_URL is set, otherwise the
 * embedded one. A template database is migrated once; each test file copies it (fast, isolated).
 */
declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
    databaseServer: string;
    testDatabasePrefix: string;
  }
}

let embedded: EmbeddedPostgresHandle | undefined;
let adminUrl = '';
const template = `maca_template_${process.pid}`;

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function setup(project: TestProject): Promise<void> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    adminUrl = external;
  } else {
    const dir = path.resolve('.vitest-tmp', `pg-${process.pid}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    embedded = await startEmbeddedPostgres({ dataDir: dir, port: 0 });
    adminUrl = embedded.connectionString('postgres');
  }
  const version = await admin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${template}`);
    await client.query(`CREATE DATABASE ${template}`);
    return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  });
  const templateUrl = withDatabase(adminUrl, template);
  const db = createKysely(templateUrl, 2);
  await migrateToLatest(db as never);
  await db.destroy();
  // pg-boss creates its schema on first start; do it once here so every copy already has it.
  const jobs = await createJobQueue(templateUrl, () => {});
  await jobs.stop();
  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', template);
  project.provide('testDatabasePrefix', `maca_test_${process.pid}_`);
  project.provide('databaseServer', `PostgreSQL ${version} (${external ? 'TEST_DATABASE_URL' : 'embedded'})`);
  process.stdout.write(
    `Integration tests use PostgreSQL ${version} (${external ? 'TEST_DATABASE_URL' : 'embedded'}).\n`,
  );
}

export async function teardown(): Promise<void> {
  if (adminUrl) {
    await admin(async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE 'maca_test_${process.pid}_%' OR datname = $1`,
        [template],
      );
      for (const row of rows) await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    }).catch(() => {});
  }
  await embedded?.stop();
  if (!process.env.TEST_DATABASE_URL)
    fs.rmSync(path.resolve('.vitest-tmp', `pg-${process.pid}`), { recursive: true, force: true });
}
