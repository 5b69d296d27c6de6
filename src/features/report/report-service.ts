import type { Db } from '../../db/database.ts';
import { scopeInWords } from '../../domain/audit-plan.ts';
import type { AuditTool } from '../../domain/audit-tool.ts';
import { ACTION_STATUSES } from '../../domain/action-rag.ts';
import { dateInWords } from '../../domain/calendar-date.ts';
import { ALL_AGE_BANDS, childAgeBand, LEGAL_STATUSES } from '../../domain/case-attributes.ts';
import { judgementDistributions, type ScoredJudgement } from '../../domain/judgement-distribution.ts';
import { participationTable } from '../../domain/participation.ts';
import { AUDIT_STATUS_LABELS } from '../../domain/audit-lifecycle.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { NotFound } from '../../web/errors.ts';
import { withRag, today } from '../actions/action-service.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { auditForUser, isUuid } from '../audits/audit-access.ts';
import { findAudit, listMilestones } from '../audits/audit-repository.ts';
import { listFindings } from '../meeting/meeting-repository.ts';
import { NO_CONCERNS, type ReportModel } from './report-model.ts';

export type ReportFormat = 'page' | 'html' | 'docx' | 'pdf' | 'xlsx' | 'csv';
const RAG_LABELS = { red: 'Red', amber: 'Amber', green: 'Green', complete: 'Complete' } as const;
const words = (date: string | null) => (date ? dateInWords(date) : '');

/** Builds the report from the audit's records. Never reads case_identity. */
export async function buildReport(db: Db, partnershipId: string, auditId: string, on = today()): Promise<ReportModel> {
  const audit = await findAudit(db, partnershipId, auditId);
  if (!audit) throw new NotFound();
  const [
    milestones,
    agencies,
    cases,
    children,
    cells,
    tools,
    returns,
    concerns,
    findings,
    recommendations,
    actions,
    chronology,
  ] = await Promise.all([
    listMilestones(db, audit.id),
    db
      .selectFrom('audit_agency as aa')
      .innerJoin('agency as g', 'g.id', 'aa.agency_id')
      .select(['g.id', 'g.name'])
      .where('aa.audit_id', '=', audit.id)
      .orderBy('g.name')
      .execute(),
    db
      .selectFrom('audit_case')
      .select(['id', 'reference'])
      .where('audit_id', '=', audit.id)
      .orderBy('position')
      .orderBy('reference')
      .execute(),
    db
      .selectFrom('case_child as ch')
      .innerJoin('audit_case as c', 'c.id', 'ch.case_id')
      .select(['ch.unborn', 'ch.age_years', 'ch.age_band', 'ch.legal_status'])
      .where('c.audit_id', '=', audit.id)
      .execute(),
    db
      .selectFrom('involvement as i')
      .innerJoin('audit_case as c', 'c.id', 'i.case_id')
      .select(['i.case_id', 'i.agency_id', 'i.status'])
      .where('c.audit_id', '=', audit.id)
      .execute(),
    db
      .selectFrom('audit_tool as t')
      .innerJoin('template_version as v', 'v.id', 't.template_version_id')
      .select(['v.id', 'v.content'])
      .where('t.audit_id', '=', audit.id)
      .orderBy('t.position')
      .execute(),
    db
      .selectFrom('agency_return as r')
      .innerJoin('audit_case as c', 'c.id', 'r.case_id')
      .innerJoin('agency as g', 'g.id', 'r.agency_id')
      .select(['r.id', 'g.name'])
      .where('c.audit_id', '=', audit.id)
      .where('r.status', 'in', ['submitted', 'signed_off'])
      .execute(),
    db
      .selectFrom('immediate_concern as x')
      .innerJoin('audit_case as c', 'c.id', 'x.case_id')
      .innerJoin('agency as g', 'g.id', 'x.agency_id')
      .select(['c.reference', 'g.name', 'x.outcome'])
      .where('x.audit_id', '=', audit.id)
      .orderBy('x.created_at')
      .execute(),
    listFindings(db, audit.id),
    db
      .selectFrom('recommendation')
      .select(['id', 'text', 'addressed_to'])
      .where('audit_id', '=', audit.id)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('action as x')
      .innerJoin('audit as a', 'a.id', 'x.audit_id')
      .innerJoin('agency as g', 'g.id', 'x.agency_id')
      .innerJoin('app_user as u', 'u.id', 'x.lead_user_id')
      .select([
        'x.id',
        'x.audit_id',
        'a.title as audit_title',
        'a.partnership_id',
        'x.text',
        'x.agency_id',
        'g.name as agency_name',
        'x.lead_user_id',
        'u.display_name as lead_name',
        'x.start_on',
        'x.due_on',
        'x.status',
        'x.reaudit_on',
        'x.evidence_completion',
        'x.evidence_impact',
        'x.version',
        'x.recommendation_id',
        'x.updated_at',
      ])
      .where('x.audit_id', '=', audit.id)
      .orderBy('x.due_on')
      .execute(),
    db
      .selectFrom('chronology_entry as e')
      .innerJoin('audit_case as c', 'c.id', 'e.case_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('c.audit_id', '=', audit.id)
      .executeTakeFirstOrThrow(),
  ]);

  const judgements = await scoredJudgements(db, tools, returns);
  const recommendationAgencies = recommendations.length
    ? await db
        .selectFrom('recommendation_agency as ra')
        .innerJoin('agency as g', 'g.id', 'ra.agency_id')
        .select(['ra.recommendation_id', 'g.name'])
        .where(
          'ra.recommendation_id',
          'in',
          recommendations.map((r) => r.id),
        )
        .orderBy('g.name')
        .execute()
    : [];

  const tally = <K extends string>(labels: Record<K, string>, keys: (K | null)[]) =>
    (Object.keys(labels) as K[])
      .map((k) => ({ label: labels[k], count: keys.filter((x) => x === k).length }))
      .filter((r) => r.count > 0);
  const perCase = findings.filter((f) => !f.acrossCases && f.caseIds.length > 0);
  const across = findings.filter((f) => f.acrossCases || f.caseIds.length === 0);

  return {
    audit: {
      id: audit.id,
      reference: audit.reference,
      title: audit.title,
      theme: audit.theme,
      linesOfEnquiry: audit.linesOfEnquiry,
      scope: scopeInWords(audit.scope),
      methodology: audit.methodology,
      jointPartnerships: audit.jointPartnerships,
      status: AUDIT_STATUS_LABELS[audit.status],
    },
    generatedOn: dateInWords(on),
    milestones: milestones.map((m) => ({
      label: m.label,
      due: m.due ? dateInWords(m.due) : 'Not set',
      done: words(m.done),
    })),
    sample: {
      cases: cases.length,
      children: children.length,
      legalStatus: tally(
        LEGAL_STATUSES,
        children.map((c) => c.legal_status),
      ),
      ageBands: tally(
        ALL_AGE_BANDS,
        children.map((c) => childAgeBand(c)),
      ),
    },
    participation: participationTable(
      agencies,
      cases.map((c) => c.id),
      cells.map((c) => ({ agencyId: c.agency_id, caseId: c.case_id, status: c.status })),
    ),
    returnsCounted: returns.length,
    chronologyEntries: Number(chronology.n),
    byDomain: judgementDistributions(judgements, 'domain'),
    byAgency: judgementDistributions(
      [...judgements].sort((a, b) => a.agency.localeCompare(b.agency)),
      'agency',
    ),
    concerns: {
      statement: concerns.length
        ? `${concerns.length} immediate safeguarding concern${concerns.length === 1 ? ' was' : 's were'} raised during the audit and passed at once to the agency’s safeguarding lead and the coordinator; ${concerns.filter((c) => c.outcome).length} of them ha${concerns.filter((c) => c.outcome).length === 1 ? 's' : 've'} an outcome recorded.`
        : NO_CONCERNS,
      items: concerns.map((c) => ({
        caseReference: c.reference,
        agencyName: c.name,
        outcome: c.outcome ?? 'Awaiting an outcome',
      })),
    },
    cases: cases.map((c) => ({
      reference: c.reference,
      strengths: perCase.filter((f) => f.kind === 'strength' && f.caseIds.includes(c.id)).map((f) => f.text),
      development: perCase.filter((f) => f.kind === 'development' && f.caseIds.includes(c.id)).map((f) => f.text),
    })),
    acrossCases: {
      strengths: across.filter((f) => f.kind === 'strength').map((f) => f.text),
      development: across.filter((f) => f.kind === 'development').map((f) => f.text),
    },
    recommendations: recommendations.map((r, i) => ({
      number: i + 1,
      text: r.text,
      addressedTo:
        r.addressed_to === 'partnership'
          ? 'The partnership'
          : r.addressed_to === 'all_agencies'
            ? 'All agencies'
            : recommendationAgencies
                .filter((a) => a.recommendation_id === r.id)
                .map((a) => a.name)
                .join(', '),
    })),
    actions: actions.map((row) => {
      const a = withRag(row, on);
      return {
        text: a.text,
        agency: a.agency_name,
        lead: a.lead_name,
        startOn: words(a.start_on),
        dueOn: words(a.due_on),
        status: ACTION_STATUSES[a.shownStatus],
        rag: RAG_LABELS[a.rag],
      };
    }),
  };
}

/** Every judgement in a submitted or signed-off return, with its domain (the tool's section) and scale. */
async function scoredJudgements(
  db: Db,
  tools: { id: string; content: unknown }[],
  returns: { id: string; name: string }[],
): Promise<ScoredJudgement[]> {
  if (returns.length === 0 || tools.length === 0) return [];
  const answers = await db
    .selectFrom('return_answer')
    .select(['return_id', 'template_version_id', 'question_key', 'answer'])
    .where(
      'return_id',
      'in',
      returns.map((r) => r.id),
    )
    .where('answer', '!=', '')
    .execute();
  const agencyOf = new Map(returns.map((r) => [r.id, r.name]));
  const questions = new Map<string, { domain: string; scale: AuditTool['scales'][number] }>();
  for (const tool of tools) {
    const content = tool.content as AuditTool;
    for (const section of content.sections) {
      for (const q of section.questions) {
        const scale = q.type === 'judgement' ? content.scales.find((s) => s.key === q.scale) : undefined;
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

export function createReportService(db: Db) {
  return {
    /** The report for a person allowed to read it; every view and download is in the audit log. */
    async forUser(user: CurrentUser, auditId: string, format: ReportFormat, actor: Actor): Promise<ReportModel> {
      const { audit, model } = await this.open(user, auditId);
      await this.logged(actor, audit.id, format);
      return model;
    },

    /** The report and its audit for a person allowed to read it, not yet logged (the guard decides first). */
    async open(user: CurrentUser, auditId: string) {
      if (!isUuid(auditId)) throw new NotFound();
      const audit = await auditForUser(db, user, auditId, 'report:read');
      return { audit, model: await buildReport(db, audit.partnershipId, audit.id) };
    },

    /** A view or download, or a download the redaction guard blocked (with the number of hits). */
    async logged(actor: Actor, auditId: string, format: ReportFormat | 'json', blockedHits?: number): Promise<void> {
      const action =
        blockedHits !== undefined
          ? 'report.download-blocked'
          : format === 'page'
            ? 'report.viewed'
            : 'report.downloaded';
      await appendAuditLog(db, actor, {
        action,
        recordType: 'audit',
        recordId: auditId,
        detail: blockedHits !== undefined ? { format, hits: blockedHits } : { format },
      });
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
