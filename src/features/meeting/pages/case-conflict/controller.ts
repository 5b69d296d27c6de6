import type { FastifyReply } from 'fastify';
import type { AgreedDomain } from '../../../../domain/meeting-domains.ts';
import type { AuditInContext } from '../../../audits/audit-access.ts';
import { agreedRows } from '../../case-note-rows.ts';
import type { CaseNote, CaseNotesInput } from '../../case-notes-service.ts';

type Conflict = {
  audit: AuditInContext;
  kase: { id: string; reference: string };
  domains: AgreedDomain[];
  theirs: CaseNote;
  mine: CaseNotesInput;
  /** What was posted, to post again with "Keep my version". */
  values: Record<string, string | string[]>;
};

/**
 * Shown by the case page's save when someone else saved the case's notes first: both versions side
 * by side, nothing overwritten, and the posted form kept to send again on top of theirs.
 */
export function renderCaseConflict(reply: FastifyReply, conflict: Conflict) {
  const { audit, kase, domains, theirs } = conflict;
  const mine = { ...theirs, notes: conflict.mine.notes, judgements: conflict.mine.judgements };
  const theirRows = new Map(agreedRows(theirs, domains).map((r) => [r.domain, r]));
  const myRows = new Map(agreedRows(mine, domains).map((r) => [r.domain, r]));
  const hidden = Object.entries(conflict.values)
    .filter(([k]) => k !== 'version')
    .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => ({ name, value: v })));
  return reply.code(409).view('meeting/pages/case-conflict/view.njk', {
    pageTitle: 'Someone else saved this case’s notes while you were working',
    audit,
    kase,
    theirs,
    mine,
    rows: domains
      .map((d) => ({ domain: d.title, theirs: theirRows.get(d.title), mine: myRows.get(d.title) }))
      .filter((r) => r.theirs || r.mine),
    hidden,
    theirsVersion: theirs.version,
    action: `/audits/${audit.id}/meeting/cases/${kase.id}`,
  });
}
