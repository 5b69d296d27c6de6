import type { Db } from '../../db/database.ts';

/** Immediate safeguarding concerns as plain SQL; each function takes the database or a transaction. */
export function childrenOfCase(db: Db, caseId: string) {
  return db
    .selectFrom('case_child')
    .select(['id', 'pseudonym'])
    .where('case_id', '=', caseId)
    .orderBy('position')
    .orderBy('pseudonym')
    .execute();
}

export async function childInCase(db: Db, childId: string, caseId: string): Promise<boolean> {
  const row = await db
    .selectFrom('case_child')
    .select('id')
    .where('id', '=', childId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return !!row;
}

export type ConcernRow = {
  auditId: string;
  caseId: string;
  agencyId: string;
  childId: string | null;
  whatFound: string;
  toldWhom: string;
  toldAt: Date;
  createdBy: string;
};

export async function insertConcern(db: Db, concern: ConcernRow): Promise<string> {
  const row = await db
    .insertInto('immediate_concern')
    .values({
      audit_id: concern.auditId,
      case_id: concern.caseId,
      agency_id: concern.agencyId,
      child_id: concern.childId,
      what_found: concern.whatFound,
      told_whom: concern.toldWhom,
      told_at: concern.toldAt,
      created_by: concern.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Who may be told of a concern: the partnership's active coordinators and the agency's safeguarding lead. */
export async function concernAddressees(db: Db, partnershipId: string, agencyId: string) {
  const [coordinators, lead] = await Promise.all([
    db
      .selectFrom('app_user as u')
      .innerJoin('user_role as r', 'r.user_id', 'u.id')
      .select(['u.display_name as name', 'u.email'])
      .where('u.partnership_id', '=', partnershipId)
      .where('r.role', '=', 'coordinator')
      .where('u.active', '=', true)
      .orderBy('u.display_name')
      .execute(),
    safeguardingLeadOf(db, agencyId),
  ]);
  return { coordinators, safeguardingLeadEmail: lead };
}

export async function safeguardingLeadOf(db: Db, agencyId: string): Promise<string | null> {
  const agency = await db
    .selectFrom('agency')
    .select('safeguarding_lead_email')
    .where('id', '=', agencyId)
    .executeTakeFirst();
  return agency?.safeguarding_lead_email?.trim() || null;
}

export function findConcern(db: Db, concernId: string) {
  return db
    .selectFrom('immediate_concern as c')
    .innerJoin('audit as a', 'a.id', 'c.audit_id')
    .innerJoin('audit_case as k', 'k.id', 'c.case_id')
    .innerJoin('agency as g', 'g.id', 'c.agency_id')
    .leftJoin('case_child as ch', 'ch.id', 'c.child_id')
    .leftJoin('app_user as u', 'u.id', 'c.created_by')
    .select([
      'c.id',
      'c.audit_id',
      'a.title',
      'a.partnership_id',
      'k.reference',
      'g.name as agency_name',
      'c.agency_id',
      'ch.pseudonym',
      'c.what_found',
      'c.told_whom',
      'c.told_at',
      'c.outcome',
      'c.outcome_recorded_at',
      'c.created_at',
      'u.display_name as raised_by',
    ])
    .where('c.id', '=', concernId)
    .executeTakeFirst();
}

export async function recordOutcome(
  db: Db,
  o: { concernId: string; partnershipId: string; outcome: string; userId: string },
): Promise<boolean> {
  const updated = await db
    .updateTable('immediate_concern')
    .set({ outcome: o.outcome, outcome_recorded_at: new Date(), outcome_recorded_by: o.userId })
    .where('id', '=', o.concernId)
    .where('audit_id', 'in', (eb) => eb.selectFrom('audit').select('id').where('partnership_id', '=', o.partnershipId))
    .returning('id')
    .executeTakeFirst();
  return !!updated;
}

export function concernsOfAudit(db: Db, auditId: string) {
  return db
    .selectFrom('immediate_concern as c')
    .innerJoin('audit_case as k', 'k.id', 'c.case_id')
    .innerJoin('agency as g', 'g.id', 'c.agency_id')
    .leftJoin('case_child as ch', 'ch.id', 'c.child_id')
    .select([
      'c.id',
      'k.reference',
      'g.name as agency_name',
      'ch.pseudonym',
      'c.what_found',
      'c.outcome',
      'c.created_at',
      'c.outcome_recorded_at',
    ])
    .where('c.audit_id', '=', auditId)
    .orderBy('c.created_at', 'desc')
    .execute();
}

export async function unresolvedCount(db: Db, auditId: string): Promise<number> {
  const row = await db
    .selectFrom('immediate_concern')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('audit_id', '=', auditId)
    .where('outcome', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
