import type { Db } from '../../db/database.ts';

/**
 * Chronology imports and their uploaded files as plain SQL; each function takes the database or a
 * transaction. Progress is written on the database itself, so it shows while the import's own
 * transaction is still open.
 */
export function findImport(db: Db, importId: string) {
  return db.selectFrom('chronology_import').selectAll().where('id', '=', importId).executeTakeFirst();
}

export async function insertImport(
  db: Db,
  i: { caseId: string; agencyId: string; filename: string; createdBy: string },
): Promise<string> {
  const row = await db
    .insertInto('chronology_import')
    .values({ case_id: i.caseId, agency_id: i.agencyId, filename: i.filename, format: 'csv', created_by: i.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteImport(db: Db, importId: string): Promise<void> {
  await db.deleteFrom('chronology_import').where('id', '=', importId).execute();
}

export async function describeUpload(
  db: Db,
  importId: string,
  u: { format: 'csv' | 'xlsx'; encoding: string; size: number; headers: string[]; mapping: object },
): Promise<void> {
  await db
    .updateTable('chronology_import')
    .set({
      format: u.format,
      encoding: u.encoding,
      size_bytes: u.size,
      headers: JSON.stringify(u.headers),
      mapping: JSON.stringify(u.mapping),
    })
    .where('id', '=', importId)
    .execute();
}

export async function startChecking(db: Db, importId: string, mapping: object): Promise<void> {
  await db
    .updateTable('chronology_import')
    .set({ mapping: JSON.stringify(mapping), status: 'checking', progress: 0, updated_at: new Date() })
    .where('id', '=', importId)
    .execute();
}

/** Moves a previewed import on to importing; false when it was no longer previewed. */
export async function startImporting(db: Db, importId: string): Promise<boolean> {
  const moved = await db
    .updateTable('chronology_import')
    .set({ status: 'importing', progress: 0 })
    .where('id', '=', importId)
    .where('status', '=', 'previewed')
    .returning('id')
    .executeTakeFirst();
  return !!moved;
}

export async function setImportStatus(db: Db, importId: string, status: 'imported' | 'discarded'): Promise<void> {
  await db.updateTable('chronology_import').set({ status }).where('id', '=', importId).execute();
}

export async function setProgress(db: Db, importId: string, progress: number): Promise<void> {
  await db.updateTable('chronology_import').set({ progress }).where('id', '=', importId).execute();
}

export async function markFailed(db: Db, importId: string, failure: string): Promise<void> {
  await db
    .updateTable('chronology_import')
    .set({ status: 'failed', failure, updated_at: new Date() })
    .where('id', '=', importId)
    .execute();
}

export async function recordPreview(
  db: Db,
  importId: string,
  p: { total: number; good: number; bad: number; duplicates: number; problems: { row: number; reason: string }[] },
): Promise<void> {
  await db
    .updateTable('chronology_import')
    .set({
      status: 'previewed',
      total_rows: p.total,
      good_rows: p.good,
      bad_rows: p.bad,
      duplicate_rows: p.duplicates,
      problems: JSON.stringify(p.problems),
      progress: p.total,
      updated_at: new Date(),
    })
    .where('id', '=', importId)
    .execute();
}

export async function markImported(db: Db, importId: string, imported: number): Promise<void> {
  await db
    .updateTable('chronology_import')
    .set({ status: 'imported', imported_rows: imported, progress: imported, updated_at: new Date() })
    .where('id', '=', importId)
    .execute();
}

export async function insertUploadChunk(db: Db, importId: string, seq: number, data: string): Promise<void> {
  await db.insertInto('chronology_upload_chunk').values({ import_id: importId, seq, data }).execute();
}

export async function findUploadChunk(db: Db, importId: string, seq: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('chronology_upload_chunk')
    .select('data')
    .where('import_id', '=', importId)
    .where('seq', '=', seq)
    .executeTakeFirst();
  return row?.data;
}

export async function deleteUploadChunks(db: Db, importId: string): Promise<void> {
  await db.deleteFrom('chronology_upload_chunk').where('import_id', '=', importId).execute();
}
