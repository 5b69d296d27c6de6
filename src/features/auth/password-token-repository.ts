import type { Executor } from '../../db/transaction.ts';

/** SQL for the one-use links that reset a password or accept an invitation. */
export async function insertPasswordToken(
  db: Executor,
  token: { userId: string; purpose: 'reset' | 'invite'; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('password_token')
    .values({
      user_id: token.userId,
      purpose: token.purpose,
      token_hash: token.tokenHash,
      expires_at: token.expiresAt,
    })
    .execute();
}

/** A link that is unused, unexpired and whose person is still active. */
export async function findUsablePasswordToken(db: Executor, tokenHash: string) {
  return db
    .selectFrom('password_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .select(['t.id', 't.user_id', 't.purpose', 'u.email', 'u.display_name', 'u.partnership_id'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.used_at', 'is', null)
    .where('t.expires_at', '>', new Date())
    .where('u.active', '=', true)
    .executeTakeFirst();
}

/** Uses the link once; answers whose it was, with the person's partnership and address. */
export async function consumePasswordToken(db: Executor, tokenHash: string) {
  const row = await db
    .updateTable('password_token')
    .set({ used_at: new Date() })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returning(['user_id', 'purpose'])
    .executeTakeFirst();
  if (!row) return undefined;
  const user = await db
    .selectFrom('app_user')
    .select(['partnership_id', 'email'])
    .where('id', '=', row.user_id)
    .executeTakeFirstOrThrow();
  return { userId: row.user_id, purpose: row.purpose, partnershipId: user.partnership_id, email: user.email };
}

/** An invitation sent again makes the earlier links of that person useless. */
export async function revokeInvitations(db: Executor, userId: string): Promise<void> {
  await db
    .updateTable('password_token')
    .set({ used_at: new Date() })
    .where('user_id', '=', userId)
    .where('purpose', '=', 'invite')
    .where('used_at', 'is', null)
    .execute();
}

/** Links expired before `before` are of no use to anyone; answers how many went. */
export async function deleteExpiredPasswordTokens(db: Executor, before: Date): Promise<number> {
  const result = await db.deleteFrom('password_token').where('expires_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
