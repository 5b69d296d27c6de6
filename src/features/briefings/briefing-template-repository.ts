import type { Db } from '../../db/database.ts';
import type { TemplateSection } from '../../domain/briefing-template.ts';
import { SHIPPED_BRIEFINGS, type BriefingKind } from '../../domain/shipped-briefings.ts';

/** Briefing templates as plain SQL; each function takes the database or a transaction. */
export async function shippedKeys(db: Db, partnershipId: string): Promise<(string | null)[]> {
  const rows = await db
    .selectFrom('briefing_template')
    .select('shipped_key')
    .where('partnership_id', '=', partnershipId)
    .where('shipped_key', 'is not', null)
    .execute();
  return rows.map((r) => r.shipped_key);
}

/** Copies the shipped templates named into the partnership; one already there is left alone. */
export async function insertShipped(db: Db, partnershipId: string, kinds: BriefingKind[]): Promise<void> {
  await db
    .insertInto('briefing_template')
    .values(
      kinds.map((kind) => ({
        partnership_id: partnershipId,
        kind,
        shipped_key: kind,
        name: SHIPPED_BRIEFINGS[kind].name,
        description: SHIPPED_BRIEFINGS[kind].description,
        sections: JSON.stringify(SHIPPED_BRIEFINGS[kind].sections),
      })),
    )
    .onConflict((oc) => oc.columns(['partnership_id', 'shipped_key']).doNothing())
    .execute();
}

export function templatesOf(db: Db, partnershipId: string) {
  return db
    .selectFrom('briefing_template')
    .select(['id', 'kind', 'name', 'description', 'version', 'updated_at'])
    .where('partnership_id', '=', partnershipId)
    .orderBy('created_at')
    .orderBy('name')
    .execute();
}

export function template(db: Db, partnershipId: string, id: string) {
  return db
    .selectFrom('briefing_template')
    .selectAll()
    .where('id', '=', id)
    .where('partnership_id', '=', partnershipId)
    .executeTakeFirst();
}

/** Saves the sections against the version the editor started from; false when it has moved on. */
export async function saveSections(
  db: Db,
  t: { partnershipId: string; id: string; sections: TemplateSection[]; version: number },
): Promise<boolean> {
  const row = await db
    .updateTable('briefing_template')
    .set((eb) => ({ sections: JSON.stringify(t.sections), version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', t.id)
    .where('partnership_id', '=', t.partnershipId)
    .where('version', '=', t.version)
    .returning('id')
    .executeTakeFirst();
  return !!row;
}

export async function sectionsOf(db: Db, id: string): Promise<TemplateSection[]> {
  const row = await db
    .selectFrom('briefing_template')
    .select('sections')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.sections;
}
