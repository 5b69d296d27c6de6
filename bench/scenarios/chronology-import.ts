import { Readable } from 'node:stream';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { hashPassword } from '../../src/features/auth/passwords.ts';
import { createUser } from '../../src/features/auth/user-repository.ts';
import { fingerprint } from '../../src/features/chronology/chronology-repository.ts';
import { createServices } from '../../src/services.ts';
import { load, scratchDatabase, signInOverHttp } from '../support.ts';

/**
 * Importing a 100,000-row chronology (rows per second, peak memory) through the real path, and
 * the integrated chronology page with its timeline for a case with 5,000 entries from 15 agencies
 * (p95 under concurrent load), against the baseline of one read of the entries in the same run.
 */
export const name = 'chronology-import';
const ROWS = Number(process.env.BENCH_CHRONOLOGY_ROWS ?? 100_000);
const CATEGORIES = ['Incident', 'Referral', 'Disclosure', 'MARAC', 'Core group', 'Other', 'School absence'];

export async function run(): Promise<Record<string, number | string>> {
  const { db, done } = await scratchDatabase();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  try {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', MACA_DEMO: 'false' });
    const services = createServices({ config, db });
    const { id: partnershipId } = await db
      .insertInto('partnership')
      .values({ name: 'Bench' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const agencies: string[] = [];
    for (let i = 0; i < 15; i++)
      agencies.push(
        (
          await db
            .insertInto('agency')
            .values({ partnership_id: partnershipId, name: `Agency ${i + 1}`, type: 'other' })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    const audit = await db
      .insertInto('audit')
      .values({
        partnership_id: partnershipId,
        reference: 'BENCH',
        title: 'Bench audit',
        status: 'returns_open',
        scope_from: '2000-01-01',
        scope_to: '2030-12-31',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const agencyId of agencies)
      await db.insertInto('audit_agency').values({ audit_id: audit.id, agency_id: agencyId }).execute();
    const kase = await db
      .insertInto('audit_case')
      .values({ audit_id: audit.id, reference: 'Case 1' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ret = await db
      .insertInto('agency_return')
      .values({ case_id: kase.id, agency_id: agencies[0]! })
      .returning('id')
      .executeTakeFirstOrThrow();
    const password = await hashPassword('bench password 1234');
    const auditorId = await createUser(db, {
      partnershipId,
      email: 'auditor@bench.example',
      displayName: 'Auditor',
      agencyId: agencies[0]!,
      passwordHash: password,
      roles: ['auditor'],
    });
    await createUser(db, {
      partnershipId,
      email: 'coordinator@bench.example',
      displayName: 'Coordinator',
      passwordHash: password,
      roles: ['coordinator'],
      mfaExempt: true,
    });
    const auditor = (await import('../../src/features/auth/user-repository.ts')).toCurrentUser(
      (await (await import('../../src/features/auth/user-repository.ts')).findUserById(db, auditorId))!,
    );
    const actor = { userId: auditorId, partnershipId, correlationId: 'bench', ip: null };

    const lines = ['Date,Category,Event,Source,Impact,Action'];
    for (let i = 0; i < ROWS; i++)
      lines.push(
        `${1 + (i % 28)}/${1 + (i % 12)}/${2005 + (i % 20)},${CATEGORIES[i % CATEGORIES.length]},Event number ${i} recorded by the agency,Team ${i % 9},${i % 3 ? 'negative' : 'neutral'},Action ${i % 50}`,
      );
    const csv = Buffer.from(lines.join('\r\n'));
    const t0 = performance.now();
    const started = await services.chronologyImports.start(auditor, ret.id, 'bench.csv', Readable.from([csv]), actor);
    if (!started.ok) throw new Error(started.message);
    const uploadMs = performance.now() - t0;
    await db
      .updateTable('chronology_import')
      .set({
        mapping: JSON.stringify({ date: 0, category: 1, event: 2, source: 3, impact: 4, actionTaken: 5 }),
        status: 'checking',
      })
      .where('id', '=', started.importId)
      .execute();
    const t1 = performance.now();
    await services.chronologyImports.run(started.importId, 'check');
    const checkMs = performance.now() - t1;
    const t2 = performance.now();
    await services.chronologyImports.run(started.importId, 'apply');
    const applyMs = performance.now() - t2;
    const imported = await db
      .selectFrom('chronology_import')
      .select(['imported_rows', 'status'])
      .where('id', '=', started.importId)
      .executeTakeFirstOrThrow();
    if (imported.status !== 'imported') throw new Error(`import ended ${imported.status}`);

    // The integrated page: 5,000 entries from 15 agencies on a second case.
    const second = await db
      .insertInto('audit_case')
      .values({ audit_id: audit.id, reference: 'Case 2' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows = Array.from({ length: 5000 }, (_, i) => {
      const date = `${2010 + (i % 12)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      const event = `Entry ${i}`;
      return {
        case_id: second.id,
        agency_id: agencies[i % 15]!,
        date_from: date,
        date_to: date,
        precision: 'day' as const,
        event,
        category: 'other',
        fingerprint: fingerprint({ from: date, to: date, category: 'other', event }),
      };
    });
    for (let i = 0; i < rows.length; i += 1000)
      await db
        .insertInto('chronology_entry')
        .values(rows.slice(i, i + 1000))
        .execute();
    const app = await createApp(services, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const cookie = await signInOverHttp(base, 'coordinator@bench.example', 'bench password 1234');
    const integrated = await load(
      async () => {
        const response = await fetch(`${base}/audits/${audit.id}/cases/${second.id}/chronology`, {
          headers: { cookie },
        });
        if (response.status !== 200) throw new Error(`integrated page answered ${response.status}`);
        await response.text();
      },
      4,
      Number(process.env.BENCH_SECONDS ?? 8),
    );
    const t3 = performance.now();
    const baselineReads = 5;
    for (let i = 0; i < baselineReads; i++)
      await db
        .selectFrom('chronology_entry')
        .selectAll()
        .where('case_id', '=', second.id)
        .orderBy('date_from')
        .execute();
    const baselineMs = (performance.now() - t3) / baselineReads;
    await app.close();
    return {
      rows: ROWS,
      fileMegabytes: Number((csv.length / 1024 / 1024).toFixed(1)),
      imported: imported.imported_rows,
      uploadMs: Math.round(uploadMs),
      checkRowsPerSecond: Math.round(ROWS / (checkMs / 1000)),
      applyRowsPerSecond: Math.round(ROWS / (applyMs / 1000)),
      peakRssMegabytes: Math.round(peak / 1024 / 1024),
      integratedEntries: 5000,
      integratedRequestsPerSecond: integrated.perSecond,
      integratedP95Ms: integrated.p95,
      baselineQueryMs: Number(baselineMs.toFixed(1)),
      p95RatioToQuery: Number((integrated.p95 / baselineMs).toFixed(1)),
    };
  } finally {
    clearInterval(sampler);
    await done();
  }
}

export default { name, run };
