import type { Db } from '../../db/database.ts';

/** Who can be given a case to audit: the agency's active auditors, and its audit leads (who often audit too). */
const ASSIGNABLE_ROLES = ['auditor', 'audit_lead'];

/** SQL for which of an agency's people audit which of the cases it is involved in. */
function assignableQuery(db: Db, agencyId: string) {
  return db
    .selectFrom('app_user as u')
    .select(['u.id', 'u.display_name', 'u.email'])
    .where('u.agency_id', '=', agencyId)
    .where('u.active', '=', true)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_role as r')
          .select('r.user_id')
          .whereRef('r.user_id', '=', 'u.id')
          .where('r.role', 'in', ASSIGNABLE_ROLES),
      ),
    );
}

function involvedCaseQuery(db: Db, auditId: string, agencyId: string) {
  return db
    .selectFrom('involvement as i')
    .innerJoin('audit_case as c', 'c.id', 'i.case_id')
    .leftJoin('agency_return as r', (join) =>
      join.onRef('r.case_id', '=', 'i.case_id').onRef('r.agency_id', '=', 'i.agency_id'),
    )
    .select(['c.id', 'c.reference', 'r.id as return_id', 'r.status as return_status'])
    .where('c.audit_id', '=', auditId)
    .where('i.agency_id', '=', agencyId)
    .where('i.status', '=', 'involved');
}

export const assignablePeople = (db: Db, agencyId: string) =>
  assignableQuery(db, agencyId).orderBy('u.display_name').execute();

export const assignablePerson = (db: Db, agencyId: string, userId: string) =>
  assignableQuery(db, agencyId).where('u.id', '=', userId).executeTakeFirst();

export const involvedCases = (db: Db, auditId: string, agencyId: string) =>
  involvedCaseQuery(db, auditId, agencyId).orderBy('c.position').orderBy('c.reference').execute();

export const involvedCase = (db: Db, auditId: string, agencyId: string, caseId: string) =>
  involvedCaseQuery(db, auditId, agencyId).where('c.id', '=', caseId).executeTakeFirst();

export function assignedAuditors(db: Db, auditId: string, agencyId: string) {
  return db
    .selectFrom('case_assignment as a')
    .innerJoin('audit_case as c', 'c.id', 'a.case_id')
    .innerJoin('app_user as u', 'u.id', 'a.auditor_user_id')
    .select(['a.case_id', 'u.id', 'u.display_name'])
    .where('c.audit_id', '=', auditId)
    .where('a.agency_id', '=', agencyId)
    .orderBy('u.display_name')
    .execute();
}

/** Per invited agency: cases it is involved in, and how many of those have an auditor. */
export async function assignmentSummary(db: Db, auditId: string) {
  const rows = await db
    .selectFrom('audit_agency as aa')
    .innerJoin('agency as g', 'g.id', 'aa.agency_id')
    .leftJoin('app_user as lead', 'lead.id', 'aa.lead_user_id')
    .select((eb) => [
      'g.id',
      'g.name',
      'lead.display_name as lead_name',
      eb
        .selectFrom('involvement as i')
        .innerJoin('audit_case as c', 'c.id', 'i.case_id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('i.agency_id', '=', 'g.id')
        .where('c.audit_id', '=', auditId)
        .where('i.status', '=', 'involved')
        .as('involved'),
      eb
        .selectFrom('case_assignment as a')
        .innerJoin('audit_case as c', 'c.id', 'a.case_id')
        .innerJoin('involvement as i', (join) =>
          join.onRef('i.case_id', '=', 'a.case_id').onRef('i.agency_id', '=', 'a.agency_id'),
        )
        .select((e) => e.fn.count<number>('a.case_id').distinct().as('n'))
        .whereRef('a.agency_id', '=', 'g.id')
        .where('c.audit_id', '=', auditId)
        .where('i.status', '=', 'involved')
        .as('assigned'),
    ])
    .where('aa.audit_id', '=', auditId)
    .orderBy('g.name')
    .execute();
  return rows.map((r) => ({ ...r, involved: Number(r.involved ?? 0), assigned: Number(r.assigned ?? 0) }));
}

/** Answers whether the assignment is new. */
export async function insertAssignment(
  db: Db,
  row: { caseId: string; agencyId: string; auditorId: string; assignedBy: string | null },
): Promise<boolean> {
  const added = await db
    .insertInto('case_assignment')
    .values({
      case_id: row.caseId,
      agency_id: row.agencyId,
      auditor_user_id: row.auditorId,
      assigned_by: row.assignedBy,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('case_id')
    .executeTakeFirst();
  return added !== undefined;
}

/** Answers whether there was such an assignment to remove. */
export async function deleteAssignment(db: Db, caseId: string, agencyId: string, auditorId: string) {
  const removed = await db
    .deleteFrom('case_assignment')
    .where('case_id', '=', caseId)
    .where('agency_id', '=', agencyId)
    .where('auditor_user_id', '=', auditorId)
    .returning('auditor_user_id')
    .executeTakeFirst();
  return removed !== undefined;
}

export async function displayName(db: Db, userId: string): Promise<string> {
  const person = await db
    .selectFrom('app_user')
    .select('display_name')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return person.display_name;
}
