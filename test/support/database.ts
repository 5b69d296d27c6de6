import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createKysely, type Db } from '../../src/db/database.ts';

export type TestDatabase = { db: Db; connectionString: string; name: string; drop(): Promise<void> };

/** A fresh database copied from the migrated template: real PostgreSQL, isolated per test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `${inject('testDatabasePrefix')}${crypto.randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${inject('templateDatabase')}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const connectionString = url.toString();
  const db = createKysely(connectionString, 5);
  return {
    db,
    connectionString,
    name,
    async drop() {
      await db.destroy();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
