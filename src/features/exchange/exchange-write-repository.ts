import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';

/**
 * The writes of an import, as plain SQL, each in the caller's transaction. Most records of an
 * audit are rows the writer has already made with new ids, so one insert of a table's rows serves
 * them all; what needs an answer back (a new id, an existing match) has its own function.
 */
export async function insertRows<T extends keyof Database>(
  db: Db,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  if (rows.length) await db.insertInto(table).values(rows).execute();
}

export async function insertAgency(db: Db, agency: Insertable<Database['agency']>): Promise<string> {
  const row = await db.insertInto('agency').values(agency).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The partnership's audit tool versions, oldest first: the first of the same content is the match. */
export function partnershipTemplateVersions(db: Db, partnershipId: string) {
  return db
    .selectFrom('template_version as v')
    .innerJoin('tool_template as t', 't.id', 'v.template_id')
    .select(['v.id', 'v.content'])
    .where('t.partnership_id', '=', partnershipId)
    .orderBy('v.created_at')
    .execute();
}

export async function insertToolTemplate(db: Db, template: Insertable<Database['tool_template']>): Promise<string> {
  const row = await db.insertInto('tool_template').values(template).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function templateNames(db: Db, partnershipId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('tool_template')
    .select('name')
    .where('partnership_id', '=', partnershipId)
    .execute();
  return rows.map((x) => x.name);
}

/** The learning theme with this code, made when the partnership has none. */
export async function learningThemeFor(
  db: Db,
  theme: { partnershipId: string; code: string; label: string; description: string },
): Promise<string> {
  const found = await db
    .selectFrom('learning_theme')
    .select('id')
    .where('partnership_id', '=', theme.partnershipId)
    .where('code', '=', theme.code)
    .executeTakeFirst();
  if (found) return found.id;
  const created = await db
    .insertInto('learning_theme')
    .values({
      partnership_id: theme.partnershipId,
      code: theme.code,
      label: theme.label,
      description: theme.description,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return created.id;
}

export async function auditThemeByLabel(db: Db, partnershipId: string, label: string) {
  return db
    .selectFrom('audit_theme')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where((eb) => eb(eb.fn('lower', ['label']), '=', label.toLowerCase()))
    .executeTakeFirst();
}

export async function auditReferences(db: Db, partnershipId: string): Promise<string[]> {
  const rows = await db.selectFrom('audit').select('reference').where('partnership_id', '=', partnershipId).execute();
  return rows.map((x) => x.reference);
}

export async function insertFindingThemes(db: Db, rows: Insertable<Database['finding_theme']>[]): Promise<void> {
  if (rows.length)
    await db
      .insertInto('finding_theme')
      .values(rows)
      .onConflict((oc) => oc.doNothing())
      .execute();
}

export async function insertExchangeImport(db: Db, record: Insertable<Database['exchange_import']>): Promise<string> {
  const row = await db.insertInto('exchange_import').values(record).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
