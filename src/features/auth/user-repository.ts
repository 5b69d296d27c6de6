import type { Db } from '../../db/database.ts';
import { isRole, type Role } from '../../domain/roles.ts';
import type { CurrentUser } from '../../web/request-context.ts';

export type UserRecord = {
  id: string;
  partnershipId: string;
  partnershipName: string;
  email: string;
  displayName: string;
  jobTitle: string | null;
  agencyId: string | null;
  agencyName: string | null;
  passwordHash: string | null;
  active: boolean;
  mfaExempt: boolean;
  roles: Role[];
  lastSignInAt: Date | null;
};

/** SQL for people. Every function takes the database or a transaction. */
export async function findUserByEmail(db: Db, email: string): Promise<UserRecord | undefined> {
  return findUser(db, 'email', email.trim().toLowerCase());
}

export async function findUserById(db: Db, id: string): Promise<UserRecord | undefined> {
  return findUser(db, 'id', id);
}

async function findUser(db: Db, column: 'id' | 'email', value: string): Promise<UserRecord | undefined> {
  const row = await db
    .selectFrom('app_user as u')
    .leftJoin('agency as a', 'a.id', 'u.agency_id')
    .innerJoin('partnership as p', 'p.id', 'u.partnership_id')
    .select([
      'p.name as partnership_name',
      'u.id',
      'u.partnership_id',
      'u.email',
      'u.display_name',
      'u.job_title',
      'u.agency_id',
      'a.name as agency_name',
      'u.password_hash',
      'u.active',
      'u.mfa_exempt',
      'u.last_sign_in_at',
    ])
    .where(`u.${column}`, '=', value)
    .executeTakeFirst();
  if (!row) return undefined;
  const roles = await db.selectFrom('user_role').select('role').where('user_id', '=', row.id).execute();
  return {
    id: row.id,
    partnershipId: row.partnership_id,
    partnershipName: row.partnership_name,
    email: row.email,
    displayName: row.display_name,
    jobTitle: row.job_title,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    passwordHash: row.password_hash,
    active: row.active,
    mfaExempt: row.mfa_exempt,
    roles: roles.map((r) => r.role).filter(isRole),
    lastSignInAt: row.last_sign_in_at,
  };
}

export function toCurrentUser(user: UserRecord): CurrentUser {
  return {
    id: user.id,
    partnershipId: user.partnershipId,
    partnershipName: user.partnershipName,
    agencyId: user.agencyId,
    roles: user.roles,
    active: user.active,
    email: user.email,
    displayName: user.displayName,
    agencyName: user.agencyName,
    mfaExempt: user.mfaExempt,
  };
}

export async function createUser(
  db: Db,
  user: {
    partnershipId: string;
    email: string;
    displayName: string;
    jobTitle?: string | null;
    agencyId?: string | null;
    passwordHash?: string | null;
    roles: Role[];
    mfaExempt?: boolean;
    createdBy?: string | null;
  },
): Promise<string> {
  const { id } = await db
    .insertInto('app_user')
    .values({
      partnership_id: user.partnershipId,
      email: user.email.trim().toLowerCase(),
      display_name: user.displayName,
      job_title: user.jobTitle ?? null,
      agency_id: user.agencyId ?? null,
      password_hash: user.passwordHash ?? null,
      mfa_exempt: user.mfaExempt ?? false,
      created_by: user.createdBy ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (user.roles.length > 0) {
    await db
      .insertInto('user_role')
      .values(user.roles.map((role) => ({ user_id: id, role })))
      .execute();
  }
  return id;
}

export async function setPasswordHash(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ password_hash: passwordHash, updated_at: new Date() })
    .where('id', '=', userId)
    .execute();
}

export async function recordSignIn(db: Db, userId: string): Promise<void> {
  await db.updateTable('app_user').set({ last_sign_in_at: new Date() }).where('id', '=', userId).execute();
}
