import type { Executor } from '../../db/transaction.ts';
import type { Role } from '../../domain/roles.ts';

const likePattern = (q: string) => `%${q.replace(/[%_\\]/g, '\\$&')}%`;

/** SQL for the administrators' view of people: the list, and changes to a person's rights. */
export async function listPeople(db: Executor, partnershipId: string, filter: { q: string; role?: Role }) {
  let query = db
    .selectFrom('app_user as u')
    .leftJoin('agency as g', 'g.id', 'u.agency_id')
    .select([
      'u.id',
      'u.display_name',
      'u.email',
      'u.active',
      'u.password_hash',
      'u.last_sign_in_at',
      'g.name as agency_name',
    ])
    .where('u.partnership_id', '=', partnershipId);
  const { q, role } = filter;
  if (q)
    query = query.where((eb) =>
      eb.or([eb('u.display_name', 'ilike', likePattern(q)), eb('u.email', 'ilike', likePattern(q))]),
    );
  if (role)
    query = query.where('u.id', 'in', (eb) => eb.selectFrom('user_role').select('user_id').where('role', '=', role));
  return query.orderBy('u.display_name').limit(500).execute();
}

export async function rolesOfPeople(db: Executor, userIds: string[]) {
  if (!userIds.length) return [];
  return db.selectFrom('user_role').select(['user_id', 'role']).where('user_id', 'in', userIds).execute();
}

export async function emailTaken(db: Executor, email: string): Promise<boolean> {
  return !!(await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirst());
}

/** Locks the person's row for the change, with their current roles. */
export async function lockPersonForChange(db: Executor, partnershipId: string, userId: string) {
  const before = await db
    .selectFrom('app_user')
    .select(['agency_id', 'active', 'display_name'])
    .where('id', '=', userId)
    .where('partnership_id', '=', partnershipId)
    .forUpdate()
    .executeTakeFirst();
  if (!before) return undefined;
  const roles = await db.selectFrom('user_role').select('role').where('user_id', '=', userId).execute();
  return { ...before, roles: roles.map((r) => r.role).sort() };
}

export async function updatePerson(
  db: Executor,
  userId: string,
  person: { name: string; jobTitle: string | null; agencyId: string | null; active: boolean; roles: Role[] },
): Promise<void> {
  await db
    .updateTable('app_user')
    .set({
      display_name: person.name,
      job_title: person.jobTitle,
      agency_id: person.agencyId,
      active: person.active,
      updated_at: new Date(),
    })
    .where('id', '=', userId)
    .execute();
  await db.deleteFrom('user_role').where('user_id', '=', userId).execute();
  if (person.roles.length)
    await db
      .insertInto('user_role')
      .values(person.roles.map((role) => ({ user_id: userId, role })))
      .execute();
}

export async function findInvitee(db: Executor, partnershipId: string, userId: string) {
  return db
    .selectFrom('app_user')
    .select(['email', 'display_name', 'password_hash', 'active'])
    .where('id', '=', userId)
    .where('partnership_id', '=', partnershipId)
    .executeTakeFirst();
}
