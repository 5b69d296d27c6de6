import { MONTHS } from '../../domain/calendar-date.ts';
import type { Executor } from '../../db/transaction.ts';
import type { BriefingModel } from '../../domain/briefing-template.ts';
import { dateInWords, todayInLondon } from '../../domain/calendar-date.ts';
import type { AuditInContext } from '../audits/audit-access.ts';
import { participationFromReturns, returnsBasis } from '../../domain/participation-returns.ts';
import { OVERALL_GRADE_SCALE, overallGrades, overallGradesSentence } from '../../domain/overall-grades.ts';
import { briefingModelRows } from './briefing-model-repository.ts';

/** What a briefing template is filled from: the audit's pseudonymous facts and agreed learning only. */
export async function loadBriefingModel(db: Executor, audit: AuditInContext): Promise<BriefingModel> {
  const [
    row,
    partnership,
    cases,
    children,
    agencies,
    involved,
    findings,
    findingCases,
    recommendations,
    actions,
    themes,
    concerns,
    received,
    waivers,
  ] = await briefingModelRows(db, audit);
  // Every count from the returns received, never from the involvement recorded (issue 12).
  const participation = participationFromReturns(
    agencies,
    cases.map((c) => c.id),
    involved.map((c) => ({ agencyId: c.agency_id, caseId: c.case_id, status: c.status })),
    received.map((r) => ({ agencyId: r.agency_id, caseId: r.case_id })),
    waivers.map((w) => ({ agencyId: w.agency_id, caseId: w.case_id })),
  );
  const audited = new Set(participation.casesAudited);
  const scope =
    row.scope_kind === 'months' && row.scope_months && row.scope_reference_date
      ? `the ${row.scope_months} months to ${dateInWords(row.scope_reference_date)}`
      : row.scope_from && row.scope_to
        ? `${dateInWords(row.scope_from)} to ${dateInWords(row.scope_to)}`
        : 'as agreed for the audit';
  const yearSource = row.scope_to ?? row.scope_reference_date;
  const today = todayInLondon();
  return {
    partnership: { name: partnership.name },
    audit: {
      title: row.title,
      reference: row.reference,
      theme: (row.theme_label ?? row.theme_text ?? 'the audit theme').toLowerCase(),
      scope,
      methodology: row.methodology,
      linesOfEnquiry: row.lines_of_enquiry,
      year: yearSource ? yearSource.slice(0, 4) : String(row.created_at.getFullYear()),
    },
    counts: {
      cases: audited.size,
      children: children.filter((c) => audited.has(c.case_id)).length,
      casesSelected: cases.length,
      agencies: agencies.length,
      agenciesInvolved: participation.agenciesAudited,
      returnsReceived: participation.received,
      returnsExpected: participation.expected,
    },
    returnsBasis: returnsBasis(participation),
    overallGrades: overallGradesSentence(
      overallGrades(
        received.map((r) => ({ agency: r.agency_id, grade: r.overall_grade })),
        OVERALL_GRADE_SCALE,
      ),
      returnsBasis(participation),
    ),
    participation: participation.rows.map((p) => ({ agency: p.agencyName, text: p.text })),
    findings: findings.map((f) => ({
      kind: f.kind,
      text: f.text,
      acrossCases: f.across_cases,
      caseRefs: findingCases.filter((c) => c.finding_id === f.id).map((c) => c.reference),
    })),
    recommendations: recommendations.map((r) => r.text),
    actions: actions.map((a) => ({
      text: a.text,
      agency: a.name,
      status: a.status,
      complete: a.status === 'complete',
    })),
    themes: themes.map((t) => ({ label: t.label, findings: Number(t.n) })),
    concerns: { raised: concerns.length, awaitingOutcome: concerns.filter((c) => !c.outcome).length },
    today: `${MONTHS[Number(today.slice(5, 7)) - 1]} ${today.slice(0, 4)}`,
  };
}
