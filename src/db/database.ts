import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { DataDirLock } from './data-dir-lock.ts';
import { attachToRunningEmbedded, startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded.ts';
import type { Database } from './schema.ts';

// Dates (not timestamps) stay as 'YYYY-MM-DD' strings, so no time zone ever shifts a date.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// bigint counts fit comfortably in a JS number for this service's volumes.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type Db = Kysely<Database>;

export type OpenDatabase = {
  db: Db;
  connectionString: string;
  /** 'embedded' when this process started the embedded PostgreSQL, 'attached' when another did. */
  mode: 'external' | 'embedded' | 'attached';
  close(): Promise<void>;
};

export function createKysely(connectionString: string, poolSize = 10): Db {
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30000,
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

async function ensureDatabase(adminConnectionString: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminConnectionString });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

/**
 * With DATABASE_URL, connect to it. Otherwise own the data directory (a lock file names the owner)
 * and run the embedded PostgreSQL in it. A command-line process that finds the service running on
 * the same data directory attaches to the service's PostgreSQL instead of starting a second one.
 */
export async function openDatabase(
  config: Config,
  options: { kind: 'server' | 'cli'; onPostgresLog?: (message: string) => void; poolSize?: number },
): Promise<OpenDatabase> {
  if (config.databaseUrl) {
    const db = createKysely(config.databaseUrl, options.poolSize);
    return { db, connectionString: config.databaseUrl, mode: 'external', close: () => db.destroy() };
  }

  if (options.kind === 'cli') {
    const owner = DataDirLock.currentOwner(config.dataDir);
    if (owner?.kind === 'server' && owner.postgresPort) {
      const connectionString = attachToRunningEmbedded(config.dataDir, owner.postgresPort);
      const db = createKysely(connectionString, 2);
      return { db, connectionString, mode: 'attached', close: () => db.destroy() };
    }
  }

  const lock = DataDirLock.acquire(config.dataDir, options.kind);
  let embedded: EmbeddedPostgresHandle | undefined;
  try {
    embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.embeddedPostgresPort,
      onLog: options.onPostgresLog,
    });
    lock.update({ postgresPort: embedded.port });
    await ensureDatabase(embedded.connectionString('postgres'), 'maca');
  } catch (error) {
    await embedded?.stop().catch(() => {});
    lock.release();
    throw error;
  }
  const connectionString = embedded.connectionString('maca');
  const db = createKysely(connectionString, options.poolSize);
  const handle = embedded;
  return {
    db,
    connectionString,
    mode: 'embedded',
    async close() {
      await db.destroy();
      await handle.stop();
      lock.release();
    },
  };
}

export async function checkDatabase(db: Db, timeoutMs = 2000): Promise<{ ok: true } | { ok: false; reason: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      sql`SELECT 1`.execute(db),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
