import type { Executor } from '../../db/transaction.ts';

/** SQL for the partnership's own row: its name and settings. */
export async function findPartnershipSettings(db: Executor, partnershipId: string) {
  return db
    .selectFrom('partnership')
    .select(['name', 'public_library', 'settings'])
    .where('id', '=', partnershipId)
    .executeTakeFirstOrThrow();
}

export async function updatePartnership(
  db: Executor,
  partnershipId: string,
  change: { name: string; publicLibrary: boolean; settings: Record<string, unknown> },
): Promise<void> {
  await db
    .updateTable('partnership')
    .set({
      name: change.name,
      public_library: change.publicLibrary,
      settings: JSON.stringify(change.settings),
      updated_at: new Date(),
    })
    .where('id', '=', partnershipId)
    .execute();
}

/** Up to two partnership names: one means the instance serves a single partnership. */
export async function firstPartnershipNames(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('partnership').select('name').limit(2).execute();
  return rows.map((row) => row.name);
}

export async function listPartnerships(db: Executor): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('partnership').select(['id', 'name']).execute();
}

export async function insertPartnership(db: Executor, name: string): Promise<{ id: string; name: string }> {
  return db.insertInto('partnership').values({ name }).returning(['id', 'name']).executeTakeFirstOrThrow();
}
