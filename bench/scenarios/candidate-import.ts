import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { createKysely, type Db } from '../../src/db/database.ts';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../src/db/embedded.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { guessMapping, readCandidateRows } from '../../src/domain/candidate-rows.ts';
import { todayInLondon } from '../../src/domain/calendar-date.ts';
import type { AuditInContext } from '../../src/features/audits/audit-access.ts';
import { readCandidateFile } from '../../src/features/cases/candidate-file.ts';
import { createCandidateService } from '../../src/features/cases/candidate-service.ts';
import type { CurrentUser } from '../../src/web/request-context.ts';

/**
 * Importing a 50,000-row candidate list (the figure) through the real path: the file parser,
 * the row reader, and the service and repository that keep the upload encrypted, then import it in
 * one transaction with each candidate's identifying columns encrypted. Reports rows per second for
 * each step and the process's peak resident memory.
 *
 * The database: BENCH_DATABASE_URL (an admin URL; a scratch database is made and dropped), or
 * otherwise an embedded PostgreSQL in a temporary directory.
 */
export const name = 'candidate-import';
const ROWS = Number(process.env.BENCH_CANDIDATE_ROWS ?? 50_000);

const STATUSES = ['CIN', 'CP', 'LAC', 'Early help', 'None'];
const SEXES = ['F', 'M', 'U'];
const ETHNICITIES = [
  'WBRI',
  'White British',
  'Indian',
  'Black African',
  'Not known',
  'Irish',
  'MWBC',
  'Pakistani',
  'Roma',
  'Arab',
];

/** A CSV as a case management system exports it: identifying columns first, a few bad rows. */
export function generateCandidateCsv(rows: number): Buffer {
  const lines = ['Person ID,Forename,Surname,DOB,Address,Legal status,Gender,Ethnicity'];
  for (let i = 1; i <= rows; i++) {
    const day = 1 + (i % 28);
    const month = 1 + (i % 12);
    const year = 2008 + (i % 17);
    const dob =
      i % 1000 === 0 ? '31/02/2019' : `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
    lines.push(
      `P${100000 + i},Forename${i},Surname${i % 977},${dob},"${i} Example Road, ` +
        `Leicester",${STATUSES[i % 5]},${SEXES[i % 3]},${ETHNICITIES[i % 10]}`,
    );
  }
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

async function database(): Promise<{ db: Db; done: () => Promise<void> }> {
  const admin = process.env.BENCH_DATABASE_URL;
  let embedded: EmbeddedPostgresHandle | undefined;
  let dir: string | undefined;
  let adminUrl = admin;
  if (!adminUrl) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maca-bench-'));
    // When run as root, the embedded server runs as its own user, which must be able to enter the directory.
    fs.chmodSync(dir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: dir, port: 0 });
    adminUrl = embedded.connectionString('postgres');
  }
  const scratch = `maca_bench_${crypto.randomBytes(4).toString('hex')}`;
  const query = async (text: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await query(`CREATE DATABASE ${scratch}`);
  const url = new URL(adminUrl);
  url.pathname = `/${scratch}`;
  const db = createKysely(url.toString(), 4);
  await migrateToLatest(db as never);
  return {
    db,
    async done() {
      await db.destroy();
      await query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
      await embedded?.stop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function run(): Promise<Record<string, number | string>> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', MACA_DEMO: 'false' });
  const { db, done } = await database();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  try {
    const partnership = await db
      .insertInto('partnership')
      .values({ name: 'Bench partnership' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await db
      .insertInto('app_user')
      .values({ partnership_id: partnership.id, email: 'bench@example.org', display_name: 'Bench' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const audit = await db
      .insertInto('audit')
      .values({ partnership_id: partnership.id, reference: 'BENCH-1', title: 'Bench audit' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const inContext = {
      id: audit.id,
      partnershipId: partnership.id,
      reference: 'BENCH-1',
      title: 'Bench audit',
      status: 'planning',
      version: 1,
      invitedAgencyIds: [],
      resource: { partnershipId: partnership.id },
    } as AuditInContext;
    const person = { id: user.id, partnershipId: partnership.id, displayName: 'Bench' } as CurrentUser;
    const actor = { userId: user.id, partnershipId: partnership.id, correlationId: 'bench', ip: null };
    const service = createCandidateService(db, config);

    const csv = generateCandidateCsv(ROWS);
    const time = async <T>(fn: () => Promise<T> | T): Promise<[T, number]> => {
      const start = process.hrtime.bigint();
      const value = await fn();
      return [value, Number(process.hrtime.bigint() - start) / 1e6];
    };

    const [parsed, parseMs] = await time(() => readCandidateFile(csv));
    if (!parsed.ok) throw new Error(parsed.message);
    const mapping = guessMapping(parsed.headers);
    const [, readMs] = await time(() => readCandidateRows(parsed.rows, parsed.headers, mapping, todayInLondon()));
    const [received, uploadMs] = await time(() =>
      service.receive(person, inContext, { filename: 'bench.csv', buffer: csv, sourceAgencyId: null }, actor),
    );
    if (!received.ok) throw new Error(received.message);
    await service.saveMapping(inContext, received.uploadId, { ...mapping, recordLabel: 'Person ID' }, actor);
    const [imported, importMs] = await time(() => service.importUpload(person, inContext, received.uploadId, actor));
    const stored = await db
      .selectFrom('candidate')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const totalMs = parseMs + uploadMs + importMs;
    return {
      rows: ROWS,
      fileMegabytes: Number((csv.length / 1024 / 1024).toFixed(2)),
      imported: imported.imported,
      leftOut: imported.leftOut,
      storedCandidates: Number(stored.n),
      parseMs: Math.round(parseMs),
      parseRowsPerSecond: Math.round(ROWS / (parseMs / 1000)),
      readRowsMs: Math.round(readMs),
      uploadStepMs: Math.round(uploadMs),
      importStepMs: Math.round(importMs),
      importRowsPerSecond: Math.round(imported.imported / (importMs / 1000)),
      endToEndRowsPerSecond: Math.round(ROWS / (totalMs / 1000)),
      peakRssMegabytes: Math.round(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1024 / 1024),
      mapping: Object.keys(mapping).join(' '),
    };
  } finally {
    clearInterval(sampler);
    await done();
  }
}

export default { name, run };
