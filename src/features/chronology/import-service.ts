import type { Readable } from 'node:stream';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { NotFound } from '../../web/errors.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import type { ChronologyService } from './chronology-service.ts';
import { auditScope } from './chronology-service.ts';
import { fingerprint, insertEntries, type EntryInput } from './chronology-repository.ts';
import { checkImportMapping, guessImportMapping, rowToEntry, type ImportMapping } from './import-mapping.ts';
import { readRows, sniff } from './tabular-stream.ts';
import { deleteUpload, readUpload, storeUpload } from './upload-store.ts';

/**
 * Importing a chronology: upload (stored encrypted), map the columns, check every row in the
 * background (bad rows listed with reasons, duplicates counted), then import the good rows in one
 * transaction on confirmation. A re-import adds nothing twice; a failure adds nothing at all.
 */
export const MAX_IMPORT_ROWS = 1_000_000;
const PROBLEMS_KEPT = 500;

export function createImportService(db: Db, config: Config, jobs: JobQueue | undefined, chronology: ChronologyService) {
  const key = config.encryptionKey;
  const row = (importId: string) =>
    db.selectFrom('chronology_import').selectAll().where('id', '=', importId).executeTakeFirst();
  const fail = (importId: string, failure: string) =>
    db
      .updateTable('chronology_import')
      .set({ status: 'failed', failure, updated_at: new Date() })
      .where('id', '=', importId)
      .execute();

  async function dispatch(importId: string, step: 'check' | 'apply') {
    if (jobs) await jobs.send('chronology-import', { importId, step }, { retryLimit: 0 });
    else void service.run(importId, step);
  }

  async function* dataRows(importId: string, format: 'csv' | 'xlsx', encoding: string) {
    const head = (await readUpload(db, key, importId).next()).value ?? Buffer.alloc(0);
    let first = true;
    for await (const cells of readRows(
      readUpload(db, key, importId),
      { format, encoding },
      head.subarray(0, 64 * 1024),
    )) {
      if (first) {
        first = false;
        continue;
      }
      yield cells;
    }
  }

  const service = {
    async start(
      user: CurrentUser,
      returnId: string,
      filename: string,
      file: Readable,
      actor: Actor,
    ): Promise<{ ok: true; importId: string } | { ok: false; message: string }> {
      const { ctx, locked } = await chronology.forReturn(user, returnId, actor, true);
      if (locked)
        return { ok: false, message: 'The return has been submitted, so its chronology can no longer change' };
      const created = await db
        .insertInto('chronology_import')
        .values({ case_id: ctx.row.caseId, agency_id: ctx.row.agencyId, filename, format: 'csv', created_by: user.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      const importId = created.id;
      try {
        const { size, head } = await storeUpload(db, key, importId, file);
        if ((file as Readable & { truncated?: boolean }).truncated)
          throw Object.assign(new Error('too large'), { code: 'FST_REQ_FILE_TOO_LARGE' });
        const sniffed = sniff(head, size);
        if (!sniffed.ok) {
          await db.deleteFrom('chronology_import').where('id', '=', importId).execute();
          return { ok: false, message: sniffed.message };
        }
        let headers: string[] = [];
        for await (const cells of readRows(readUpload(db, key, importId), sniffed, head)) {
          headers = cells.map((c) => String(c).trim());
          break;
        }
        if (headers.length === 0 || headers.every((h) => !h)) {
          await db.deleteFrom('chronology_import').where('id', '=', importId).execute();
          return { ok: false, message: 'The selected file has no heading row: the first row must name the columns' };
        }
        await db
          .updateTable('chronology_import')
          .set({
            format: sniffed.format,
            encoding: sniffed.encoding,
            size_bytes: size,
            headers: JSON.stringify(headers),
            mapping: JSON.stringify(guessImportMapping(headers)),
          })
          .where('id', '=', importId)
          .execute();
        await appendAuditLog(db, actor, {
          action: 'chronology.import-uploaded',
          recordType: 'chronology_import',
          recordId: importId,
          detail: { size },
        });
        return { ok: true, importId };
      } catch (error) {
        await db.deleteFrom('chronology_import').where('id', '=', importId).execute();
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw error;
        return {
          ok: false,
          message:
            error instanceof Error && error.message.startsWith('The file')
              ? error.message
              : 'The selected file could not be read as a CSV or Excel workbook',
        };
      }
    },

    async load(user: CurrentUser, returnId: string, importId: string, actor: Actor) {
      const { ctx } = await chronology.forReturn(user, returnId, actor, false);
      const found = /^[0-9a-f-]{36}$/i.test(importId) ? await row(importId) : undefined;
      if (!found || found.case_id !== ctx.row.caseId || found.agency_id !== ctx.row.agencyId) throw new NotFound();
      return { ctx, imp: found };
    },

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
      await db
        .updateTable('chronology_import')
        .set({ mapping: JSON.stringify(mapping), status: 'checking', progress: 0, updated_at: new Date() })
        .where('id', '=', importId)
        .execute();
      await dispatch(importId, 'check');
      return {};
    },

    async confirm(user: CurrentUser, returnId: string, importId: string, actor: Actor): Promise<boolean> {
      const { locked } = await chronology.forReturn(user, returnId, actor, true);
      const { imp } = await service.load(user, returnId, importId, actor);
      if (locked || imp.status !== 'previewed' || imp.good_rows === 0) return false;
      const moved = await db
        .updateTable('chronology_import')
        .set({ status: 'importing', progress: 0 })
        .where('id', '=', importId)
        .where('status', '=', 'previewed')
        .returning('id')
        .executeTakeFirst();
      if (!moved) return false;
      await appendAuditLog(db, actor, {
        action: 'chronology.import-confirmed',
        recordType: 'chronology_import',
        recordId: importId,
      });
      await dispatch(importId, 'apply');
      return true;
    },

    async discard(user: CurrentUser, returnId: string, importId: string, actor: Actor): Promise<void> {
      const { imp } = await service.load(user, returnId, importId, actor);
      if (imp.status === 'importing') return;
      await deleteUpload(db, importId);
      await db
        .updateTable('chronology_import')
        .set({ status: imp.status === 'imported' ? 'imported' : 'discarded' })
        .where('id', '=', importId)
        .execute();
    },

    /** The background work: checking every row, or applying the good ones. Runs on any instance. */
    async run(importId: string, step: 'check' | 'apply'): Promise<void> {
      const imp = await row(importId);
      if (!imp) return;
      const scope = await db
        .selectFrom('audit_case')
        .select('audit_id')
        .where('id', '=', imp.case_id)
        .executeTakeFirstOrThrow()
        .then((c) => auditScope(db, c.audit_id));
      const mapping = imp.mapping as unknown as ImportMapping;
      try {
        if (step === 'check') {
          const existing = new Set(
            (
              await db
                .selectFrom('chronology_entry')
                .select('fingerprint')
                .where('case_id', '=', imp.case_id)
                .where('agency_id', '=', imp.agency_id)
                .execute()
            ).map((r) => r.fingerprint),
          );
          const seen = new Set<string>();
          let total = 0,
            good = 0,
            bad = 0,
            duplicates = 0;
          const problems: { row: number; reason: string }[] = [];
          for await (const cells of dataRows(importId, imp.format, imp.encoding)) {
            total++;
            if (total > MAX_IMPORT_ROWS)
              return void (await fail(
                importId,
                `The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} rows: split it into smaller files`,
              ));
            const result = rowToEntry(cells, mapping, scope);
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
            if (total % 5000 === 0)
              await db.updateTable('chronology_import').set({ progress: total }).where('id', '=', importId).execute();
          }
          if (total === 0) return void (await fail(importId, 'The file has a heading row but no entries'));
          await db
            .updateTable('chronology_import')
            .set({
              status: 'previewed',
              total_rows: total,
              good_rows: good,
              bad_rows: bad,
              duplicate_rows: duplicates,
              problems: JSON.stringify(problems),
              progress: total,
              updated_at: new Date(),
            })
            .where('id', '=', importId)
            .execute();
          return;
        }
        let imported = 0;
        await db.transaction().execute(async (trx) => {
          let batch: EntryInput[] = [];
          const flush = async () => {
            if (batch.length === 0) return;
            imported += await insertEntries(trx, imp.case_id, imp.agency_id, batch, imp.created_by, importId);
            batch = [];
            await db.updateTable('chronology_import').set({ progress: imported }).where('id', '=', importId).execute();
          };
          for await (const cells of dataRows(importId, imp.format, imp.encoding)) {
            const result = rowToEntry(cells, mapping, scope);
            if (!result.ok) continue;
            const e = result.entry;
            batch.push({
              from: e.date.from,
              to: e.date.to,
              precision: e.date.precision,
              event: e.event,
              source: e.source,
              category: e.category,
              impact: e.impact,
              actionTaken: e.actionTaken,
              significant: e.significant,
            });
            if (batch.length >= 1000) await flush();
          }
          await flush();
        });
        await deleteUpload(db, importId);
        await db
          .updateTable('chronology_import')
          .set({ status: 'imported', imported_rows: imported, progress: imported, updated_at: new Date() })
          .where('id', '=', importId)
          .execute();
      } catch (error) {
        await fail(
          importId,
          error instanceof Error && error.message.startsWith('The file')
            ? error.message
            : 'The file could not be read to the end; nothing was imported',
        );
      }
    },
  };
  return service;
}

export type ImportService = ReturnType<typeof createImportService>;
