import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

// Without a safeguarding lead, an immediate concern raised by the agency's auditors reaches only the coordinators.
const hasSafeguardingLead = sql<boolean>`coalesce(btrim(g.safeguarding_lead_email), '') <> ''`.as(
  'has_safeguarding_lead',
);

/** SQL for the agencies invited to an audit and who knew each family. */
export function invitedAgencies(db: Db, auditId: string) {
  return db
    .selectFrom('audit_agency as aa')
    .innerJoin('agency as g', 'g.id', 'aa.agency_id')
    .leftJoin('app_user as u', 'u.id', 'aa.lead_user_id')
    .select(['g.id', 'g.name', 'aa.lead_user_id', 'u.display_name as lead_name', hasSafeguardingLead])
    .where('aa.audit_id', '=', auditId)
    .orderBy('g.name')
    .execute();
}

export function involvementCells(db: Db, auditId: string) {
  return db
    .selectFrom('involvement as i')
    .innerJoin('audit_case as c', 'c.id', 'i.case_id')
    .select(['i.case_id', 'i.agency_id', 'i.status', 'i.reason', 'i.version'])
    .where('c.audit_id', '=', auditId)
    .execute();
}

export async function returnsDeadline(db: Db, auditId: string): Promise<string | null> {
  const row = await db
    .selectFrom('audit_milestone')
    .select('due_on')
    .where('audit_id', '=', auditId)
    .where('kind', '=', 'returns_deadline')
    .executeTakeFirst();
  return row?.due_on ?? null;
}

export function activeAgencies(db: Db, partnershipId: string) {
  return db
    .selectFrom('agency as g')
    .select(['g.id', 'g.name', hasSafeguardingLead])
    .where('g.partnership_id', '=', partnershipId)
    .where('g.active', '=', true)
    .orderBy('name')
    .execute();
}

export function agenciesNamed(db: Db, agencyIds: string[]) {
  return agencyIds.length
    ? db
        .selectFrom('agency as g')
        .select(['g.id', 'g.name', hasSafeguardingLead])
        .where('g.id', 'in', agencyIds)
        .orderBy('g.name')
        .execute()
    : Promise.resolve([]);
}

export function auditLeads(db: Db, partnershipId: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('user_role as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.display_name', 'u.agency_id'])
    .where('u.partnership_id', '=', partnershipId)
    .where('r.role', '=', 'audit_lead')
    .where('u.active', '=', true)
    .orderBy('u.display_name')
    .execute();
}

/** Answers whether the agency was newly invited. */
export async function insertInvitation(db: Db, auditId: string, agencyId: string, userId: string | null) {
  const added = await db
    .insertInto('audit_agency')
    .values({ audit_id: auditId, agency_id: agencyId, invited_by: userId })
    .onConflict((oc) => oc.doNothing())
    .returning('agency_id')
    .executeTakeFirst();
  return added !== undefined;
}

export function agencyLead(db: Db, leadUserId: string, agencyId: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('user_role as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.email', 'u.display_name'])
    .where('u.id', '=', leadUserId)
    .where('u.agency_id', '=', agencyId)
    .where('r.role', '=', 'audit_lead')
    .where('u.active', '=', true)
    .executeTakeFirst();
}

export function lockInvitation(db: Db, auditId: string, agencyId: string) {
  return db
    .selectFrom('audit_agency')
    .select('lead_user_id')
    .where('audit_id', '=', auditId)
    .where('agency_id', '=', agencyId)
    .forUpdate()
    .executeTakeFirst();
}

export async function setLead(db: Db, auditId: string, agencyId: string, leadUserId: string): Promise<void> {
  await db
    .updateTable('audit_agency')
    .set({ lead_user_id: leadUserId })
    .where('audit_id', '=', auditId)
    .where('agency_id', '=', agencyId)
    .execute();
}

/** Whether the agency has recorded any involvement in the audit's cases. */
export async function hasRecorded(db: Db, auditId: string, agencyId: string): Promise<boolean> {
  const used = await db
    .selectFrom('involvement as i')
    .innerJoin('audit_case as c', 'c.id', 'i.case_id')
    .select('i.case_id')
    .where('c.audit_id', '=', auditId)
    .where('i.agency_id', '=', agencyId)
    .executeTakeFirst();
  return used !== undefined;
}

export async function deleteInvitation(db: Db, auditId: string, agencyId: string): Promise<void> {
  await db.deleteFrom('audit_agency').where('audit_id', '=', auditId).where('agency_id', '=', agencyId).execute();
}
