import type { Db } from '../../db/database.ts';

/** SQL for what happened to a return and the single-agency actions it proposes. */
export async function returnHistory(db: Db, returnId: string) {
  return db
    .selectFrom('return_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.created_by')
    .select(['e.event', 'e.from_status', 'e.to_status', 'e.comment', 'e.created_at', 'u.display_name'])
    .where('e.return_id', '=', returnId)
    .orderBy('e.created_at', 'desc')
    .execute();
}

export async function actionsFor(db: Db, returnId: string) {
  return db
    .selectFrom('single_agency_action')
    .select(['id', 'action', 'owner', 'due_on'])
    .where('return_id', '=', returnId)
    .orderBy('position')
    .orderBy('created_at')
    .execute();
}

export async function insertAction(
  db: Db,
  input: { returnId: string; action: string; owner: string; dueOn: string | null; userId: string },
): Promise<void> {
  await db
    .insertInto('single_agency_action')
    .values({
      return_id: input.returnId,
      action: input.action,
      owner: input.owner,
      due_on: input.dueOn,
      created_by: input.userId,
    })
    .execute();
}

/** Answers whether an action of this return was removed. */
export async function deleteAction(db: Db, returnId: string, actionId: string): Promise<boolean> {
  const removed = await db
    .deleteFrom('single_agency_action')
    .where('id', '=', actionId)
    .where('return_id', '=', returnId)
    .executeTakeFirst();
  return Number(removed.numDeletedRows) > 0;
}
