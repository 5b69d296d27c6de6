import type { Db } from '../../db/database.ts';

/** SQL for the returns the coordinator has recorded will not be received. */
export function cellForWaiver(db: Db, caseId: string, agencyId: string) {
  return db
    .selectFrom('involvement as i')
    .innerJoin('audit_case as c', 'c.id', 'i.case_id')
    .innerJoin('agency as g', 'g.id', 'i.agency_id')
    .leftJoin('agency_return as r', (join) =>
      join.onRef('r.case_id', '=', 'i.case_id').onRef('r.agency_id', '=', 'i.agency_id'),
    )
    .leftJoin('return_waiver as w', (join) =>
      join.onRef('w.case_id', '=', 'i.case_id').onRef('w.agency_id', '=', 'i.agency_id'),
    )
    .select(['c.audit_id', 'c.reference', 'g.name as agency_name', 'i.status', 'r.status as return_status', 'w.reason'])
    .where('i.case_id', '=', caseId)
    .where('i.agency_id', '=', agencyId)
    .executeTakeFirst();
}

export async function saveWaiver(db: Db, row: { caseId: string; agencyId: string; reason: string; userId: string }) {
  await db
    .insertInto('return_waiver')
    .values({ case_id: row.caseId, agency_id: row.agencyId, reason: row.reason, recorded_by: row.userId })
    .onConflict((oc) =>
      oc
        .columns(['case_id', 'agency_id'])
        .doUpdateSet({ reason: row.reason, recorded_by: row.userId, recorded_at: new Date() }),
    )
    .execute();
}

export async function deleteWaiver(db: Db, caseId: string, agencyId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('return_waiver')
    .where('case_id', '=', caseId)
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The audit's waivers, for the progress page and the participation counts. */
export function waiversOf(db: Db, auditId: string) {
  return db
    .selectFrom('return_waiver as w')
    .innerJoin('audit_case as c', 'c.id', 'w.case_id')
    .select(['w.case_id', 'w.agency_id', 'w.reason'])
    .where('c.audit_id', '=', auditId)
    .execute();
}
