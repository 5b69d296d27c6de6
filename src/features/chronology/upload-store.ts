import type { Readable } from 'node:stream';
import type { Db } from '../../db/database.ts';
import { decryptBytes, encryptBytes } from '../../domain/encryption.ts';

/**
 * An uploaded file kept in PostgreSQL, encrypted in 1 MB chunks: any instance can read it back,
 * nothing identifying is written to local disk, and it is deleted with its import.
 */
const CHUNK = 1024 * 1024;

export async function storeUpload(
  db: Db,
  key: Buffer,
  importId: string,
  stream: Readable,
): Promise<{ size: number; head: Buffer }> {
  let pending: Buffer[] = [];
  let pendingSize = 0;
  let seq = 0;
  let size = 0;
  let head = Buffer.alloc(0);
  const flush = async () => {
    if (pendingSize === 0) return;
    const chunk = Buffer.concat(pending);
    pending = [];
    pendingSize = 0;
    await db
      .insertInto('chronology_upload_chunk')
      .values({ import_id: importId, seq: seq++, data: encryptBytes(key, chunk) })
      .execute();
  };
  for await (const part of stream as AsyncIterable<Buffer>) {
    size += part.length;
    if (head.length < 64 * 1024) head = Buffer.concat([head, part]).subarray(0, 64 * 1024);
    pending.push(part);
    pendingSize += part.length;
    if (pendingSize >= CHUNK) await flush();
  }
  await flush();
  return { size, head };
}

export async function* readUpload(db: Db, key: Buffer, importId: string): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq++) {
    const row = await db
      .selectFrom('chronology_upload_chunk')
      .select('data')
      .where('import_id', '=', importId)
      .where('seq', '=', seq)
      .executeTakeFirst();
    if (!row) return;
    yield decryptBytes(key, row.data);
  }
}

export async function deleteUpload(db: Db, importId: string): Promise<void> {
  await db.deleteFrom('chronology_upload_chunk').where('import_id', '=', importId).execute();
}
