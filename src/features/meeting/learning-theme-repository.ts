import type { Db } from '../../db/database.ts';
import { LEARNING_THEMES } from '../../domain/theme-suggester.ts';

/** The partnership's learning themes, starting from the taxonomy in DOMAIN.md (idempotent). */
export async function ensureLearningThemes(db: Db, partnershipId: string): Promise<void> {
  const have = await db
    .selectFrom('learning_theme')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .limit(1)
    .executeTakeFirst();
  if (have) return;
  await db
    .insertInto('learning_theme')
    .values(LEARNING_THEMES.map((t) => ({ partnership_id: partnershipId, code: t.code, label: t.label })))
    .onConflict((oc) => oc.columns(['partnership_id', 'code']).doNothing())
    .execute();
}

export async function listThemes(db: Db, partnershipId: string) {
  await ensureLearningThemes(db, partnershipId);
  return db
    .selectFrom('learning_theme')
    .select(['id', 'code', 'label', 'active'])
    .where('partnership_id', '=', partnershipId)
    .orderBy('label')
    .execute();
}

export async function insertTheme(db: Db, theme: { partnershipId: string; code: string; label: string }) {
  const row = await db
    .insertInto('learning_theme')
    .values({ partnership_id: theme.partnershipId, code: theme.code, label: theme.label })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateTheme(
  db: Db,
  theme: { id: string; partnershipId: string; label: string; active: boolean },
): Promise<boolean> {
  const row = await db
    .updateTable('learning_theme')
    .set({ label: theme.label, active: theme.active, updated_at: new Date() })
    .where('id', '=', theme.id)
    .where('partnership_id', '=', theme.partnershipId)
    .returning('id')
    .executeTakeFirst();
  return !!row;
}
