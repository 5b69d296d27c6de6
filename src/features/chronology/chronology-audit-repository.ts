import type { Db } from '../../db/database.ts';

/** What a chronology needs of its audit, as plain SQL; each function takes the database or a transaction. */
export function auditScopeColumns(db: Db, auditId: string) {
  return db
    .selectFrom('audit')
    .select(['scope_kind', 'scope_from', 'scope_to', 'scope_months', 'scope_reference_date'])
    .where('id', '=', auditId)
    .executeTakeFirstOrThrow();
}

export async function auditIdOfCase(db: Db, caseId: string): Promise<string> {
  const row = await db.selectFrom('audit_case').select('audit_id').where('id', '=', caseId).executeTakeFirstOrThrow();
  return row.audit_id;
}

/** The agencies invited to an audit, by name; only `onlyAgencyId` when given. */
export function auditAgencies(db: Db, auditId: string, onlyAgencyId?: string) {
  return db
    .selectFrom('agency as g')
    .innerJoin('audit_agency as aa', 'aa.agency_id', 'g.id')
    .select(['g.id', 'g.name'])
    .where('aa.audit_id', '=', auditId)
    .where((eb) => (onlyAgencyId === undefined ? eb.lit(true) : eb('g.id', '=', onlyAgencyId)))
    .orderBy('g.name')
    .execute();
}
