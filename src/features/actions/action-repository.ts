import type { Db } from '../../db/database.ts';
import type { ActionStatus } from '../../domain/action-rag.ts';

/** Actions of the action plan, their progress updates and the reminders sent about them. */
export const actionQuery = (db: Db) =>
  db
    .selectFrom('action as x')
    .innerJoin('audit as a', 'a.id', 'x.audit_id')
    .innerJoin('agency as g', 'g.id', 'x.agency_id')
    .innerJoin('app_user as u', 'u.id', 'x.lead_user_id')
    .select([
      'x.id',
      'x.audit_id',
      'a.title as audit_title',
      'a.partnership_id',
      'x.text',
      'x.agency_id',
      'g.name as agency_name',
      'x.lead_user_id',
      'u.display_name as lead_name',
      'x.start_on',
      'x.due_on',
      'x.status',
      'x.reaudit_on',
      'x.evidence_completion',
      'x.evidence_impact',
      'x.version',
      'x.recommendation_id',
      'x.updated_at',
    ]);

export type ActionRow = Awaited<ReturnType<ReturnType<typeof actionQuery>['execute']>>[number];

/** Open actions due by `soon` whose lead is active, with the lead's e-mail. */
export function dueActions(db: Db, soon: string) {
  return actionQuery(db)
    .where('x.status', '!=', 'complete')
    .where('x.due_on', '<=', soon)
    .where('u.active', '=', true)
    .select('u.email')
    .execute();
}

/** Claims one reminder; false when it was claimed already (by another instance or run). */
export async function claimReminder(
  db: Db,
  reminder: { actionId: string; kind: 'overdue' | 'due_soon'; periodKey: string },
): Promise<boolean> {
  const claimed = await db
    .insertInto('action_reminder')
    .values({ action_id: reminder.actionId, kind: reminder.kind, period_key: reminder.periodKey })
    .onConflict((oc) => oc.doNothing())
    .returning('action_id')
    .executeTakeFirst();
  return !!claimed;
}

export const actionsOfAudit = (db: Db, auditId: string) =>
  actionQuery(db).where('x.audit_id', '=', auditId).orderBy('x.due_on').execute();

export const findAction = (db: Db, actionId: string) => actionQuery(db).where('x.id', '=', actionId).executeTakeFirst();

export function updatesOf(db: Db, actionId: string) {
  return db
    .selectFrom('action_update as p')
    .leftJoin('app_user as u', 'u.id', 'p.created_by')
    .select(['p.on_date', 'p.text', 'p.status', 'p.created_at', 'u.display_name'])
    .where('p.action_id', '=', actionId)
    .orderBy('p.created_at', 'desc')
    .execute();
}

/** The partnership's actions: open ones (or all of one lead's), optionally of one agency. */
export function trackedActions(db: Db, filter: { partnershipId: string; leadUserId?: string; agencyId?: string }) {
  let query = actionQuery(db).where('a.partnership_id', '=', filter.partnershipId);
  if (filter.leadUserId) query = query.where('x.lead_user_id', '=', filter.leadUserId);
  else query = query.where('x.status', '!=', 'complete');
  if (filter.agencyId) query = query.where('x.agency_id', '=', filter.agencyId);
  return query.orderBy('g.name').orderBy('x.due_on').execute();
}

/** Progress recorded on the partnership's actions on or after a date. */
export function updatesSince(db: Db, partnershipId: string, since: string) {
  return db
    .selectFrom('action_update as p')
    .innerJoin('action as x', 'x.id', 'p.action_id')
    .innerJoin('audit as a', 'a.id', 'x.audit_id')
    .select(['p.action_id', 'p.on_date', 'p.text', 'p.status'])
    .where('a.partnership_id', '=', partnershipId)
    .where('p.on_date', '>=', since)
    .orderBy('p.on_date', 'desc')
    .execute();
}

/** A new or changed action, as the coordinator or panel types it. */
export type ActionFields = {
  text: string;
  agencyId: string;
  leadUserId: string;
  recommendationId: string | null;
  singleAgencyActionId: string | null;
  startOn: string | null;
  dueOn: string;
  reauditOn: string | null;
};

export async function insertAction(db: Db, a: ActionFields & { auditId: string; createdBy: string }): Promise<string> {
  const row = await db
    .insertInto('action')
    .values({
      audit_id: a.auditId,
      text: a.text,
      agency_id: a.agencyId,
      lead_user_id: a.leadUserId,
      recommendation_id: a.recommendationId,
      single_agency_action_id: a.singleAgencyActionId,
      start_on: a.startOn,
      due_on: a.dueOn,
      reaudit_on: a.reauditOn,
      created_by: a.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type ActionProgress = {
  status: ActionStatus;
  text: string;
  evidenceCompletion: string;
  evidenceImpact: string;
  version: number;
};

/** Records progress on an action still at `version`; false when someone else updated it first. */
export async function recordProgress(
  db: Db,
  p: ActionProgress & { actionId: string; onDate: string; userId: string },
): Promise<boolean> {
  const row = await db
    .updateTable('action')
    .set((eb) => ({
      status: p.status,
      evidence_completion: p.evidenceCompletion,
      evidence_impact: p.evidenceImpact,
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', p.actionId)
    .where('version', '=', p.version)
    .returning('id')
    .executeTakeFirst();
  if (!row) return false;
  await db
    .insertInto('action_update')
    .values({ action_id: p.actionId, on_date: p.onDate, text: p.text, status: p.status, created_by: p.userId })
    .execute();
  return true;
}
