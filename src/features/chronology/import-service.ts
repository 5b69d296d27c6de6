import type { Readable } from 'node:stream';
import type { Config } from '../../config.ts';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import { NotFound } from '../../web/errors.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { auditIdOfCase } from './chronology-audit-repository.ts';
import type { ChronologyService } from './chronology-service.ts';
import { auditScope } from './chronology-service.ts';
import { checkImportMapping, guessImportMapping, type ImportMapping } from './import-mapping.ts';
import * as imports from './import-repository.ts';
import { applyRows, checkRows } from './import-steps.ts';
import { readRows, sniff } from './tabular-stream.ts';
import { deleteUpload, readUpload, storeUpload } from './upload-store.ts';

/**
 * Importing a chronology: upload (stored encrypted), map the columns, check every row in the
 * background, then import the good rows in one transaction on confirmation. A re-import adds
 * nothing twice; a failure adds nothing at all.
 */
type Started = { ok: true; importId: string } | { ok: false; message: string };

const LOCKED = 'The return has been submitted, so its chronology can no longer change';
const NO_HEADINGS = 'The selected file has no heading row: the first row must name the columns';
const UNREADABLE = 'The selected file could not be read as a CSV or Excel workbook';
const UNFINISHED = 'The file could not be read to the end; nothing was imported';
const readableMessage = (error: unknown, fallback: string) =>
  error instanceof Error && error.message.startsWith('The file') ? error.message : fallback;

export function createImportService(
  db: Executor,
  config: Config,
  jobs: JobQueue | undefined,
  chronology: ChronologyService,
) {
  const key = config.encryptionKey;

  async function dispatch(importId: string, step: 'check' | 'apply') {
    if (jobs) await jobs.send('chronology-import', { importId, step }, { retryLimit: 0 });
    else void service.run(importId, step);
  }

  /** Stores the file and reads its heading row; the import row goes again if the file is no good. */
  async function receive(importId: string, file: Readable, actor: Actor): Promise<Started> {
    const { size, head } = await storeUpload(db, key, importId, file);
    if ((file as Readable & { truncated?: boolean }).truncated)
      throw Object.assign(new Error('too large'), { code: 'FST_REQ_FILE_TOO_LARGE' });
    const sniffed = sniff(head, size);
    if (!sniffed.ok) {
      await imports.deleteImport(db, importId);
      return { ok: false, message: sniffed.message };
    }
    let headers: string[] = [];
    for await (const cells of readRows(readUpload(db, key, importId), sniffed, head)) {
      headers = cells.map((c) => String(c).trim());
      break;
    }
    if (headers.length === 0 || headers.every((h) => !h)) {
      await imports.deleteImport(db, importId);
      return { ok: false, message: NO_HEADINGS };
    }
    const { format, encoding } = sniffed;
    await inTransaction(db, async (trx) => {
      await imports.describeUpload(trx, importId, {
        format,
        encoding,
        size,
        headers,
        mapping: guessImportMapping(headers),
      });
      await appendAuditLog(trx, actor, {
        action: 'chronology.import-uploaded',
        recordType: 'chronology_import',
        recordId: importId,
        detail: { size },
      });
    });
    return { ok: true, importId };
  }

  const service = {
    async start(user: CurrentUser, returnId: string, filename: string, file: Readable, actor: Actor): Promise<Started> {
      const { ctx, locked } = await chronology.forReturn(user, returnId, actor, true);
      if (locked) return { ok: false, message: LOCKED };
      const { caseId, agencyId } = ctx.row;
      const importId = await imports.insertImport(db, { caseId, agencyId, filename, createdBy: user.id });
      try {
        return await receive(importId, file, actor);
      } catch (error) {
        await imports.deleteImport(db, importId);
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw error;
        return { ok: false, message: readableMessage(error, UNREADABLE) };
      }
    },

    async load(user: CurrentUser, returnId: string, importId: string, actor: Actor) {
      const { ctx } = await chronology.forReturn(user, returnId, actor, false);
      const found = /^[0-9a-f-]{36}$/i.test(importId) ? await imports.findImport(db, importId) : undefined;
      if (!found || found.case_id !== ctx.row.caseId || found.agency_id !== ctx.row.agencyId) throw new NotFound();
      return { ctx, imp: found };
    },

    /** Problems with the mapping by field, or none once the rows are being checked. */
    async setMapping(
      user: CurrentUser,
      returnId: string,
      importId: string,
      mapping: ImportMapping,
      actor: Actor,
    ): Promise<Record<string, string>> {
      const { imp } = await service.load(user, returnId, importId, actor);
      if (imp.status !== 'mapping' && imp.status !== 'previewed')
        return { date: 'This import has already moved on: start again' };
      const problems = checkImportMapping(mapping, imp.headers.length);
      if (Object.keys(problems).length) return problems;
      await imports.startChecking(db, importId, mapping);
      await dispatch(importId, 'check');
      return {};
    },

    async confirm(user: CurrentUser, returnId: string, importId: string, actor: Actor): Promise<boolean> {
      const { locked } = await chronology.forReturn(user, returnId, actor, true);
      const { imp } = await service.load(user, returnId, importId, actor);
      if (locked || imp.status !== 'previewed' || imp.good_rows === 0) return false;
      const moved = await inTransaction(db, async (trx) => {
        if (!(await imports.startImporting(trx, importId))) return false;
        await appendAuditLog(trx, actor, {
          action: 'chronology.import-confirmed',
          recordType: 'chronology_import',
          recordId: importId,
        });
        return true;
      });
      if (moved) await dispatch(importId, 'apply');
      return moved;
    },

    async discard(user: CurrentUser, returnId: string, importId: string, actor: Actor): Promise<void> {
      const { imp } = await service.load(user, returnId, importId, actor);
      if (imp.status === 'importing') return;
      await deleteUpload(db, importId);
      await imports.setImportStatus(db, importId, imp.status === 'imported' ? 'imported' : 'discarded');
    },

    /** The background work: checking every row, or applying the good ones. Runs on any instance. */
    async run(importId: string, step: 'check' | 'apply'): Promise<void> {
      const imp = await imports.findImport(db, importId);
      if (!imp) return;
      const scope = await auditScope(db, await auditIdOfCase(db, imp.case_id));
      const job = { ...imp, mapping: imp.mapping as unknown as ImportMapping, scope };
      try {
        if (step === 'check') {
          const failure = await checkRows(db, key, job);
          if (failure) await imports.markFailed(db, importId, failure);
          return;
        }
        const imported = await applyRows(db, key, job);
        await deleteUpload(db, importId);
        await imports.markImported(db, importId, imported);
      } catch (error) {
        await imports.markFailed(db, importId, readableMessage(error, UNFINISHED));
      }
    },
  };
  return service;
}

export type ImportService = ReturnType<typeof createImportService>;
