import type { Db } from '../../db/database.ts';
import { can, type Action } from '../../domain/authorisation.ts';
import {
  findIdentifyingDetails,
  hitForViewer,
  REDACTION_KIND_LABELS,
  type RedactionHit,
} from '../../domain/redaction-guard.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import type { AuditInContext } from '../audits/audit-access.ts';
import type { RedactionTermService } from '../briefings/redaction-terms.ts';
import { reportPlainText, type ReportModel } from './report-model.ts';

/** The record a hit's words come from, so the person knows what to correct. */
export type ReportRecordKind = 'finding' | 'recommendation' | 'action' | 'concern' | 'audit' | 'report';
export type ReportHit = {
  hit: RedactionHit;
  source: 'case' | 'custom';
  record: { kind: ReportRecordKind; id?: string };
};

export const RECORD_LABELS: Record<ReportRecordKind, string> = {
  finding: 'a finding',
  recommendation: 'a recommendation',
  action: 'an action in the action plan',
  concern: 'an immediate concern’s outcome',
  audit: 'the audit’s plan (title, theme, lines of enquiry, methodology)',
  report: 'the report’s other words (an agency or a milestone)',
};

type Candidate = { kind: ReportRecordKind; id?: string; text: string };

/**
 * The redaction guard over every word of the report (`reportPlainText`), before it leaves the
 * service or is shown: the audit's identifying details and the coordinator's words to check for.
 * Each hit says which record holds the words (the line of plain text it falls in, matched against
 * the audit's findings, recommendations, actions, concern outcomes and plan).
 */
export async function guardReport(
  db: Db,
  terms: RedactionTermService,
  audit: Pick<AuditInContext, 'id' | 'partnershipId'>,
  model: ReportModel,
  actor: Actor,
): Promise<ReportHit[]> {
  const all = await terms.forAudit(audit, actor);
  if (all.length === 0) return [];
  const text = reportPlainText(model);
  const knownWords = [
    ...(await db.selectFrom('partnership').select('name').where('id', '=', audit.partnershipId).execute()).map(
      (p) => p.name,
    ),
    ...(
      await db
        .selectFrom('audit_agency as aa')
        .innerJoin('agency as g', 'g.id', 'aa.agency_id')
        .select('g.name')
        .where('aa.audit_id', '=', audit.id)
        .execute()
    ).map((g) => g.name),
  ];
  const hits = findIdentifyingDetails(text, all, { knownWords });
  if (hits.length === 0) return [];
  const candidates = await recordsOf(db, model, audit.id);
  return hits.map((hit) => ({ hit, source: all[hit.termIndex]!.source, record: recordOf(text, hit, candidates) }));
}

async function recordsOf(db: Db, model: ReportModel, auditId: string): Promise<Candidate[]> {
  const [findings, recommendations, actions, concerns] = await Promise.all([
    db.selectFrom('finding').select(['id', 'text']).where('audit_id', '=', auditId).execute(),
    db.selectFrom('recommendation').select(['id', 'text']).where('audit_id', '=', auditId).execute(),
    db.selectFrom('action').select(['id', 'text']).where('audit_id', '=', auditId).execute(),
    db.selectFrom('immediate_concern').select(['id', 'outcome']).where('audit_id', '=', auditId).execute(),
  ]);
  const a = model.audit;
  return [
    ...findings.map((r) => ({ kind: 'finding' as const, id: r.id, text: r.text })),
    ...recommendations.map((r) => ({ kind: 'recommendation' as const, id: r.id, text: r.text })),
    ...actions.map((r) => ({ kind: 'action' as const, id: r.id, text: r.text })),
    ...concerns.flatMap((r) => (r.outcome ? [{ kind: 'concern' as const, id: r.id, text: r.outcome }] : [])),
    ...[a.title, a.theme, a.linesOfEnquiry, a.methodology, a.scope, ...a.jointPartnerships].map((t) => ({
      kind: 'audit' as const,
      text: t,
    })),
  ].filter((c) => c.text.trim().length > 0);
}

/** The record whose words, where they appear on the hit's line, cover the hit. */
function recordOf(text: string, hit: RedactionHit, candidates: Candidate[]): ReportHit['record'] {
  const lineStart = text.lastIndexOf('\n', hit.start - 1) + 1;
  const lineEnd = text.indexOf('\n', hit.start);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  const at = hit.start - lineStart;
  for (const c of candidates) {
    for (let i = line.indexOf(c.text); i >= 0; i = line.indexOf(c.text, i + 1)) {
      if (i <= at && at < i + c.text.length) return c.id ? { kind: c.kind, id: c.id } : { kind: c.kind };
    }
  }
  return { kind: 'report' };
}

/** Where the person may correct the record, if they may: the page that edits it. */
export function editLink(user: CurrentUser, audit: AuditInContext, record: ReportHit['record']): string | undefined {
  const allowed = (action: Action) => can(user, action, audit.resource);
  switch (record.kind) {
    case 'finding':
      return allowed('meeting:record') ? `/audits/${audit.id}/findings/${record.id}` : undefined;
    case 'recommendation':
      return allowed('meeting:record') ? `/audits/${audit.id}/recommendations/${record.id}` : undefined;
    case 'action':
      return allowed('meeting:record') ? `/actions/${record.id}` : undefined;
    case 'concern':
      return allowed('concern:resolve') ? `/concerns/${record.id}` : undefined;
    case 'audit':
      return allowed('audit:manage') ? `/audits/${audit.id}/edit` : undefined;
    default:
      return undefined;
  }
}

/** The hits as a person may see them: in context, the term's own value only for those who may see identifying details. */
export function hitsForViewer(user: CurrentUser, audit: AuditInContext, hits: ReportHit[]) {
  const maySee = can(user, 'case:identity', audit.resource);
  const mayEditWords = can(user, 'briefing:edit', audit.resource);
  return hits.map((h, i) => {
    const shown = hitForViewer(h.hit, maySee);
    return {
      id: `hit-${i + 1}`,
      kind: h.hit.kind,
      kindLabel: REDACTION_KIND_LABELS[h.hit.kind],
      before: shown.before,
      matched: shown.matched,
      after: shown.after,
      term: shown.value,
      record: h.record,
      recordLabel: RECORD_LABELS[h.record.kind],
      href: editLink(user, audit, h.record),
      wordsHref: h.source === 'custom' && mayEditWords ? `/audits/${audit.id}/words-to-check` : undefined,
    };
  });
}
