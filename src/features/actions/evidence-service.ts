import crypto from 'node:crypto';
import type { Config } from '../../config.ts';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import { decrypt, decryptBytes, encrypt, encryptBytes } from '../../domain/encryption.ts';
import { checkEvidenceFile, cleanFilename, EVIDENCE_TYPES, type EvidenceFileType } from '../../domain/evidence-file.ts';
import { NotFound } from '../../web/errors.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import type { ActionService } from './action-service.ts';
import * as repo from './evidence-repository.ts';

/**
 * Evidence files on an action (of completion, of impact). Kept in PostgreSQL, encrypted in 1 MB
 * chunks with the service key, so any instance serves them and nothing lands on local disk; the
 * file name is encrypted too, since people name files after children. Only the action's lead and
 * the coordinator add or delete; everyone who may read the action may download, and each
 * download is in the audit log.
 */
const CHUNK = 1024 * 1024;
export type EvidenceKind = 'completion' | 'impact';
export const EVIDENCE_KINDS: Record<EvidenceKind, string> = {
  completion: 'Evidence of completion',
  impact: 'Evidence of impact on children',
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createEvidenceService(db: Executor, config: Config, actions: ActionService) {
  const key = config.encryptionKey;

  async function updatable(user: CurrentUser, actionId: string) {
    const view = await actions.find(user, actionId);
    if (!view.canUpdate) throw new NotFound();
    return view;
  }

  return {
    maxBytes: config.evidenceMaxBytes,

    /** The action's page: the action as its reader may see it, and its evidence files. */
    async page(user: CurrentUser, actionId: string) {
      const view = await actions.find(user, actionId);
      return { ...view, evidence: await this.list(view.action.id) };
    },

    async list(actionId: string) {
      const rows = await repo.evidenceOf(db, actionId);
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        kindLabel: EVIDENCE_KINDS[r.kind],
        typeLabel: EVIDENCE_TYPES[r.file_type as EvidenceFileType]?.label ?? r.file_type,
        filename: decrypt(key, r.filename_encrypted),
        size: r.size_bytes,
        createdAt: r.created_at,
        uploadedBy: r.display_name,
      }));
    },

    async upload(
      user: CurrentUser,
      actionId: string,
      input: { kind: string; file: { filename: string; bytes: Buffer } | undefined },
      actor: Actor,
    ): Promise<{ ok: true } | { ok: false; errors: Partial<Record<'kind' | 'file', string>> }> {
      await updatable(user, actionId);
      const errors: Partial<Record<'kind' | 'file', string>> = {};
      if (!Object.hasOwn(EVIDENCE_KINDS, input.kind))
        errors.kind = 'Select whether the file is evidence of completion or of impact';
      const checked = input.file
        ? checkEvidenceFile(input.file.filename, input.file.bytes)
        : ({ ok: false, message: 'Select a file' } as const);
      if (!checked.ok) errors.file = checked.message;
      if (!checked.ok || errors.kind || !input.file) return { ok: false, errors };
      const file = input.file;
      await inTransaction(db, async (trx) => {
        const id = await repo.insertEvidence(trx, {
          actionId,
          kind: input.kind as EvidenceKind,
          fileType: checked.type,
          filenameEncrypted: encrypt(key, cleanFilename(file.filename)),
          sizeBytes: file.bytes.length,
          sha256: crypto.createHash('sha256').update(file.bytes).digest('hex'),
          createdBy: user.id,
        });
        for (let seq = 0; seq * CHUNK < file.bytes.length; seq++)
          await repo.insertChunk(trx, id, seq, encryptBytes(key, file.bytes.subarray(seq * CHUNK, (seq + 1) * CHUNK)));
        await appendAuditLog(trx, actor, {
          action: 'action-evidence.uploaded',
          recordType: 'action_evidence',
          recordId: id,
          detail: { actionId, kind: input.kind, type: checked.type, size: file.bytes.length },
        });
      });
      return { ok: true };
    },

    async download(user: CurrentUser, actionId: string, evidenceId: string, actor: Actor) {
      await actions.find(user, actionId);
      if (!UUID.test(evidenceId)) throw new NotFound();
      const row = await repo.findEvidence(db, actionId, evidenceId);
      if (!row) throw new NotFound();
      const chunks = await repo.chunksOf(db, row.id);
      const bytes = Buffer.concat(chunks.map((c) => decryptBytes(key, c.data)));
      if (crypto.createHash('sha256').update(bytes).digest('hex') !== row.sha256)
        throw new Error('An evidence file does not match its checksum');
      await appendAuditLog(db, actor, {
        action: 'action-evidence.downloaded',
        recordType: 'action_evidence',
        recordId: row.id,
        detail: { actionId },
      });
      return {
        bytes,
        filename: decrypt(key, row.filename_encrypted),
        contentType: EVIDENCE_TYPES[row.file_type as EvidenceFileType]?.contentType ?? 'application/octet-stream',
      };
    },

    async remove(user: CurrentUser, actionId: string, evidenceId: string, actor: Actor): Promise<void> {
      await updatable(user, actionId);
      if (!UUID.test(evidenceId)) throw new NotFound();
      await inTransaction(db, async (trx) => {
        const id = await repo.deleteEvidence(trx, actionId, evidenceId);
        if (!id) throw new NotFound();
        await appendAuditLog(trx, actor, {
          action: 'action-evidence.deleted',
          recordType: 'action_evidence',
          recordId: id,
          detail: { actionId },
        });
      });
    },
  };
}

export type EvidenceService = ReturnType<typeof createEvidenceService>;
