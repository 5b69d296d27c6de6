import type { Db } from '../../db/database.ts';
import type { AuditTool } from '../../domain/audit-tool.ts';
import { can } from '../../domain/authorisation.ts';
import { agreedDomains, type AgreedDomain, type AgreedJudgementInput } from '../../domain/meeting-domains.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { auditForUser, caseInAudit, type AuditInContext } from '../audits/audit-access.ts';

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

export function createCaseNotesService(db: Db) {
  async function meetingId(auditId: string): Promise<string> {
    await db
      .insertInto('meeting')
      .values({ audit_id: auditId })
      .onConflict((oc) => oc.column('audit_id').doNothing())
      .execute();
    return (await db.selectFrom('meeting').select('id').where('audit_id', '=', auditId).executeTakeFirstOrThrow()).id;
  }

  async function domainsOf(auditId: string): Promise<AgreedDomain[]> {
    const tools = await db
      .selectFrom('audit_tool as t')
      .innerJoin('template_version as v', 'v.id', 't.template_version_id')
      .select(['v.id', 'v.content'])
      .where('t.audit_id', '=', auditId)
      .orderBy('t.position')
      .execute();
    return agreedDomains(tools.map((t) => ({ id: t.id, content: t.content as unknown as AuditTool })));
  }

  async function notesOf(auditId: string, caseId?: string): Promise<CaseNote[]> {
    let cases = db
      .selectFrom('audit_case as c')
      .leftJoin('meeting as m', 'm.audit_id', 'c.audit_id')
      .leftJoin('meeting_case_note as n', (join) =>
        join.onRef('n.case_id', '=', 'c.id').onRef('n.meeting_id', '=', 'm.id'),
      )
      .leftJoin('app_user as u', 'u.id', 'n.updated_by')
      .select(['c.id', 'c.reference', 'n.id as note_id', 'n.notes', 'n.version', 'n.updated_at', 'u.display_name'])
      .where('c.audit_id', '=', auditId);
    if (caseId) cases = cases.where('c.id', '=', caseId);
    const rows = await cases.orderBy('c.position').orderBy('c.reference').execute();
    const noteIds = rows.map((r) => r.note_id).filter((id): id is string => !!id);
    const judgements = noteIds.length
      ? await db.selectFrom('meeting_case_judgement').selectAll().where('case_note_id', 'in', noteIds).execute()
      : [];
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
    domainsOf,

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

    /**
     * What each agency's submitted return judged in each domain of this case, to moderate from:
     * for those who record the meeting (they may read every submitted return), never for drafts.
     */
    async agencyJudgements(caseId: string, domains: AgreedDomain[]): Promise<Map<string, string[]>> {
      const byDomain = new Map<string, string[]>();
      const versionIds = [...new Set(domains.map((d) => d.toolVersionId))];
      if (versionIds.length === 0) return byDomain;
      const [tools, rows] = await Promise.all([
        db.selectFrom('template_version').select(['id', 'content']).where('id', 'in', versionIds).execute(),
        db
          .selectFrom('return_answer as x')
          .innerJoin('agency_return as r', 'r.id', 'x.return_id')
          .innerJoin('agency as g', 'g.id', 'r.agency_id')
          .select(['g.name', 'x.template_version_id', 'x.question_key', 'x.answer'])
          .where('r.case_id', '=', caseId)
          .where('r.status', 'in', ['submitted', 'signed_off'])
          .where('x.template_version_id', 'in', versionIds)
          .orderBy('g.name')
          .execute(),
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
      const meeting = await meetingId(audit.id);
      const saved = await db.transaction().execute(async (trx) => {
        let noteId: string | undefined;
        if (input.version === 0) {
          // First save for this case: whoever inserts first wins; the other sees a conflict.
          noteId = (
            await trx
              .insertInto('meeting_case_note')
              .values({ meeting_id: meeting, case_id: kase.id, notes: input.notes, updated_by: user.id })
              .onConflict((oc) => oc.columns(['meeting_id', 'case_id']).doNothing())
              .returning('id')
              .executeTakeFirst()
          )?.id;
        } else {
          noteId = (
            await trx
              .updateTable('meeting_case_note')
              .set((eb) => ({
                notes: input.notes,
                version: eb('version', '+', 1),
                updated_at: new Date(),
                updated_by: user.id,
              }))
              .where('meeting_id', '=', meeting)
              .where('case_id', '=', kase.id)
              .where('version', '=', input.version)
              .returning('id')
              .executeTakeFirst()
          )?.id;
        }
        if (!noteId) return false;
        await trx.deleteFrom('meeting_case_judgement').where('case_note_id', '=', noteId).execute();
        if (input.judgements.length) {
          await trx
            .insertInto('meeting_case_judgement')
            .values(
              input.judgements.map((j) => ({
                case_note_id: noteId,
                template_version_id: j.toolVersionId,
                section_key: j.sectionKey,
                value: j.value,
                rationale: j.rationale,
              })),
            )
            .execute();
        }
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
