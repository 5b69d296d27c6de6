import type { AuditTool } from '../../src/domain/audit-tool.ts';
import { hashPassword } from '../../src/features/auth/passwords.ts';
import { createUser } from '../../src/features/auth/user-repository.ts';
import { fingerprint } from '../../src/features/chronology/chronology-repository.ts';
import { reportDocx } from '../../src/features/report/report-docx.ts';
import { reportPdf } from '../../src/features/report/report-pdf.ts';
import { buildReport } from '../../src/features/report/report-service.ts';
import { ensureShippedTemplates } from '../../src/features/templates/template-repository.ts';
import { scratchDatabase } from '../support.ts';

/**
 * The report to the subgroup as Word and as PDF for a large audit: 20 cases, 15 agencies (each
 * involved in every case, so 300 submitted returns answering every judgement of the general tool),
 * 3,000 chronology entries, 60 findings, 10 recommendations and 30 actions. Time per document and
 * peak memory: building the model (the database reads, the baseline) and rendering each document
 * from it, timed apart; the ratio is the whole (model and document) to the model alone.
 */
export const name = 'report';
const CASES = 20;
const AGENCIES = 15;
const ENTRIES = 3000;
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 5);
const GRADES = ['outstanding', 'good', 'requires_improvement', 'inadequate'];
const YPN = ['yes', 'partly', 'no', 'not_applicable'];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function run(): Promise<Record<string, number | string>> {
  const { db, done } = await scratchDatabase();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const { id: partnershipId } = await db
      .insertInto('partnership')
      .values({ name: 'Bench' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const agencies: string[] = [];
    for (let i = 0; i < AGENCIES; i++)
      agencies.push(
        (
          await db
            .insertInto('agency')
            .values({ partnership_id: partnershipId, name: `Agency ${String(i + 1).padStart(2, '0')}`, type: 'other' })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    const audit = await db
      .insertInto('audit')
      .values({
        partnership_id: partnershipId,
        reference: 'BENCH-REPORT',
        title: 'Bench audit',
        status: 'reporting',
        theme_text: 'Domestic abuse',
        lines_of_enquiry: 'Voice of the child; MARAC outcomes.',
        methodology: 'Bench data.',
        scope_from: '2015-01-01',
        scope_to: '2025-12-31',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const agencyId of agencies)
      await db.insertInto('audit_agency').values({ audit_id: audit.id, agency_id: agencyId }).execute();
    await ensureShippedTemplates(db, partnershipId);
    const tool = await db
      .selectFrom('template_version as v')
      .innerJoin('tool_template as t', 't.id', 'v.template_id')
      .select(['v.id', 'v.content'])
      .where('t.partnership_id', '=', partnershipId)
      .where('t.shipped_key', '=', 'general')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('audit_tool')
      .values({ audit_id: audit.id, template_version_id: tool.id, position: 0 })
      .execute();
    const questions = (tool.content as unknown as AuditTool).sections.flatMap((s) =>
      s.questions.filter((q) => q.type === 'judgement'),
    );
    const lead = await createUser(db, {
      partnershipId,
      email: 'lead@bench.example',
      displayName: 'Bench Lead',
      agencyId: agencies[0]!,
      passwordHash: await hashPassword('bench password 1234'),
      roles: ['action_owner'],
    });

    const caseIds: string[] = [];
    let answers = 0;
    for (let c = 0; c < CASES; c++) {
      const kase = await db
        .insertInto('audit_case')
        .values({ audit_id: audit.id, reference: `Case ${c + 1}`, position: c + 1 })
        .returning('id')
        .executeTakeFirstOrThrow();
      caseIds.push(kase.id);
      await db
        .insertInto('case_child')
        .values({
          case_id: kase.id,
          pseudonym: 'Child A',
          age_band: ['under_1', '1_4', '5_9', '10_15', '16_17'][c % 5]!,
          legal_status: (['early_help', 'child_in_need', 'child_protection', 'looked_after'] as const)[c % 4]!,
        })
        .execute();
      await db
        .insertInto('involvement')
        .values(agencies.map((agency_id) => ({ case_id: kase.id, agency_id, status: 'involved' as const })))
        .execute();
      const returns = await db
        .insertInto('agency_return')
        .values(agencies.map((agency_id) => ({ case_id: kase.id, agency_id, status: 'submitted' as const })))
        .returning('id')
        .execute();
      const rows = returns.flatMap((r, a) =>
        questions.map((q, n) => ({
          return_id: r.id,
          template_version_id: tool.id,
          question_key: q.key,
          answer: q.scale === 'ofsted' ? GRADES[(a + n + c) % 4]! : YPN[(a + n + c) % 4]!,
          evidence: `Evidence ${a}-${n}`,
        })),
      );
      await db.insertInto('return_answer').values(rows).execute();
      answers += rows.length;
      for (let f = 0; f < 3; f++) {
        const finding = await db
          .insertInto('finding')
          .values({
            audit_id: audit.id,
            kind: f === 0 ? 'strength' : 'development',
            text:
              `Finding ${f + 1} for case ${c + 1}: information about the family was not shared ` +
              `with the school when the police knew of the incident.`,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await db.insertInto('finding_case').values({ finding_id: finding.id, case_id: kase.id }).execute();
      }
    }
    const entries = Array.from({ length: ENTRIES }, (_, i) => {
      const date = `${2015 + (i % 10)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      const event = `Entry ${i}`;
      return {
        case_id: caseIds[i % CASES]!,
        agency_id: agencies[i % AGENCIES]!,
        date_from: date,
        date_to: date,
        precision: 'day' as const,
        event,
        category: 'other',
        fingerprint: fingerprint({ from: date, to: date, category: 'other', event }),
      };
    });
    for (let i = 0; i < entries.length; i += 1000)
      await db
        .insertInto('chronology_entry')
        .values(entries.slice(i, i + 1000))
        .execute();
    for (let r = 0; r < 10; r++) {
      const rec = await db
        .insertInto('recommendation')
        .values({
          audit_id: audit.id,
          text: `Recommendation ${r + 1}: agencies should confirm MARAC outcomes reach every practitioner.`,
          addressed_to: 'all_agencies',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (let a = 0; a < 3; a++)
        await db
          .insertInto('action')
          .values({
            audit_id: audit.id,
            recommendation_id: rec.id,
            text: `Action ${r + 1}.${a + 1}: brief every team on the new MARAC procedure.`,
            agency_id: agencies[(r + a) % AGENCIES]!,
            lead_user_id: lead,
            start_on: '2026-01-01',
            due_on: '2099-12-31',
            status: 'on_track',
          })
          .execute();
    }

    const timed = async <T>(fn: () => Promise<T>) => {
      const t0 = performance.now();
      const value = await fn();
      return { ms: performance.now() - t0, value };
    };
    // A first run of each warms the modules; then the median of RUNS.
    await reportDocx(await buildReport(db, partnershipId, audit.id));
    await reportPdf(await buildReport(db, partnershipId, audit.id));
    const model: number[] = [];
    const docx: number[] = [];
    const pdf: number[] = [];
    let docxBytes = 0;
    let pdfBytes = 0;
    const before = peak;
    for (let i = 0; i < RUNS; i++) {
      const built = await timed(() => buildReport(db, partnershipId, audit.id));
      model.push(built.ms);
      const d = await timed(() => reportDocx(built.value));
      docx.push(d.ms);
      docxBytes = d.value.length;
      const p = await timed(() => reportPdf(built.value));
      pdf.push(p.ms);
      pdfBytes = p.value.length;
    }
    const m = median(model);
    return {
      cases: CASES,
      agencies: AGENCIES,
      chronologyEntries: ENTRIES,
      returns: CASES * AGENCIES,
      judgements: answers,
      runs: RUNS,
      modelMs: Number(m.toFixed(1)),
      docxRenderMs: Number(median(docx).toFixed(1)),
      pdfRenderMs: Number(median(pdf).toFixed(1)),
      docxTotalMs: Number((m + median(docx)).toFixed(1)),
      pdfTotalMs: Number((m + median(pdf)).toFixed(1)),
      docxKilobytes: Math.round(docxBytes / 1024),
      pdfKilobytes: Math.round(pdfBytes / 1024),
      peakRssMegabytes: Math.round(peak / 1024 / 1024),
      peakRssBeforeRunsMegabytes: Math.round(before / 1024 / 1024),
      docxTotalRatioToModel: Number(((m + median(docx)) / m).toFixed(2)),
      pdfTotalRatioToModel: Number(((m + median(pdf)) / m).toFixed(2)),
    };
  } finally {
    clearInterval(sampler);
    await done();
  }
}

export default { name, run };
