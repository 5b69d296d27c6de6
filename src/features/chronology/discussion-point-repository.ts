import type { Db } from '../../db/database.ts';

/** Points to discuss and what they are computed from, as plain SQL. */
export async function partnershipSettings(db: Db, partnershipId: string) {
  const row = await db.selectFrom('partnership').select('settings').where('id', '=', partnershipId).executeTakeFirst();
  return row?.settings;
}

export function caseInvolvement(db: Db, caseId: string) {
  return db
    .selectFrom('involvement as i')
    .innerJoin('agency as g', 'g.id', 'i.agency_id')
    .select(['i.agency_id', 'g.name', 'i.status'])
    .where('i.case_id', '=', caseId)
    .execute();
}

/** Adds a proposed point, or refreshes its question and entries; a decision already taken on it stays. */
export async function upsertPoint(
  db: Db,
  caseId: string,
  p: { key: string; rule: string; question: string; entryIds: string[] },
): Promise<void> {
  await db
    .insertInto('discussion_point')
    .values({ case_id: caseId, point_key: p.key, rule: p.rule, question: p.question, entry_ids: p.entryIds })
    .onConflict((oc) =>
      oc
        .columns(['case_id', 'point_key'])
        .doUpdateSet({ question: p.question, entry_ids: p.entryIds, updated_at: new Date() }),
    )
    .execute();
}

export function pointsOfCase(db: Db, caseId: string) {
  return db.selectFrom('discussion_point').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute();
}

/** Records the panel's decision on a point of the case; false when the case has no such point. */
export async function decidePoint(
  db: Db,
  d: { pointId: string; caseId: string; status: 'dismissed' | 'carried' | 'open'; reason: string; userId: string },
): Promise<boolean> {
  const row = await db
    .updateTable('discussion_point')
    .set({ status: d.status, reason: d.reason, decided_at: new Date(), decided_by: d.userId, updated_at: new Date() })
    .where('id', '=', d.pointId)
    .where('case_id', '=', d.caseId)
    .returning('id')
    .executeTakeFirst();
  return !!row;
}

/** A point of one of the audit's cases, with the case's reference; undefined when the audit has none such. */
export function pointInAudit(db: Db, auditId: string, pointId: string) {
  return db
    .selectFrom('discussion_point as p')
    .innerJoin('audit_case as c', 'c.id', 'p.case_id')
    .select(['p.id', 'p.case_id', 'p.point_key', 'p.question', 'p.entry_ids', 'p.status', 'c.reference'])
    .where('p.id', '=', pointId)
    .where('c.audit_id', '=', auditId)
    .executeTakeFirst();
}
