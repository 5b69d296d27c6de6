import type { Db } from '../../db/database.ts';

/** The agency's audit leads: the one named for the audit, else everyone with the role in the agency. */
export async function leadAddresses(db: Db, auditId: string, agencyId: string): Promise<string[]> {
  const named = await db
    .selectFrom('audit_agency as aa')
    .innerJoin('app_user as u', 'u.id', 'aa.lead_user_id')
    .select('u.email')
    .where('aa.audit_id', '=', auditId)
    .where('aa.agency_id', '=', agencyId)
    .where('u.active', '=', true)
    .execute();
  if (named.length) return named.map((r) => r.email);
  const all = await db
    .selectFrom('app_user as u')
    .innerJoin('user_role as r', 'r.user_id', 'u.id')
    .select('u.email')
    .where('u.agency_id', '=', agencyId)
    .where('r.role', '=', 'audit_lead')
    .where('u.active', '=', true)
    .execute();
  return all.map((r) => r.email);
}

/** The auditors assigned to the case for this agency, else those who worked on the return. */
export async function auditorAddresses(db: Db, caseId: string, agencyId: string, returnId: string): Promise<string[]> {
  const assigned = await db
    .selectFrom('case_assignment as a')
    .innerJoin('app_user as u', 'u.id', 'a.auditor_user_id')
    .select('u.email')
    .where('a.case_id', '=', caseId)
    .where('a.agency_id', '=', agencyId)
    .where('u.active', '=', true)
    .execute();
  if (assigned.length) return assigned.map((r) => r.email);
  const editors = await db
    .selectFrom('return_section as s')
    .innerJoin('app_user as u', 'u.id', 's.updated_by')
    .select('u.email')
    .distinct()
    .where('s.return_id', '=', returnId)
    .where('u.active', '=', true)
    .execute();
  return editors.map((r) => r.email);
}
