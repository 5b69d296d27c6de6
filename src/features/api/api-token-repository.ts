import type { Executor } from '../../db/transaction.ts';

/** SQL for personal access tokens, stored as hashes. */
export async function insertApiToken(
  db: Executor,
  token: { userId: string; name: string; tokenHash: string; prefix: string; createdBy: string | null },
): Promise<string> {
  const row = await db
    .insertInto('api_token')
    .values({
      user_id: token.userId,
      name: token.name,
      token_hash: token.tokenHash,
      prefix: token.prefix,
      created_by: token.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listApiTokens(db: Executor, userId: string) {
  return db
    .selectFrom('api_token')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** Revokes the person's own live token; true when there was one. */
export async function revokeApiToken(db: Executor, userId: string, tokenId: string): Promise<boolean> {
  const row = await db
    .updateTable('api_token')
    .set({ revoked_at: new Date() })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return !!row;
}

export async function findLiveApiToken(db: Executor, tokenHash: string) {
  return db
    .selectFrom('api_token')
    .select(['id', 'user_id', 'last_used_at'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function touchApiToken(db: Executor, id: string): Promise<void> {
  await db.updateTable('api_token').set({ last_used_at: new Date() }).where('id', '=', id).execute();
}
