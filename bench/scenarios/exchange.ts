import { loadConfig } from '../../src/config.ts';
import { createUser, findUserById, toCurrentUser } from '../../src/features/auth/user-repository.ts';
import { createServices } from '../../src/services.ts';
import { aFullAudit } from '../../test/support/exchange-builders.ts';
import { scratchDatabase } from '../support.ts';

/**
 * The audit exchange file for a large audit: 20 cases, 15 agencies, 3,000 chronology entries.
 * Export (build, schema check, JSON text) and import (checks, one transaction) times, file size and
 * peak memory, against the baseline of reading the same chronology entries in the same run.
 */
export const name = 'exchange';
const CASES = 20;
const AGENCIES = 15;
const ENTRIES = Number(process.env.BENCH_EXCHANGE_ENTRIES ?? 3000);

export async function run(): Promise<Record<string, number | string>> {
  const { db, done } = await scratchDatabase();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', MACA_DEMO: 'false' });
    const { id: source } = await db
      .insertInto('partnership')
      .values({ name: 'Bench source' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const agencies: string[] = [];
    for (let i = 0; i < AGENCIES; i++)
      agencies.push(
        (
          await db
            .insertInto('agency')
            .values({ partnership_id: source, name: `Agency ${i + 1}`, type: 'other' })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    const lead = await createUser(db, {
      partnershipId: source,
      email: 'lead@bench.example',
      displayName: 'Lead',
      passwordHash: null,
      roles: ['coordinator'],
    });
    const audit = await aFullAudit(db, config.encryptionKey, {
      partnershipId: source,
      agencyIds: agencies,
      leadUserId: lead,
      cases: CASES,
      entriesPerCase: ENTRIES / CASES,
    });
    const { id: target } = await db
      .insertInto('partnership')
      .values({ name: 'Bench target' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const importer = await createUser(db, {
      partnershipId: target,
      email: 'importer@bench.example',
      displayName: 'Importer',
      passwordHash: null,
      roles: ['coordinator'],
    });

    const exchange = createServices({ config, db }).exchange;
    const exporter = toCurrentUser((await findUserById(db, lead))!);
    const exportActor = { userId: lead, partnershipId: source, correlationId: 'bench', ip: null };
    const runs = 3;
    let exportMs = 0;
    let importMs = 0;
    let bytes = 0;
    let entries = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const document = (await exchange.exportAsOperator(
        { id: audit.id, partnershipId: source },
        { user: exporter, withIdentities: true, actor: exportActor },
      ))!;
      const text = JSON.stringify(document);
      exportMs += performance.now() - t0;
      bytes = Buffer.byteLength(text);
      entries = document.cases.reduce((n, c) => n + c.chronology.length, 0);
      const t1 = performance.now();
      const result = await exchange.importAsOperator(JSON.parse(text), {
        partnershipId: target,
        actor: { userId: importer, partnershipId: target, correlationId: 'bench', ip: null },
        mayHoldIdentities: true,
        createMissingAgencies: true,
        asCopy: true,
      });
      importMs += performance.now() - t1;
      if (result.kind !== 'imported') throw new Error(`import ended ${result.kind}: ${result.message}`);
    }
    const t2 = performance.now();
    const baselineReads = 5;
    for (let i = 0; i < baselineReads; i++)
      await db.selectFrom('chronology_entry').selectAll().where('case_id', 'in', audit.caseIds).execute();
    const baselineMs = (performance.now() - t2) / baselineReads;
    return {
      cases: CASES,
      agencies: AGENCIES,
      chronologyEntries: entries,
      fileMegabytes: Number((bytes / 1024 / 1024).toFixed(2)),
      exportMs: Math.round(exportMs / runs),
      importMs: Math.round(importMs / runs),
      peakRssMegabytes: Math.round(peak / 1024 / 1024),
      baselineQueryMs: Number(baselineMs.toFixed(1)),
      exportRatioToQuery: Number((exportMs / runs / baselineMs).toFixed(1)),
      importRatioToQuery: Number((importMs / runs / baselineMs).toFixed(1)),
    };
  } finally {
    clearInterval(sampler);
    await done();
  }
}

export default { name, run };
