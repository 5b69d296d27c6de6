import { scopeInWords } from '../../domain/audit-plan.ts';
import type { AuditTool } from '../../domain/audit-tool.ts';
import { ACTION_STATUSES, deriveRag, effectiveStatus } from '../../domain/action-rag.ts';
import { dateInWords } from '../../domain/calendar-date.ts';
import { ALL_AGE_BANDS, childAgeBand, LEGAL_STATUSES } from '../../domain/case-attributes.ts';
import { judgementDistributions, type ScoredJudgement } from '../../domain/judgement-distribution.ts';
import { participationFromReturns, returnsBasis } from '../../domain/participation-returns.ts';
import { AUDIT_STATUS_LABELS } from '../../domain/audit-lifecycle.ts';
import { OVERALL_GRADE_SCALE, overallGrades, overallGradesSentence } from '../../domain/overall-grades.ts';
import { recommendationKindLabel } from '../../domain/recommendation-kinds.ts';
import { NO_CONCERNS, type ReportModel } from './report-model.ts';
import type { ReportSources } from './report-sources.ts';

const RAG_LABELS = { red: 'Red', amber: 'Amber', green: 'Green', complete: 'Complete' } as const;
/** Typed text as written: a browser posts CRLF, and a lone CR prints as a box in the PDF. */
const typed = (text: string) => text.replace(/\r\n?/g, '\n').trim();
const words = (date: string | null) => (date ? dateInWords(date) : '');

const tally = <K extends string>(labels: Record<K, string>, keys: (K | null)[]) =>
  (Object.keys(labels) as K[])
    .map((k) => ({ label: labels[k], count: keys.filter((x) => x === k).length }))
    .filter((r) => r.count > 0);

function concernStatement(concerns: ReportSources['concerns']): string {
  if (concerns.length === 0) return NO_CONCERNS;
  const resolved = concerns.filter((c) => c.outcome).length;
  return (
    `${concerns.length} immediate safeguarding concern${concerns.length === 1 ? ' was' : 's were'} raised during ` +
    'the audit and passed at once to the agency’s safeguarding lead and the coordinator; ' +
    `${resolved} of them ha${resolved === 1 ? 's' : 've'} an outcome recorded.`
  );
}

function addressedTo(s: ReportSources, r: ReportSources['recommendations'][number]): string {
  if (r.addressed_to === 'partnership') return 'The partnership';
  if (r.addressed_to === 'all_agencies') return 'All agencies';
  return s.recommendationAgencies
    .filter((a) => a.recommendation_id === r.id)
    .map((a) => a.name)
    .join(', ');
}

/** The report's model from its rows: pure, so every format and the guard see the same words. */
export function reportFrom(s: ReportSources, on: string): ReportModel {
  const { audit } = s;
  const judgements = scoredJudgements(s);
  const perCase = s.findings.filter((f) => !f.across_cases && f.caseIds.length > 0);
  const across = s.findings.filter((f) => f.across_cases || f.caseIds.length === 0);
  const participation = participationFromReturns(
    s.agencies,
    s.cases.map((c) => c.id),
    s.cells.map((c) => ({ agencyId: c.agency_id, caseId: c.case_id, status: c.status })),
    s.returns.map((r) => ({ agencyId: r.agency_id, caseId: r.case_id })),
    s.waivers.map((w) => ({ agencyId: w.agency_id, caseId: w.case_id })),
  );
  const audited = new Set(participation.casesAudited);
  const grades = overallGrades(
    s.returns.map((r) => ({ agency: r.name, grade: r.overall_grade })),
    OVERALL_GRADE_SCALE,
  );
  const texts = (list: typeof s.findings, kind: string) =>
    list.filter((f) => f.kind === kind).map((f) => typed(f.text));
  return {
    audit: {
      id: audit.id,
      reference: audit.reference,
      title: audit.title,
      theme: audit.theme_label ?? audit.theme_text ?? 'No theme',
      linesOfEnquiry: typed(audit.lines_of_enquiry),
      scope: scopeInWords({
        kind: audit.scope_kind,
        from: audit.scope_from,
        to: audit.scope_to,
        months: audit.scope_months,
        referenceDate: audit.scope_reference_date,
      }),
      methodology: typed(audit.methodology),
      jointPartnerships: audit.joint_partnerships,
      status: AUDIT_STATUS_LABELS[audit.status],
    },
    generatedOn: dateInWords(on),
    milestones: s.milestones.map((m) => ({
      label: m.label,
      due: m.due_on ? dateInWords(m.due_on) : 'Not set',
      done: words(m.done_on),
    })),
    sample: {
      cases: s.cases.length,
      children: s.children.length,
      casesAudited: audited.size,
      childrenAudited: s.children.filter((c) => audited.has(c.case_id)).length,
      legalStatus: tally(
        LEGAL_STATUSES,
        s.children.map((c) => c.legal_status),
      ),
      ageBands: tally(
        ALL_AGE_BANDS,
        s.children.map((c) => childAgeBand(c)),
      ),
    },
    participation: participation.rows,
    returnsCounted: participation.received,
    returnsExpected: participation.expected,
    basis: returnsBasis(participation),
    chronologyEntries: s.chronologyEntries,
    overallGrades: {
      distribution: grades.distribution,
      sentence: overallGradesSentence(grades, returnsBasis(participation)),
    },
    byDomain: judgementDistributions(judgements, 'domain'),
    byAgency: judgementDistributions(
      [...judgements].sort((a, b) => a.agency.localeCompare(b.agency)),
      'agency',
    ),
    concerns: {
      statement: concernStatement(s.concerns),
      items: s.concerns.map((c) => ({
        caseReference: c.reference,
        agencyName: c.name,
        outcome: c.outcome ? typed(c.outcome) : 'Awaiting an outcome',
      })),
    },
    cases: s.cases.map((c) => {
      const own = perCase.filter((f) => f.caseIds.includes(c.id));
      return { reference: c.reference, strengths: texts(own, 'strength'), development: texts(own, 'development') };
    }),
    acrossCases: { strengths: texts(across, 'strength'), development: texts(across, 'development') },
    recommendations: s.recommendations.map((r, i) => ({
      number: i + 1,
      text: typed(r.text),
      kind: recommendationKindLabel(r.kind),
      addressedTo: addressedTo(s, r),
    })),
    actions: s.actions.map((a) => {
      const status = effectiveStatus(a.status, a.due_on, on);
      return {
        text: typed(a.text),
        agency: a.agency_name,
        lead: a.lead_name,
        startOn: words(a.start_on),
        dueOn: words(a.due_on),
        status: ACTION_STATUSES[status],
        rag: RAG_LABELS[deriveRag({ status, startOn: a.start_on, dueOn: a.due_on, today: on })],
      };
    }),
  };
}

/** Every judgement in a submitted or signed-off return, with its domain (the tool's section) and scale. */
function scoredJudgements({ tools, returns, answers }: ReportSources): ScoredJudgement[] {
  if (returns.length === 0 || tools.length === 0) return [];
  const agencyOf = new Map(returns.map((r) => [r.id, r.name]));
  const questions = new Map<string, { domain: string; scale: AuditTool['scales'][number] }>();
  for (const tool of tools) {
    const content = tool.content as AuditTool;
    for (const section of content.sections) {
      for (const q of section.questions) {
        const scale = q.type === 'judgement' ? content.scales.find((sc) => sc.key === q.scale) : undefined;
        if (scale) questions.set(`${tool.id}:${q.key}`, { domain: section.title, scale });
      }
    }
  }
  // Domains in the tool's order, whatever order the answers come in.
  const order = [...new Set([...questions.values()].map((q) => q.domain))];
  return answers
    .flatMap((a) => {
      const q = questions.get(`${a.template_version_id}:${a.question_key}`);
      return q ? [{ agency: agencyOf.get(a.return_id) ?? '', domain: q.domain, scale: q.scale, value: a.answer }] : [];
    })
    .sort((x, y) => order.indexOf(x.domain) - order.indexOf(y.domain));
}
