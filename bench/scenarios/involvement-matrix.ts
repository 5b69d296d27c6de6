import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { InvolvementStatus, ReturnStatus } from '../../src/db/schema.ts';
import { hashPassword } from '../../src/features/auth/passwords.ts';
import { createUser } from '../../src/features/auth/user-repository.ts';
import { createServices } from '../../src/services.ts';
import { load, scratchDatabase, signInOverHttp } from '../support.ts';

/**
 * The involvement matrix (`/audits/:id/involvement`) and the returns progress dashboard
 * (`/audits/:id/progress`) for an audit of 20 cases and 25 agencies (500 cells, about 200 returns,
 * each involved case with an auditor), as the coordinator, under concurrent load on loopback:
 * requests per second and p50/p95. The baseline, run in the same process against the same server,
 * is the home page: signed in, one session read, no audit data. The ratios are what to compare
 * between runs on these noisy machines.
 */
export const name = 'involvement-matrix';
const CASES = 20;
const AGENCIES = 25;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

const STATUSES: InvolvementStatus[] = [
  'involved',
  'involved',
  'involved',
  'involved',
  'not_known',
  'not_known',
  'not_known',
  'out_of_scope',
  'partly_in_scope',
  'declined',
];
const RETURNS: ReturnStatus[] = ['not_started', 'in_progress', 'submitted', 'returned', 'signed_off'];

export async function run(): Promise<Record<string, number | string>> {
  const { db, done } = await scratchDatabase();
  try {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', MACA_DEMO: 'false' });
    const services = createServices({ config, db });
    const { id: partnershipId } = await db
      .insertInto('partnership')
      .values({ name: 'Bench Partnership' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const password = await hashPassword('bench password 1234');
    await createUser(db, {
      partnershipId,
      email: 'coordinator@bench.example',
      displayName: 'Coordinator',
      passwordHash: password,
      roles: ['coordinator'],
      mfaExempt: true,
    });
    const audit = await db
      .insertInto('audit')
      .values({
        partnership_id: partnershipId,
        reference: 'BENCH-MATRIX',
        title: 'Bench matrix audit',
        status: 'returns_open',
        scope_from: '2025-01-01',
        scope_to: '2025-06-30',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('audit_milestone')
      .values({ audit_id: audit.id, kind: 'returns_deadline', label: 'Returns deadline', due_on: '2025-09-30' })
      .execute();
    const caseIds: string[] = [];
    for (let i = 0; i < CASES; i++)
      caseIds.push(
        (
          await db
            .insertInto('audit_case')
            .values({ audit_id: audit.id, reference: `Case ${i + 1}`, position: i + 1 })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    let returns = 0;
    for (let a = 0; a < AGENCIES; a++) {
      const agencyId = (
        await db
          .insertInto('agency')
          .values({ partnership_id: partnershipId, name: `Agency ${String(a + 1).padStart(2, '0')}`, type: 'other' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      const lead = await createUser(db, {
        partnershipId,
        email: `lead${a}@bench.example`,
        displayName: `Lead ${a + 1}`,
        agencyId,
        passwordHash: null,
        roles: ['audit_lead'],
      });
      const auditor = await createUser(db, {
        partnershipId,
        email: `auditor${a}@bench.example`,
        displayName: `Auditor ${a + 1}`,
        agencyId,
        passwordHash: null,
        roles: ['auditor'],
      });
      await db
        .insertInto('audit_agency')
        .values({ audit_id: audit.id, agency_id: agencyId, lead_user_id: lead })
        .execute();
      for (const [c, caseId] of caseIds.entries()) {
        const status = STATUSES[(a * 7 + c * 3) % STATUSES.length]!;
        await db
          .insertInto('involvement')
          .values({
            case_id: caseId,
            agency_id: agencyId,
            status,
            reason: status === 'involved' || status === 'not_known' ? '' : 'Bench reason',
          })
          .execute();
        if (status !== 'involved') continue;
        await db
          .insertInto('agency_return')
          .values({ case_id: caseId, agency_id: agencyId, status: RETURNS[(a + c) % RETURNS.length]! })
          .execute();
        await db
          .insertInto('case_assignment')
          .values({ case_id: caseId, agency_id: agencyId, auditor_user_id: auditor })
          .execute();
        returns++;
      }
    }

    const app = await createApp(services, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const cookie = await signInOverHttp(base, 'coordinator@bench.example', 'bench password 1234');
    const page = (path: string, mustContain: string) => async () => {
      const response = await fetch(`${base}${path}`, { headers: { cookie } });
      const html = await response.text();
      if (response.status !== 200 || !html.includes(mustContain))
        throw new Error(`${path} answered ${response.status}`);
    };
    // A short warm-up so the first measured requests do not pay for template compilation.
    await load(page('/', 'Welcome'), 2, 1);
    await load(page(`/audits/${audit.id}/involvement`, 'Agency 25'), 2, 1);
    await load(page(`/audits/${audit.id}/progress`, 'Agency 25'), 2, 1);
    const home = await load(page('/', 'Welcome'), CONCURRENCY, SECONDS);
    const matrix = await load(page(`/audits/${audit.id}/involvement`, 'Agency 25'), CONCURRENCY, SECONDS);
    const progress = await load(page(`/audits/${audit.id}/progress`, 'Agency 25'), CONCURRENCY, SECONDS);
    await app.close();
    return {
      cases: CASES,
      agencies: AGENCIES,
      cells: CASES * AGENCIES,
      returns,
      concurrency: CONCURRENCY,
      seconds: SECONDS,
      matrixRequestsPerSecond: matrix.perSecond,
      matrixP50Ms: matrix.p50,
      matrixP95Ms: matrix.p95,
      progressRequestsPerSecond: progress.perSecond,
      progressP50Ms: progress.p50,
      progressP95Ms: progress.p95,
      baselineHomeRequestsPerSecond: home.perSecond,
      baselineHomeP95Ms: home.p95,
      matrixRatioToBaseline: Number((matrix.perSecond / home.perSecond).toFixed(3)),
      progressRatioToBaseline: Number((progress.perSecond / home.perSecond).toFixed(3)),
    };
  } finally {
    await done();
  }
}

export default { name, run };
