import type { Db } from '../../db/database.ts';

/** What the meeting pack reads: the audit's submitted or signed-off returns, their answers and notes. */
export function submittedReturns(db: Db, auditId: string) {
  return db
    .selectFrom('agency_return as r')
    .innerJoin('audit_case as c', 'c.id', 'r.case_id')
    .innerJoin('agency as g', 'g.id', 'r.agency_id')
    .select(['r.id', 'r.case_id', 'r.agency_id', 'g.name', 'r.overall_grade', 'r.overall_rationale'])
    .where('c.audit_id', '=', auditId)
    .where('r.status', 'in', ['submitted', 'signed_off'])
    .orderBy('g.name')
    .execute();
}

export function answersOf(db: Db, returnIds: string[]) {
  if (returnIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('return_answer')
    .select(['return_id', 'template_version_id', 'question_key', 'answer', 'evidence'])
    .where('return_id', 'in', returnIds)
    .execute();
}

export function sectionNotesOf(db: Db, returnIds: string[]) {
  if (returnIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('return_section')
    .select(['return_id', 'worked_well', 'areas_for_development'])
    .where('return_id', 'in', returnIds)
    .execute();
}
