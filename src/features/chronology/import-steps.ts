import type { Executor } from '../../db/transaction.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Scope } from '../../domain/chronology-entry.ts';
import { entryFingerprints, insertEntries } from './chronology-repository.ts';
import { entryInput, fingerprint, type EntryInput } from './entry-row.ts';
import { rowToEntry, type ImportMapping } from './import-mapping.ts';
import * as imports from './import-repository.ts';
import { readRows } from './tabular-stream.ts';
import { readUpload } from './upload-store.ts';

/**
 * The two background steps of an import, streaming the stored file row by row: checking every row
 * (bad rows listed with reasons, duplicates counted), and applying the good rows in one transaction.
 */
export const MAX_IMPORT_ROWS = 1_000_000;
const PROBLEMS_KEPT = 500;
const BATCH = 1000;

export type ImportJob = {
  id: string;
  case_id: string;
  agency_id: string;
  format: 'csv' | 'xlsx';
  encoding: string;
  created_by: string | null;
  mapping: ImportMapping;
  scope: Scope;
};

/** The data rows of the stored file, without its heading row. */
async function* dataRows(db: Executor, key: Buffer, job: ImportJob) {
  const firstChunk = await readUpload(db, key, job.id).next();
  const head = firstChunk.done ? Buffer.alloc(0) : firstChunk.value;
  let first = true;
  const sniffed = { format: job.format, encoding: job.encoding };
  for await (const cells of readRows(readUpload(db, key, job.id), sniffed, head.subarray(0, 64 * 1024))) {
    if (first) {
      first = false;
      continue;
    }
    yield cells;
  }
}

/** Checks every row and records the preview; a failure message when the file cannot be imported. */
export async function checkRows(db: Executor, key: Buffer, job: ImportJob): Promise<string | undefined> {
  const existing = await entryFingerprints(db, job.case_id, job.agency_id);
  const seen = new Set<string>();
  let total = 0,
    good = 0,
    bad = 0,
    duplicates = 0;
  const problems: { row: number; reason: string }[] = [];
  for await (const cells of dataRows(db, key, job)) {
    total++;
    if (total > MAX_IMPORT_ROWS)
      return `The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} rows: split it into smaller files`;
    const result = rowToEntry(cells, job.mapping, job.scope);
    if (!result.ok) {
      bad++;
      if (problems.length < PROBLEMS_KEPT) problems.push({ row: total + 1, reason: result.reasons.join('; ') });
    } else {
      const f = fingerprint({
        from: result.entry.date.from,
        to: result.entry.date.to,
        category: result.entry.category,
        event: result.entry.event,
      });
      if (existing.has(f) || seen.has(f)) duplicates++;
      else good++;
      seen.add(f);
    }
    if (total % 5000 === 0) await imports.setProgress(db, job.id, total);
  }
  if (total === 0) return 'The file has a heading row but no entries';
  await imports.recordPreview(db, job.id, { total, good, bad, duplicates, problems });
  return undefined;
}

/** Adds the good rows in one transaction, so a failure adds nothing; returns how many were added. */
export async function applyRows(db: Executor, key: Buffer, job: ImportJob): Promise<number> {
  let imported = 0;
  await inTransaction(db, async (trx) => {
    let batch: EntryInput[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      imported += await insertEntries(trx, job.case_id, job.agency_id, batch, job.created_by, job.id);
      batch = [];
      // Outside the transaction, so the page shows the progress while it is still open.
      await imports.setProgress(db, job.id, imported);
    };
    for await (const cells of dataRows(db, key, job)) {
      const result = rowToEntry(cells, job.mapping, job.scope);
      if (!result.ok) continue;
      batch.push(entryInput(result.entry));
      if (batch.length >= BATCH) await flush();
    }
    await flush();
  });
  return imported;
}
