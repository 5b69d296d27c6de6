import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.ts';

/** The themes a partnership starts with (DOMAIN.md and the seeds); it may rename or retire them. */
export const DEFAULT_AUDIT_THEMES = [
  'Domestic abuse',
  'Familial sexual abuse',
  'Neglect',
  'Exploitation',
  'Child sexual exploitation',
  'Criminal exploitation and county lines',
  'Voice of the child',
  'Early help',
  'Children missing education',
  'Mental health',
  'Harmful sexual behaviour',
];

export type AuditTheme = { id: string; label: string; active: boolean };

/**
 * Gives a partnership the default themes the first time its list is read, if it has none. One
 * statement, safe when two requests race: the unique index settles it.
 */
export async function ensureDefaultThemes(db: Executor, partnershipId: string): Promise<void> {
  await sql`
    INSERT INTO audit_theme (partnership_id, label)
    SELECT ${partnershipId}::uuid, label FROM unnest(${DEFAULT_AUDIT_THEMES}::text[]) AS label
    WHERE NOT EXISTS (SELECT 1 FROM audit_theme WHERE partnership_id = ${partnershipId}::uuid)
    ON CONFLICT (partnership_id, lower(label)) DO NOTHING
  `.execute(db);
}

export async function listThemes(db: Executor, partnershipId: string): Promise<AuditTheme[]> {
  await ensureDefaultThemes(db, partnershipId);
  return db
    .selectFrom('audit_theme')
    .select(['id', 'label', 'active'])
    .where('partnership_id', '=', partnershipId)
    .orderBy(sql`lower(label)`)
    .execute();
}

export async function findTheme(db: Executor, partnershipId: string, themeId: string): Promise<AuditTheme | undefined> {
  return db
    .selectFrom('audit_theme')
    .select(['id', 'label', 'active'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', themeId)
    .executeTakeFirst();
}

/** Inserts the theme; undefined when the partnership already has one of that name (any case). */
export async function insertTheme(
  db: Executor,
  partnershipId: string,
  label: string,
  userId: string,
): Promise<string | undefined> {
  const row = await sql<{ id: string }>`
    INSERT INTO audit_theme (partnership_id, label, created_by)
    VALUES (${partnershipId}::uuid, ${label}, ${userId}::uuid)
    ON CONFLICT (partnership_id, lower(label)) DO NOTHING
    RETURNING id
  `.execute(db);
  return row.rows[0]?.id;
}

/** Renames the theme; 'taken' when another theme has the name (the unique index also refuses it). */
export async function renameTheme(
  db: Executor,
  partnershipId: string,
  themeId: string,
  label: string,
): Promise<'renamed' | 'taken' | 'missing'> {
  const clash = await db
    .selectFrom('audit_theme')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where(sql<boolean>`lower(label) = lower(${label})`)
    .where('id', '!=', themeId)
    .executeTakeFirst();
  if (clash) return 'taken';
  const result = await db
    .updateTable('audit_theme')
    .set({ label, updated_at: new Date() })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', themeId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? 'renamed' : 'missing';
}

export async function setThemeActive(
  db: Executor,
  partnershipId: string,
  themeId: string,
  active: boolean,
): Promise<boolean> {
  const result = await db
    .updateTable('audit_theme')
    .set({ active, updated_at: new Date() })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', themeId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** How many audits use each theme, for the themes page. */
export async function themeUsage(db: Executor, partnershipId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('audit')
    .select(['theme_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('partnership_id', '=', partnershipId)
    .where('theme_id', 'is not', null)
    .groupBy('theme_id')
    .execute();
  return new Map(rows.map((r) => [r.theme_id!, Number(r.n)]));
}
