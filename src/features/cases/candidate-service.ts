import type { Config } from '../../config.ts';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import {
  CANDIDATE_FIELDS,
  checkMapping,
  readCandidateRows,
  type CandidateRow,
  type ColumnMapping,
  type ParsedRow,
} from '../../domain/candidate-rows.ts';
import { todayInLondon } from '../../domain/calendar-date.ts';
import { decrypt, encrypt } from '../../domain/encryption.ts';
import { NotFound } from '../../web/errors.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { isUuid, type AuditInContext } from '../audits/audit-access.ts';
import { readCandidateFile } from './candidate-file.ts';
import * as repo from './candidate-repository.ts';
import { agenciesOf } from './case-repository.ts';

/**
 * Candidate lists: upload, map, preview, import. Between the steps the parsed rows are kept only
 * encrypted (candidate_upload), and removed on import or after 24 hours. The import is one
 * transaction: a failure leaves nothing behind. Identifying columns are encrypted per candidate.
 */
export type UploadData = { headers: string[]; rows: ParsedRow[] };
export type StoredMapping = ColumnMapping & { recordLabel?: string };

export function createCandidateService(db: Executor, config: Config) {
  const key = config.encryptionKey;

  async function upload(audit: AuditInContext, uploadId: string) {
    if (!isUuid(uploadId)) throw new NotFound();
    const row = await repo.findUpload(db, audit.id, uploadId);
    if (!row) throw new NotFound();
    const data = JSON.parse(decrypt(key, row.encrypted)) as UploadData;
    return { row, data, mapping: (row.mapping ?? undefined) as StoredMapping | undefined };
  }

  /** The candidate rows as they would be imported, with every bad row and why. */
  function rowsFor(data: UploadData, mapping: StoredMapping) {
    return readCandidateRows(data.rows, data.headers, mapping, todayInLondon());
  }

  function candidateInsert(row: CandidateRow, recordLabel: string): repo.CandidateInsert {
    const identity = Object.keys(row.identity).length
      ? { ...row.identity, ...(row.identity.recordNumber ? { recordLabel } : {}) }
      : undefined;
    return {
      rowNumber: row.rowNumber,
      legalStatus: row.legalStatus,
      ageBand: row.ageBand,
      sex: row.sex,
      ethnicity: row.ethnicity,
      attributes: row.ageYears === null ? {} : { ageYears: String(row.ageYears) },
      identityEncrypted: identity ? encrypt(key, JSON.stringify(identity)) : null,
    };
  }

  return {
    upload,
    rowsFor,

    async receive(
      user: CurrentUser,
      audit: AuditInContext,
      file: { filename: string; buffer: Buffer; sourceAgencyId: string | null },
      actor: Actor,
    ): Promise<{ ok: true; uploadId: string } | { ok: false; message: string; sourceAgencyId: string | null }> {
      // A source agency not of this partnership is dropped, as if none had been chosen.
      const agencies = file.sourceAgencyId ? await agenciesOf(db, audit.partnershipId) : [];
      const sourceAgencyId = agencies.some((a) => a.id === file.sourceAgencyId) ? file.sourceAgencyId : null;
      const parsed = await readCandidateFile(file.buffer);
      if (!parsed.ok) return { ...parsed, sourceAgencyId };
      const encrypted = encrypt(
        key,
        JSON.stringify({ headers: parsed.headers, rows: parsed.rows } satisfies UploadData),
      );
      return inTransaction(db, async (trx) => {
        await repo.deleteExpiredUploads(trx);
        const uploadId = await repo.insertUpload(trx, {
          auditId: audit.id,
          filename: file.filename,
          sourceAgencyId,
          format: parsed.format,
          rowCount: parsed.rows.length,
          encrypted,
          createdBy: user.id,
        });
        await appendAuditLog(trx, actor, {
          action: 'candidate-list.uploaded',
          recordType: 'candidate_upload',
          recordId: uploadId,
          detail: { auditId: audit.id, format: parsed.format, encoding: parsed.encoding, rows: parsed.rows.length },
        });
        return { ok: true as const, uploadId };
      });
    },

    async saveMapping(
      audit: AuditInContext,
      uploadId: string,
      mapping: StoredMapping,
      actor: Actor,
    ): Promise<{ ok: true } | { ok: false; problems: Record<string, string> }> {
      const { data } = await upload(audit, uploadId);
      const problems = checkMapping(mapping, data.headers.length);
      if (Object.keys(problems).length) return { ok: false, problems };
      const stored: Record<string, string> = {};
      for (const field of CANDIDATE_FIELDS) if (mapping[field.key]) stored[field.key] = mapping[field.key]!;
      stored.recordLabel = (mapping.recordLabel ?? '').trim().slice(0, 100) || 'Record number';
      await repo.setUploadMapping(db, uploadId, stored);
      await appendAuditLog(db, actor, {
        action: 'candidate-list.mapped',
        recordType: 'candidate_upload',
        recordId: uploadId,
        detail: { fields: Object.keys(stored) },
      });
      return { ok: true };
    },

    /** Imports every good row, or nothing: one transaction, the upload removed with it. */
    async importUpload(
      user: CurrentUser,
      audit: AuditInContext,
      uploadId: string,
      actor: Actor,
    ): Promise<{ listId: string; imported: number; leftOut: number }> {
      const { row, data, mapping } = await upload(audit, uploadId);
      if (!mapping) throw new NotFound();
      const { good, bad } = rowsFor(data, mapping);
      const inserts = good.map((r) => candidateInsert(r, mapping.recordLabel ?? 'Record number'));
      return inTransaction(db, async (trx) => {
        if (!(await repo.findUpload(trx, audit.id, uploadId, true))) throw new NotFound();
        const listId = await repo.insertList(trx, {
          auditId: audit.id,
          filename: row.filename,
          sourceAgencyId: row.source_agency_id,
          mapping,
          rowCount: good.length,
          createdBy: user.id,
        });
        await repo.insertCandidates(trx, listId, inserts);
        await repo.deleteUpload(trx, uploadId);
        await appendAuditLog(trx, actor, {
          action: 'candidate-list.imported',
          recordType: 'candidate_list',
          recordId: listId,
          detail: { auditId: audit.id, imported: good.length, leftOut: bad.length },
        });
        return { listId, imported: good.length, leftOut: bad.length };
      });
    },

    async discardUpload(audit: AuditInContext, uploadId: string, actor: Actor): Promise<void> {
      await upload(audit, uploadId);
      await inTransaction(db, async (trx) => {
        await repo.deleteUpload(trx, uploadId);
        await appendAuditLog(trx, actor, {
          action: 'candidate-list.discarded',
          recordType: 'candidate_upload',
          recordId: uploadId,
          detail: { auditId: audit.id },
        });
      });
    },

    /** The audit's lists and pending uploads, and the agencies a list may come from. */
    async overview(audit: AuditInContext) {
      const [lists, pending, agencies] = await Promise.all([
        repo.listsOf(db, audit.id),
        repo.pendingUploads(db, audit.id),
        agenciesOf(db, audit.partnershipId),
      ]);
      return { lists, pending, agencies };
    },
  };
}

export type CandidateService = ReturnType<typeof createCandidateService>;
