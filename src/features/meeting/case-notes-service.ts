import { inTransaction, type Executor } from '../../db/transaction.ts';
import type { AuditTool } from '../../domain/audit-tool.ts';
import { can } from '../../domain/authorisation.ts';
import { agreedDomains, type AgreedDomain, type AgreedJudgementInput } from '../../domain/meeting-domains.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { auditForUser, caseInAudit, type AuditInContext } from '../audits/audit-access.ts';
import { auditTools, ensureMeeting } from './audit-parts-repository.ts';
import * as repo from './case-notes-repository.ts';

/**
 * The panel's notes for each case of the discussion meeting, and its agreed multi-agency
 * judgement per domain of the audit tool. One version per case: a save carries the version it
 * started from, and a stale save changes nothing and is answered with both versions.
 */
export type CaseNote = {
  caseId: string;
  reference: string;
  notes: string;
  version: number;
  updatedAt: Date | null;
  updatedBy: string | null;
  judgements: { toolVersionId: string; sectionKey: string; value: string; rationale: string }[];
};
export type CaseNotesInput = { notes: string; judgements: AgreedJudgementInput[]; version: number };
export type SaveOutcome = { kind: 'saved' } | { kind: 'conflict'; theirs: CaseNote };

export function createCaseNotesService(db: Executor) {
  async function domainsOf(auditId: string): Promise<AgreedDomain[]> {
    const tools = await auditTools(db, auditId);
    return agreedDomains(tools.map((t) => ({ id: t.id, content: t.content as unknown as AuditTool })));
  }

  async function notesOf(auditId: string, caseId?: string): Promise<CaseNote[]> {
    const rows = await repo.caseNoteRows(db, auditId, caseId);
    const judgements = await repo.judgementsOf(
      db,
      rows.map((r) => r.note_id).filter((id): id is string => !!id),
    );
    return rows.map((r) => ({
      caseId: r.id,
      reference: r.reference,
      notes: r.notes ?? '',
      version: r.version ?? 0,
      updatedAt: r.updated_at,
      updatedBy: r.display_name,
      judgements: judgements
        .filter((j) => j.case_note_id === r.note_id)
        .map((j) => ({
          toolVersionId: j.template_version_id,
          sectionKey: j.section_key,
          value: j.value,
          rationale: j.rationale,
        })),
    }));
  }

  return {
    /** Every case's notes and agreed judgements: for the meeting record, the pack and the API. */
    async overview(user: CurrentUser, auditId: string, actor: Actor) {
      const audit = await auditForUser(db, user, auditId, 'audit:read');
      const [domains, notes] = await Promise.all([domainsOf(audit.id), notesOf(audit.id)]);
      await appendAuditLog(db, actor, { action: 'meeting-case-notes.viewed', recordType: 'audit', recordId: audit.id });
      return { audit, domains, notes, canRecord: can(user, 'meeting:record', audit.resource) };
    },

    /** Notes for the pack, whose reader has already been checked (and the view logged). */
    forPack: (audit: AuditInContext) => Promise.all([domainsOf(audit.id), notesOf(audit.id)]),

    async forCase(
      user: CurrentUser,
      auditId: string,
      caseId: string,
      action: 'audit:read' | 'meeting:record',
      actor: Actor,
    ) {
      const audit = await auditForUser(db, user, auditId, action);
      const kase = await caseInAudit(db, audit, caseId);
      const [domains, [note]] = await Promise.all([domainsOf(audit.id), notesOf(audit.id, kase.id)]);
      await appendAuditLog(db, actor, {
        action: 'meeting-case-notes.viewed',
        recordType: 'audit_case',
        recordId: kase.id,
      });
      return { audit, kase, domains, note: note!, canRecord: can(user, 'meeting:record', audit.resource) };
    },

    /** The case page: the note, and for those who record the meeting what the agencies judged. */
    async page(user: CurrentUser, auditId: string, caseId: string, actor: Actor) {
      const view = await this.forCase(user, auditId, caseId, 'audit:read', actor);
      const said = view.canRecord
        ? await this.agencyJudgements(view.kase.id, view.domains)
        : new Map<string, string[]>();
      return { ...view, said };
    },

    /**
     * What each agency's submitted return judged in each domain of this case, to moderate from:
     * for those who record the meeting (they may read every submitted return), never for drafts.
     */
    async agencyJudgements(caseId: string, domains: AgreedDomain[]): Promise<Map<string, string[]>> {
      const byDomain = new Map<string, string[]>();
      const versionIds = [...new Set(domains.map((d) => d.toolVersionId))];
      if (versionIds.length === 0) return byDomain;
      const [tools, rows] = await Promise.all([
        repo.toolContents(db, versionIds),
        repo.submittedAnswers(db, caseId, versionIds),
      ]);
      for (const d of domains) {
        const content = tools.find((t) => t.id === d.toolVersionId)?.content as unknown as AuditTool | undefined;
        const section = content?.sections.find((s) => s.key === d.sectionKey);
        const said = new Map<string, string[]>();
        for (const row of rows) {
          if (row.template_version_id !== d.toolVersionId) continue;
          const question = section?.questions.find((q) => q.key === row.question_key && q.type === 'judgement');
          const label = content?.scales
            .find((s) => s.key === question?.scale)
            ?.values.find((v) => v.value === row.answer)?.label;
          if (label) said.set(row.name, [...(said.get(row.name) ?? []), label]);
        }
        if (said.size)
          byDomain.set(
            d.field,
            [...said].map(([agency, labels]) => `${agency}: ${labels.join(', ')}`),
          );
      }
      return byDomain;
    },

    async save(
      user: CurrentUser,
      auditId: string,
      caseId: string,
      input: CaseNotesInput,
      actor: Actor,
    ): Promise<SaveOutcome> {
      const audit = await auditForUser(db, user, auditId, 'meeting:record');
      const kase = await caseInAudit(db, audit, caseId);
      const meeting = (await ensureMeeting(db, audit.id)).id;
      const saved = await inTransaction(db, async (trx) => {
        const note = { meetingId: meeting, caseId: kase.id, notes: input.notes, userId: user.id };
        // First save for this case: whoever inserts first wins; the other sees a conflict.
        const noteId =
          input.version === 0
            ? await repo.insertNote(trx, note)
            : await repo.updateNote(trx, { ...note, version: input.version });
        if (!noteId) return false;
        await repo.replaceJudgements(trx, noteId, input.judgements);
        await appendAuditLog(trx, actor, {
          action: 'meeting-case-notes.saved',
          recordType: 'audit_case',
          recordId: kase.id,
          detail: { auditId: audit.id, judgements: input.judgements.length },
        });
        return true;
      });
      if (saved) return { kind: 'saved' };
      await appendAuditLog(db, actor, {
        action: 'meeting-case-notes.conflict',
        recordType: 'audit_case',
        recordId: kase.id,
      });
      return { kind: 'conflict', theirs: (await notesOf(audit.id, kase.id))[0]! };
    },
  };
}

export type CaseNotesService = ReturnType<typeof createCaseNotesService>;
