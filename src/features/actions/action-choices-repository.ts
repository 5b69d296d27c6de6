import type { Db } from '../../db/database.ts';

/** What an action may be linked to: the partnership's agencies and people, the audit's recommendations. */
export function activeAgencies(db: Db, partnershipId: string) {
  return db
    .selectFrom('agency')
    .select(['id', 'name'])
    .where('partnership_id', '=', partnershipId)
    .where('active', '=', true)
    .orderBy('name')
    .execute();
}

/** Every agency of the partnership, for the tracker's filter. */
export function partnershipAgencies(db: Db, partnershipId: string) {
  return db
    .selectFrom('agency')
    .select(['id', 'name'])
    .where('partnership_id', '=', partnershipId)
    .orderBy('name')
    .execute();
}

export function activePeople(db: Db, partnershipId: string) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('agency as g', 'g.id', 'u.agency_id')
    .select(['u.id', 'u.display_name', 'g.name as agency_name'])
    .where('u.partnership_id', '=', partnershipId)
    .where('u.active', '=', true)
    .orderBy('u.display_name')
    .execute();
}

export function recommendationsToChoose(db: Db, auditId: string) {
  return db
    .selectFrom('recommendation')
    .select(['id', 'text'])
    .where('audit_id', '=', auditId)
    .orderBy('created_at')
    .execute();
}

/** Single-agency actions of the audit's submitted returns not yet taken into the plan. */
export function singleAgencyActionsToTake(db: Db, auditId: string) {
  return db
    .selectFrom('single_agency_action as s')
    .innerJoin('agency_return as r', 'r.id', 's.return_id')
    .innerJoin('audit_case as c', 'c.id', 'r.case_id')
    .innerJoin('agency as g', 'g.id', 'r.agency_id')
    .leftJoin('action as x', 'x.single_agency_action_id', 's.id')
    .select(['s.id', 's.action', 's.owner', 's.due_on', 'r.agency_id', 'g.name as agency_name', 'c.reference'])
    .where('c.audit_id', '=', auditId)
    .where('r.status', 'in', ['submitted', 'signed_off'])
    .where('x.id', 'is', null)
    .execute();
}
