import type { Db } from '../../db/database.ts';
import type { AgreedJudgementInput } from '../../domain/meeting-domains.ts';

/** The panel's notes per case and their agreed judgements, one version per case. */
export function caseNoteRows(db: Db, auditId: string, caseId?: string) {
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
  return cases.orderBy('c.position').orderBy('c.reference').execute();
}

export function judgementsOf(db: Db, noteIds: string[]) {
  if (noteIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('meeting_case_judgement').selectAll().where('case_note_id', 'in', noteIds).execute();
}

export function toolContents(db: Db, versionIds: string[]) {
  return db.selectFrom('template_version').select(['id', 'content']).where('id', 'in', versionIds).execute();
}

/** The answers of the case's submitted returns to the given tools, by agency name. */
export function submittedAnswers(db: Db, caseId: string, versionIds: string[]) {
  return db
    .selectFrom('return_answer as x')
    .innerJoin('agency_return as r', 'r.id', 'x.return_id')
    .innerJoin('agency as g', 'g.id', 'r.agency_id')
    .select(['g.name', 'x.template_version_id', 'x.question_key', 'x.answer'])
    .where('r.case_id', '=', caseId)
    .where('r.status', 'in', ['submitted', 'signed_off'])
    .where('x.template_version_id', 'in', versionIds)
    .orderBy('g.name')
    .execute();
}

/** The first save of a case's note: whoever inserts first wins (undefined for the other). */
export async function insertNote(
  db: Db,
  note: { meetingId: string; caseId: string; notes: string; userId: string },
): Promise<string | undefined> {
  const row = await db
    .insertInto('meeting_case_note')
    .values({ meeting_id: note.meetingId, case_id: note.caseId, notes: note.notes, updated_by: note.userId })
    .onConflict((oc) => oc.columns(['meeting_id', 'case_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Saves a note still at `version`; undefined when someone else saved first. */
export async function updateNote(
  db: Db,
  note: { meetingId: string; caseId: string; notes: string; userId: string; version: number },
): Promise<string | undefined> {
  const row = await db
    .updateTable('meeting_case_note')
    .set((eb) => ({
      notes: note.notes,
      version: eb('version', '+', 1),
      updated_at: new Date(),
      updated_by: note.userId,
    }))
    .where('meeting_id', '=', note.meetingId)
    .where('case_id', '=', note.caseId)
    .where('version', '=', note.version)
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function replaceJudgements(db: Db, noteId: string, judgements: AgreedJudgementInput[]): Promise<void> {
  await db.deleteFrom('meeting_case_judgement').where('case_note_id', '=', noteId).execute();
  if (judgements.length === 0) return;
  await db
    .insertInto('meeting_case_judgement')
    .values(
      judgements.map((j) => ({
        case_note_id: noteId,
        template_version_id: j.toolVersionId,
        section_key: j.sectionKey,
        value: j.value,
        rationale: j.rationale,
      })),
    )
    .execute();
}
