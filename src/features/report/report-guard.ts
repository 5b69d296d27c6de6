import crypto from 'node:crypto';
import type { Executor } from '../../db/transaction.ts';
import { can, type Action } from '../../domain/authorisation.ts';
import {
  findIdentifyingDetails,
  hitForViewer,
  mayMarkNotIdentifying,
  REDACTION_KIND_LABELS,
  type RedactionHit,
} from '../../domain/redaction-guard.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import type { AuditInContext } from '../audits/audit-access.ts';
import type { RedactionTermService } from '../briefings/redaction-term-service.ts';
import { reportPlainText, type ReportModel } from './report-model.ts';
import { readReportSources, type ReportSources } from './report-sources.ts';

/** The record a hit's words come from, so the person knows what to correct. */
export type ReportRecordKind = 'finding' | 'recommendation' | 'action' | 'concern' | 'audit' | 'report';
export type ReportHit = {
  hit: RedactionHit;
  source: 'case' | 'custom';
  record: { kind: ReportRecordKind; id?: string };
  /** The hit's identity for "not identifying here": the term, the record, its words (see hitKey). */
  key: string;
  overridable: boolean;
};

const sha = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/** Term, record, the words around the hit and the record's whole text: a mark lapses when they change. */
function hitKey(term: string, record: ReportHit['record'], hit: RedactionHit, recordText: string): string {
  return sha(`${term}|${record.kind}:${record.id ?? ''}|${hit.context.toLowerCase()}|${sha(recordText)}`).slice(0, 32);
}

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
 * the audit's findings, recommendations, actions, concern outcomes and plan), from the rows the
 * model was built from, so nothing is read twice.
 */
export async function screenReport(
  terms: RedactionTermService,
  audit: Pick<AuditInContext, 'id' | 'partnershipId'>,
  model: ReportModel,
  sources: ReportSources,
  actor: Actor,
  overrides: Set<string> = new Set(),
): Promise<ReportHit[]> {
  const all = await terms.forAudit(audit, actor);
  if (all.length === 0) return [];
  const text = reportPlainText(model);
  // The partnership's and invited agencies' names never count as a name part on their own.
  const knownWords = [sources.audit.partnership_name, ...sources.agencies.map((g) => g.name)];
  const hits = findIdentifyingDetails(text, all, { knownWords });
  if (hits.length === 0) return [];
  const candidates = recordsOf(model, sources);
  return hits.flatMap((hit) => {
    const term = all[hit.termIndex]!;
    const { record, recordText } = recordOf(text, hit, candidates);
    const key = hitKey(term.termId ?? `case:${hit.kind}:${hit.termIndex}`, record, hit, recordText);
    const overridable = mayMarkNotIdentifying(term.source, hit);
    return overridable && overrides.has(key) ? [] : [{ hit, source: term.source, record, key, overridable }];
  });
}

/** The guard for a model built apart from its rows (a check across many audits): reads the rows once more. */
export async function guardReport(
  db: Executor,
  terms: RedactionTermService,
  audit: Pick<AuditInContext, 'id' | 'partnershipId'>,
  model: ReportModel,
  actor: Actor,
): Promise<ReportHit[]> {
  return screenReport(terms, audit, model, await readReportSources(db, audit.partnershipId, audit.id), actor);
}

function recordsOf(model: ReportModel, s: ReportSources): Candidate[] {
  const a = model.audit;
  return [
    ...s.findings.map((r) => ({ kind: 'finding' as const, id: r.id, text: r.text })),
    ...s.recommendations.map((r) => ({ kind: 'recommendation' as const, id: r.id, text: r.text })),
    ...s.actions.map((r) => ({ kind: 'action' as const, id: r.id, text: r.text })),
    ...s.concerns.flatMap((r) => (r.outcome ? [{ kind: 'concern' as const, id: r.id, text: r.outcome }] : [])),
    ...[a.title, a.theme, a.linesOfEnquiry, a.methodology, a.scope, ...a.jointPartnerships].map((t) => ({
      kind: 'audit' as const,
      text: t,
    })),
  ].filter((c) => c.text.trim().length > 0);
}

/** The record whose words, where they appear on the hit's line, cover the hit. */
function recordOf(
  text: string,
  hit: RedactionHit,
  candidates: Candidate[],
): { record: ReportHit['record']; recordText: string } {
  const lineStart = text.lastIndexOf('\n', hit.start - 1) + 1;
  const lineEnd = text.indexOf('\n', hit.start);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  const at = hit.start - lineStart;
  for (const c of candidates) {
    for (let i = line.indexOf(c.text); i >= 0; i = line.indexOf(c.text, i + 1)) {
      if (i <= at && at < i + c.text.length)
        return { record: c.id ? { kind: c.kind, id: c.id } : { kind: c.kind }, recordText: c.text };
    }
  }
  return { record: { kind: 'report' }, recordText: line };
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

/**
 * The hits as a person may see them: in context, the term's own value and the links to correct
 * them only for those allowed; the operator at the command line (no viewer) sees neither.
 */
export function hitsForViewer(
  viewer: { user: CurrentUser; audit: AuditInContext } | null,
  auditId: string,
  hits: ReportHit[],
) {
  const allowed = (action: Action) => !!viewer && can(viewer.user, action, viewer.audit.resource);
  const maySee = allowed('case:identity');
  const mayEditWords = allowed('briefing:edit');
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
      href: viewer ? editLink(viewer.user, viewer.audit, h.record) : undefined,
      wordsHref: h.source === 'custom' && mayEditWords ? `/audits/${auditId}/words-to-check` : undefined,
      key: h.key,
      overridable: h.overridable && allowed('audit:manage'),
    };
  });
}
