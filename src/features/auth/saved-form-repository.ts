import type { Executor } from '../../db/transaction.ts';

/** SQL for the fields of a form sent after its session ended, kept encrypted for a while. */
export async function insertSavedForm(
  db: Executor,
  form: { keyHash: string; path: string; encrypted: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('saved_form')
    .values({ key_hash: form.keyHash, path: form.path, encrypted: form.encrypted, expires_at: form.expiresAt })
    .execute();
}

/** Deletes the kept form as it hands it back, so it is offered once. */
export async function takeSavedFormRow(db: Executor, keyHash: string, path: string): Promise<string | undefined> {
  const row = await db
    .deleteFrom('saved_form')
    .where('key_hash', '=', keyHash)
    .where('path', '=', path)
    .where('expires_at', '>', new Date())
    .returning('encrypted')
    .executeTakeFirst();
  return row?.encrypted;
}
