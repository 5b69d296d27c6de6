import type { Db } from '../../db/database.ts';
import type { InvolvementStatus } from '../../db/schema.ts';

/** SQL for one case-and-agency cell, and the return that an "involved" cell brings with it. */
export function lockCell(db: Db, caseId: string, agencyId: string) {
  return db
    .selectFrom('involvement')
    .select(['status', 'version'])
    .where('case_id', '=', caseId)
    .where('agency_id', '=', agencyId)
    .forUpdate()
    .executeTakeFirst();
}

export async function setCellReason(db: Db, caseId: string, agencyId: string, reason: string): Promise<void> {
  await db
    .updateTable('involvement')
    .set({ reason })
    .where('case_id', '=', caseId)
    .where('agency_id', '=', agencyId)
    .execute();
}

export async function returnStarted(db: Db, caseId: string, agencyId: string): Promise<boolean> {
  const started = await db
    .selectFrom('agency_return')
    .select('status')
    .where('case_id', '=', caseId)
    .where('agency_id', '=', agencyId)
    .where('status', '!=', 'not_started')
    .executeTakeFirst();
  return started !== undefined;
}

/** An agency no longer involved: its unstarted return and its auditors' assignments go. */
export async function dropReturn(db: Db, caseId: string, agencyId: string): Promise<void> {
  await db.deleteFrom('agency_return').where('case_id', '=', caseId).where('agency_id', '=', agencyId).execute();
  await db.deleteFrom('case_assignment').where('case_id', '=', caseId).where('agency_id', '=', agencyId).execute();
}

export async function upsertCell(
  db: Db,
  row: { caseId: string; agencyId: string; status: InvolvementStatus; reason: string; userId: string | null },
): Promise<void> {
  await db
    .insertInto('involvement')
    .values({
      case_id: row.caseId,
      agency_id: row.agencyId,
      status: row.status,
      reason: row.reason,
      recorded_by: row.userId,
    })
    .onConflict((oc) =>
      oc.columns(['case_id', 'agency_id']).doUpdateSet((eb) => ({
        status: row.status,
        reason: row.reason,
        recorded_by: row.userId,
        recorded_at: new Date(),
        version: eb('involvement.version', '+', 1),
      })),
    )
    .execute();
}

export async function ensureReturn(db: Db, caseId: string, agencyId: string): Promise<void> {
  await db
    .insertInto('agency_return')
    .values({ case_id: caseId, agency_id: agencyId })
    .onConflict((oc) => oc.columns(['case_id', 'agency_id']).doNothing())
    .execute();
}

/** For the progress page: every return's status, and the concerns without an outcome. */
export function returnStatuses(db: Db, auditId: string) {
  return db
    .selectFrom('agency_return as r')
    .innerJoin('audit_case as c', 'c.id', 'r.case_id')
    .select(['r.case_id', 'r.agency_id', 'r.status'])
    .where('c.audit_id', '=', auditId)
    .execute();
}

export async function openConcernCount(db: Db, auditId: string): Promise<number> {
  const row = await db
    .selectFrom('immediate_concern')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('audit_id', '=', auditId)
    .where('outcome_recorded_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
