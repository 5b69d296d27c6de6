import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import { readPostedSection } from '../../src/domain/return-answers.ts';
import { GENERAL_TOOL } from '../../src/domain/shipped-templates.ts';
import { hashPassword } from '../../src/features/auth/passwords.ts';
import { createUser } from '../../src/features/auth/user-repository.ts';
import { ensureShippedTemplates } from '../../src/features/templates/template-repository.ts';
import { createServices } from '../../src/services.ts';
import type { CurrentUser } from '../../src/web/request-context.ts';
import { scratchDatabase, signInOverHttp } from '../support.ts';

/**
 * 200 auditors on loopback saving sections of agency returns at once, as their browsers would:
 * read the section page (its version and CSRF token), post the whole form with that version.
 * Most work on a return of their own; some share a return and save the same sections, so their
 * saves race. Reports saves per second and p95 latency, against the baseline of the same saves
 * made through the return service directly (no HTTP, no pages) in the same run, and then checks
 * in the database that no save was lost or silently overwritten:
 *   - on every section the accepted saves form one chain: their expected versions are exactly
 *     0, 1, ..., k-1 (no two accepted from the same version), and the stored version is k;
 *   - what is stored is the last save of the chain (each earlier one was superseded by a save
 *     that had seen its version);
 *   - every rejected save got the conflict page (409), and another save was accepted from the
 *     version it had seen;
 *   - every accepted save is in the audit log.
 */
export const name = 'concurrent-saves';
const AUDITORS = Number(process.env.BENCH_AUDITORS ?? 200);
const SHARED_RETURNS = Number(process.env.BENCH_SHARED_RETURNS ?? 20);
const SHARERS = Number(process.env.BENCH_SHARERS ?? 40);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const PASSWORD = 'bench password 1234';
const CONTENDED_SECTIONS = ['referral', 'voice'];

type Save = {
  auditor: number;
  returnId: string;
  section: string;
  expected: number;
  marker: string;
  status: number;
  conflictPage: boolean;
  ms: number;
};

function form(section: (typeof GENERAL_TOOL.sections)[number], marker: string): Record<string, string> {
  const body: Record<string, string> = {
    workedWell: `Worked well ${marker}`,
    areasForDevelopment: '',
    mode: 'complete',
  };
  for (const q of section.questions) {
    const scale = GENERAL_TOOL.scales.find((s) => s.key === q.scale)!;
    body[`a_${q.key}`] = scale.values[1]!.value;
    body[`e_${q.key}`] = `Record entry 3 March shows this (${marker}).`;
  }
  return body;
}

function percentile(sorted: number[], q: number): number {
  return Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(2));
}

async function setUp(db: Db, cases: number) {
  const { id: partnershipId } = await db
    .insertInto('partnership')
    .values({ name: 'Bench Partnership' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const agencyId = (
    await db
      .insertInto('agency')
      .values({ partnership_id: partnershipId, name: 'Bench Police', type: 'police' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const audit = await db
    .insertInto('audit')
    .values({ partnership_id: partnershipId, reference: 'BENCH-SAVES', title: 'Bench audit', status: 'returns_open' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('audit_agency').values({ audit_id: audit.id, agency_id: agencyId }).execute();
  await ensureShippedTemplates(db, partnershipId);
  const version = await db
    .selectFrom('template_version as v')
    .innerJoin('tool_template as t', 't.id', 'v.template_id')
    .select('v.id')
    .where('t.partnership_id', '=', partnershipId)
    .where('t.shipped_key', '=', 'general')
    .executeTakeFirstOrThrow();
  await db.insertInto('audit_tool').values({ audit_id: audit.id, template_version_id: version.id }).execute();
  const caseRows = await db
    .insertInto('audit_case')
    .values(
      Array.from({ length: cases }, (_, i) => ({ audit_id: audit.id, reference: `Case ${i + 1}`, position: i + 1 })),
    )
    .returning('id')
    .execute();
  await db
    .insertInto('involvement')
    .values(caseRows.map((c) => ({ case_id: c.id, agency_id: agencyId, status: 'involved' as const })))
    .execute();
  const returns = await db
    .insertInto('agency_return')
    .values(caseRows.map((c) => ({ case_id: c.id, agency_id: agencyId })))
    .returning('id')
    .execute();
  return { partnershipId, agencyId, versionId: version.id, returnIds: returns.map((r) => r.id) };
}

export async function run(): Promise<Record<string, number | string>> {
  const { db, done } = await scratchDatabase();
  try {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', MACA_DEMO: 'false' });
    const own = AUDITORS - SHARERS;
    // Returns 0..own-1 belong to one auditor each; the sharers also work on returns 0..SHARED_RETURNS-1.
    // A second set of returns, the same size, is for the baseline.
    const { partnershipId, agencyId, versionId, returnIds } = await setUp(db, own * 2);
    const passwordHash = await hashPassword(PASSWORD);
    const users: { id: string; email: string }[] = [];
    for (let i = 0; i < AUDITORS; i++) {
      const email = `auditor${i}@bench.example`;
      users.push({
        id: await createUser(db, {
          partnershipId,
          email,
          displayName: `Auditor ${i}`,
          agencyId,
          passwordHash,
          roles: ['auditor'],
          mfaExempt: true,
        }),
        email,
      });
    }
    const services = createServices({ config, db });
    const app = await createApp(services, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const cookies: string[] = [];
    for (let i = 0; i < AUDITORS; i += 10)
      cookies.push(...(await Promise.all(users.slice(i, i + 10).map((u) => signInOverHttp(base, u.email, PASSWORD)))));

    const saves: Save[] = [];
    const cycles: number[] = [];
    let errors = 0;
    const until = performance.now() + SECONDS * 1000;
    const started = performance.now();
    await Promise.all(
      users.map(async (_, auditor) => {
        const shared = auditor >= own;
        const returnId = returnIds[shared ? (auditor - own) % SHARED_RETURNS : auditor]!;
        const contended = shared || auditor < SHARED_RETURNS;
        for (let n = 0; performance.now() < until; n++) {
          const section = contended
            ? GENERAL_TOOL.sections.find(
                (s) => s.key === CONTENDED_SECTIONS[(auditor + n) % CONTENDED_SECTIONS.length],
              )!
            : GENERAL_TOOL.sections[n % GENERAL_TOOL.sections.length]!;
          const path = `/returns/${returnId}/sections/${versionId}/${section.key}`;
          const t0 = performance.now();
          try {
            const page = await fetch(`${base}${path}`, { headers: { cookie: cookies[auditor]! } });
            const html = await page.text();
            const expected = Number(/name="version" value="(\d+)"/.exec(html)?.[1]);
            const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
            if (page.status !== 200 || !token || !Number.isInteger(expected))
              throw new Error(`section page answered ${page.status}`);
            const marker = `a${auditor}-n${n}`;
            const t1 = performance.now();
            const response = await fetch(`${base}${path}`, {
              method: 'POST',
              redirect: 'manual',
              headers: { cookie: cookies[auditor]!, 'content-type': 'application/x-www-form-urlencoded' },
              body: new URLSearchParams({ ...form(section, marker), version: String(expected), _csrf: token }),
            });
            const body = await response.text();
            saves.push({
              auditor,
              returnId,
              section: section.key,
              expected,
              marker,
              status: response.status,
              conflictPage: body.includes('Someone else saved this section while you were working'),
              ms: performance.now() - t1,
            });
            cycles.push(performance.now() - t0);
          } catch {
            errors++;
          }
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    await app.close();

    const verdict = await verify(db, saves, versionId);
    const accepted = saves.filter((s) => s.status === 303);
    const latencies = saves.map((s) => s.ms).sort((a, b) => a - b);
    const cycleTimes = cycles.sort((a, b) => a - b);

    // Baseline: the same saves through the return service, same concurrency, no HTTP and no pages.
    const baselineReturns = returnIds.slice(own);
    const principal = await db
      .selectFrom('app_user')
      .select(['id', 'email', 'display_name'])
      .where('id', '=', users[0]!.id)
      .executeTakeFirstOrThrow();
    const user: CurrentUser = {
      id: principal.id,
      partnershipId,
      agencyId,
      roles: ['auditor'],
      active: true,
      email: principal.email,
      partnershipName: 'Bench Partnership',
      displayName: principal.display_name,
      agencyName: 'Bench Police',
      mfaExempt: true,
    };
    const actor = { userId: principal.id, partnershipId, correlationId: 'bench', ip: null };
    const versions = new Map<string, number>();
    let baselineSaves = 0;
    const baselineUntil = performance.now() + SECONDS * 1000;
    const baselineStarted = performance.now();
    await Promise.all(
      baselineReturns.map(async (returnId, i) => {
        for (let n = 0; performance.now() < baselineUntil; n++) {
          const section = GENERAL_TOOL.sections[n % GENERAL_TOOL.sections.length]!;
          const key = `${returnId}/${section.key}`;
          const outcome = await services.returns.saveSection(
            user,
            {
              returnId,
              templateVersionId: versionId,
              sectionKey: section.key,
              expectedVersion: versions.get(key) ?? 0,
              posted: readPostedSection(form(section, `b${i}-n${n}`)),
              mode: 'complete',
            },
            actor,
          );
          if (outcome.kind !== 'saved') throw new Error(`baseline save was ${outcome.kind}`);
          versions.set(key, outcome.version);
          baselineSaves++;
        }
      }),
    );
    const baselinePerSecond = Math.round(baselineSaves / ((performance.now() - baselineStarted) / 1000));
    const savesPerSecond = Math.round(accepted.length / elapsed);
    return {
      auditors: AUDITORS,
      sharedReturns: SHARED_RETURNS,
      seconds: SECONDS,
      posts: saves.length,
      accepted: accepted.length,
      conflicts: saves.filter((s) => s.status === 409).length,
      errors: errors + saves.filter((s) => s.status !== 303 && s.status !== 409).length,
      savesPerSecond,
      saveP50Ms: percentile(latencies, 0.5),
      saveP95Ms: percentile(latencies, 0.95),
      pageAndSaveP95Ms: percentile(cycleTimes, 0.95),
      baselineServiceSavesPerSecond: baselinePerSecond,
      ratioToBaseline: Number((savesPerSecond / baselinePerSecond).toFixed(3)),
      sectionsChecked: verdict.sections,
      lostOrOverwritten: verdict.lost,
      unjustifiedConflicts: verdict.unjustified,
      missingFromAuditLog: verdict.unlogged,
    };
  } finally {
    await done();
  }
}

/** The database afterwards, against every save each auditor was told about. */
async function verify(
  db: Db,
  saves: Save[],
  versionId: string,
): Promise<{ sections: number; lost: number; unjustified: number; unlogged: number }> {
  const bySection = new Map<string, Save[]>();
  for (const save of saves) {
    const key = `${save.returnId}/${save.section}`;
    bySection.set(key, [...(bySection.get(key) ?? []), save]);
  }
  let lost = 0;
  let unjustified = 0;
  const problems: string[] = [];
  for (const [key, list] of bySection) {
    const [returnId, section] = key.split('/') as [string, string];
    const accepted = list.filter((s) => s.status === 303).sort((a, b) => a.expected - b.expected);
    const stored = await db
      .selectFrom('return_section')
      .select(['version', 'worked_well'])
      .where('return_id', '=', returnId)
      .where('template_version_id', '=', versionId)
      .where('section_key', '=', section)
      .executeTakeFirst();
    const firstQuestion = GENERAL_TOOL.sections.find((s) => s.key === section)!.questions[0]!.key;
    const answer = await db
      .selectFrom('return_answer')
      .select('evidence')
      .where('return_id', '=', returnId)
      .where('question_key', '=', firstQuestion)
      .executeTakeFirst();
    // One chain: expected versions 0..k-1, each accepted save built on the one before it.
    const chain = accepted.every((s, i) => s.expected === i);
    const last = accepted[accepted.length - 1];
    const present =
      !last ||
      (stored?.version === accepted.length &&
        stored.worked_well === `Worked well ${last.marker}` &&
        answer?.evidence.includes(`(${last.marker})`));
    if (!chain || !present) {
      // Two saves accepted from the same version: one overwrote the other unseen. A stored state that is not
      // the last save: lost.
      lost += accepted.length - new Set(accepted.map((s) => s.expected)).size + (present ? 0 : 1);
      problems.push(
        `${key}: accepted from versions ${accepted.map((s) => s.expected).join(',')}, stored ` +
          `version ${stored?.version}`,
      );
    }
    const wonFrom = new Set(accepted.map((s) => s.expected));
    for (const rejected of list.filter((s) => s.status === 409)) {
      if (!rejected.conflictPage || !wonFrom.has(rejected.expected)) {
        unjustified++;
        problems.push(
          `${key}: ${rejected.marker} refused from version ${rejected.expected} without a winning save from it`,
        );
      }
    }
  }
  const logged = await db
    .selectFrom('audit_log')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('action', '=', 'return.section-saved')
    .executeTakeFirstOrThrow();
  const unlogged = Math.max(0, saves.filter((s) => s.status === 303).length - Number(logged.n));
  if (problems.length) process.stderr.write(`concurrent-saves found problems:\n${problems.slice(0, 20).join('\n')}\n`);
  return { sections: bySection.size, lost, unjustified, unlogged };
}

export default { name, run };
