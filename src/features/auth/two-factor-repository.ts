import type { Executor } from '../../db/transaction.ts';

/** SQL for a person's authenticator secret and recovery codes. */
export async function findConfirmedTotp(db: Executor, userId: string) {
  return db
    .selectFrom('user_totp')
    .selectAll()
    .where('user_id', '=', userId)
    .where('confirmed_at', 'is not', null)
    .executeTakeFirst();
}

export async function recordTotpStep(db: Executor, userId: string, step: number): Promise<void> {
  await db
    .updateTable('user_totp')
    .set({ last_used_step: step, updated_at: new Date() })
    .where('user_id', '=', userId)
    .execute();
}

/** Marks an unused recovery code used; true when there was one. */
export async function useRecoveryCode(db: Executor, userId: string, codeHash: string): Promise<boolean> {
  const used = await db
    .updateTable('recovery_code')
    .set({ used_at: new Date() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return !!used;
}

/** Replaces the person's secret and recovery codes with a confirmed new set. */
export async function replaceTwoFactor(
  db: Executor,
  userId: string,
  secretEncrypted: string,
  step: number,
  codeHashes: string[],
): Promise<void> {
  await db.deleteFrom('user_totp').where('user_id', '=', userId).execute();
  await db
    .insertInto('user_totp')
    .values({ user_id: userId, secret_encrypted: secretEncrypted, confirmed_at: new Date(), last_used_step: step })
    .execute();
  await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
  await db
    .insertInto('recovery_code')
    .values(codeHashes.map((code_hash) => ({ user_id: userId, code_hash })))
    .execute();
}

export async function countUnusedRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_code')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
