import type { Db } from '../../db/database.ts';
import { fingerprint, toRow, type EntryFilter, type EntryInput, type EntryRow } from './entry-row.ts';

export { fingerprint, type EntryFilter, type EntryInput, type EntryRow } from './entry-row.ts';

/** The columns an `EntryRow` is made from. */
function selectEntries(db: Db) {
  return db
    .selectFrom('chronology_entry as e')
    .innerJoin('agency as g', 'g.id', 'e.agency_id')
    .select([
      'e.id',
      'e.case_id',
      'e.agency_id',
      'g.name as agency_name',
      'e.date_from',
      'e.date_to',
      'e.precision',
      'e.event',
      'e.source',
      'e.category',
      'e.impact',
      'e.action_taken',
      'e.significant',
      'e.version',
      'e.import_id',
    ]);
}

export async function listEntries(db: Db, caseId: string, filter: EntryFilter = {}): Promise<EntryRow[]> {
  let query = selectEntries(db).where('e.case_id', '=', caseId);
  if (filter.agencyIds?.length) query = query.where('e.agency_id', 'in', filter.agencyIds);
  if (filter.categories?.length) query = query.where('e.category', 'in', filter.categories);
  if (filter.impacts?.length)
    query = query.where('e.impact', 'in', filter.impacts as ('positive' | 'negative' | 'neutral')[]);
  if (filter.from) query = query.where('e.date_to', '>=', filter.from);
  if (filter.to) query = query.where('e.date_from', '<=', filter.to);
  if (filter.significantOnly) query = query.where('e.significant', '=', true);
  const rows = await query.orderBy('e.date_from').orderBy('g.name').orderBy('e.created_at').execute();
  return rows.map(toRow);
}

export async function findEntry(
  db: Db,
  caseId: string,
  agencyId: string,
  entryId: string,
): Promise<EntryRow | undefined> {
  const rows = await selectEntries(db)
    .where('e.id', '=', entryId)
    .where('e.case_id', '=', caseId)
    .where('e.agency_id', '=', agencyId)
    .execute();
  return rows[0] ? toRow(rows[0]) : undefined;
}

/** The fingerprints of an agency's entries for a case: what an import would add twice. */
export async function entryFingerprints(db: Db, caseId: string, agencyId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('chronology_entry')
    .select('fingerprint')
    .where('case_id', '=', caseId)
    .where('agency_id', '=', agencyId)
    .execute();
  return new Set(rows.map((r) => r.fingerprint));
}

const columns = (e: EntryInput) => ({
  date_from: e.from,
  date_to: e.to,
  precision: e.precision,
  event: e.event,
  source: e.source,
  category: e.category,
  impact: e.impact,
  action_taken: e.actionTaken,
  significant: e.significant,
  fingerprint: fingerprint(e),
});

/** Inserts an entry unless the agency already has the same one for the case; true when added. */
export async function insertEntry(
  db: Db,
  caseId: string,
  agencyId: string,
  e: EntryInput,
  userId: string | null,
  importId: string | null = null,
): Promise<boolean> {
  const row = await db
    .insertInto('chronology_entry')
    .values({ case_id: caseId, agency_id: agencyId, ...columns(e), import_id: importId, created_by: userId })
    .onConflict((oc) => oc.columns(['case_id', 'agency_id', 'fingerprint']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!row;
}

/** Inserts many entries at once, skipping any the agency already has; returns how many were added. */
export async function insertEntries(
  db: Db,
  caseId: string,
  agencyId: string,
  entries: EntryInput[],
  userId: string | null,
  importId: string | null,
): Promise<number> {
  if (entries.length === 0) return 0;
  const rows = await db
    .insertInto('chronology_entry')
    .values(
      entries.map((e) => ({
        case_id: caseId,
        agency_id: agencyId,
        ...columns(e),
        import_id: importId,
        created_by: userId,
      })),
    )
    .onConflict((oc) => oc.columns(['case_id', 'agency_id', 'fingerprint']).doNothing())
    .returning('id')
    .execute();
  return rows.length;
}

/**
 * Updates only if nobody changed the entry since `version`: 'stale' otherwise, 'duplicate' if it
 * now repeats another.
 */
export async function updateEntry(
  db: Db,
  entryId: string,
  caseId: string,
  agencyId: string,
  version: number,
  e: EntryInput,
): Promise<'updated' | 'stale' | 'duplicate'> {
  const clash = await db
    .selectFrom('chronology_entry')
    .select('id')
    .where('case_id', '=', caseId)
    .where('agency_id', '=', agencyId)
    .where('fingerprint', '=', fingerprint(e))
    .where('id', '!=', entryId)
    .executeTakeFirst();
  if (clash) return 'duplicate';
  const updated = await db
    .updateTable('chronology_entry')
    .set((eb) => ({ ...columns(e), version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', entryId)
    .where('case_id', '=', caseId)
    .where('agency_id', '=', agencyId)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return updated ? 'updated' : 'stale';
}

export async function deleteEntry(db: Db, entryId: string, caseId: string, agencyId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('chronology_entry')
    .where('id', '=', entryId)
    .where('case_id', '=', caseId)
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
