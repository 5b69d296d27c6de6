import type { Readable } from 'node:stream';
import type { Executor } from '../../db/transaction.ts';
import { decryptBytes, encryptBytes } from '../../domain/encryption.ts';
import { deleteUploadChunks, findUploadChunk, insertUploadChunk } from './import-repository.ts';

/**
 * An uploaded file kept in PostgreSQL, encrypted in 1 MB chunks: any instance can read it back,
 * nothing identifying is written to local disk, and it is deleted with its import.
 */
const CHUNK = 1024 * 1024;

export async function storeUpload(
  db: Executor,
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
    await insertUploadChunk(db, importId, seq++, encryptBytes(key, chunk));
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

export async function* readUpload(db: Executor, key: Buffer, importId: string): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq++) {
    const data = await findUploadChunk(db, importId, seq);
    if (data === undefined) return;
    yield decryptBytes(key, data);
  }
}

export async function deleteUpload(db: Executor, importId: string): Promise<void> {
  await deleteUploadChunks(db, importId);
}
