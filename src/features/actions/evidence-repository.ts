import type { Db } from '../../db/database.ts';

/** Evidence files on an action, stored encrypted in chunks (see evidence-service.ts). */
export function evidenceOf(db: Db, actionId: string) {
  return db
    .selectFrom('action_evidence as e')
    .leftJoin('app_user as u', 'u.id', 'e.created_by')
    .select(['e.id', 'e.kind', 'e.file_type', 'e.filename_encrypted', 'e.size_bytes', 'e.created_at', 'u.display_name'])
    .where('e.action_id', '=', actionId)
    .orderBy('e.created_at')
    .execute();
}

export async function insertEvidence(
  db: Db,
  e: {
    actionId: string;
    kind: 'completion' | 'impact';
    fileType: string;
    filenameEncrypted: string;
    sizeBytes: number;
    sha256: string;
    createdBy: string;
  },
): Promise<string> {
  const row = await db
    .insertInto('action_evidence')
    .values({
      action_id: e.actionId,
      kind: e.kind,
      file_type: e.fileType,
      filename_encrypted: e.filenameEncrypted,
      size_bytes: e.sizeBytes,
      sha256: e.sha256,
      created_by: e.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertChunk(db: Db, evidenceId: string, seq: number, data: string): Promise<void> {
  await db.insertInto('action_evidence_chunk').values({ evidence_id: evidenceId, seq, data }).execute();
}

export function findEvidence(db: Db, actionId: string, evidenceId: string) {
  return db
    .selectFrom('action_evidence')
    .select(['id', 'file_type', 'filename_encrypted', 'sha256'])
    .where('id', '=', evidenceId)
    .where('action_id', '=', actionId)
    .executeTakeFirst();
}

export function chunksOf(db: Db, evidenceId: string) {
  return db
    .selectFrom('action_evidence_chunk')
    .select('data')
    .where('evidence_id', '=', evidenceId)
    .orderBy('seq')
    .execute();
}

export async function deleteEvidence(db: Db, actionId: string, evidenceId: string): Promise<string | undefined> {
  const row = await db
    .deleteFrom('action_evidence')
    .where('id', '=', evidenceId)
    .where('action_id', '=', actionId)
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}
