import type { Db } from '../../db/database.ts';

/** SQL for an agency's list of returns in its partnership's open audits. */
export async function agencyReturns(db: Db, agencyId: string, partnershipId: string) {
  return db
    .selectFrom('agency_return as r')
    .innerJoin('audit_case as c', 'c.id', 'r.case_id')
    .innerJoin('audit as a', 'a.id', 'c.audit_id')
    .innerJoin('audit_agency as aa', (join) =>
      join.onRef('aa.audit_id', '=', 'a.id').onRef('aa.agency_id', '=', 'r.agency_id'),
    )
    .select(['r.id', 'r.case_id', 'r.status', 'c.reference', 'a.title', 'a.status as audit_status', 'r.updated_at'])
    .where('r.agency_id', '=', agencyId)
    .where('a.partnership_id', '=', partnershipId)
    .where('a.status', '!=', 'closed')
    .orderBy('a.title')
    .orderBy('c.position')
    .execute();
}

/** Who of the agency is assigned to each case of those audits. */
export async function agencyAssignments(db: Db, agencyId: string, partnershipId: string) {
  return db
    .selectFrom('case_assignment as s')
    .innerJoin('app_user as u', 'u.id', 's.auditor_user_id')
    .innerJoin('audit_case as c', 'c.id', 's.case_id')
    .innerJoin('audit as a', 'a.id', 'c.audit_id')
    .select(['s.case_id', 's.auditor_user_id', 'u.display_name'])
    .where('s.agency_id', '=', agencyId)
    .where('a.partnership_id', '=', partnershipId)
    .where('a.status', '!=', 'closed')
    .orderBy('u.display_name')
    .execute();
}
