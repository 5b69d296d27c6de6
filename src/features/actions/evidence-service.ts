import crypto from 'node:crypto';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { decrypt, decryptBytes, encrypt, encryptBytes } from '../../domain/encryption.ts';
import { checkEvidenceFile, cleanFilename, EVIDENCE_TYPES, type EvidenceFileType } from '../../domain/evidence-file.ts';
import { NotFound } from '../../web/errors.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import type { ActionService } from './action-service.ts';

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

export function createEvidenceService(db: Db, config: Config, actions: ActionService) {
  const key = config.encryptionKey;

  async function updatable(user: CurrentUser, actionId: string) {
    const view = await actions.find(user, actionId);
    if (!view.canUpdate) throw new NotFound();
    return view;
  }

  return {
    maxBytes: config.evidenceMaxBytes,

    async list(actionId: string) {
      const rows = await db
        .selectFrom('action_evidence as e')
        .leftJoin('app_user as u', 'u.id', 'e.created_by')
        .select([
          'e.id',
          'e.kind',
          'e.file_type',
          'e.filename_encrypted',
          'e.size_bytes',
          'e.created_at',
          'u.display_name',
        ])
        .where('e.action_id', '=', actionId)
        .orderBy('e.created_at')
        .execute();
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
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('action_evidence')
          .values({
            action_id: actionId,
            kind: input.kind as EvidenceKind,
            file_type: checked.type,
            filename_encrypted: encrypt(key, cleanFilename(file.filename)),
            size_bytes: file.bytes.length,
            sha256: crypto.createHash('sha256').update(file.bytes).digest('hex'),
            created_by: user.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (let seq = 0; seq * CHUNK < file.bytes.length; seq++) {
          await trx
            .insertInto('action_evidence_chunk')
            .values({
              evidence_id: row.id,
              seq,
              data: encryptBytes(key, file.bytes.subarray(seq * CHUNK, (seq + 1) * CHUNK)),
            })
            .execute();
        }
        await appendAuditLog(trx, actor, {
          action: 'action-evidence.uploaded',
          recordType: 'action_evidence',
          recordId: row.id,
          detail: { actionId, kind: input.kind, type: checked.type, size: file.bytes.length },
        });
      });
      return { ok: true };
    },

    async download(user: CurrentUser, actionId: string, evidenceId: string, actor: Actor) {
      await actions.find(user, actionId);
      if (!UUID.test(evidenceId)) throw new NotFound();
      const row = await db
        .selectFrom('action_evidence')
        .select(['id', 'file_type', 'filename_encrypted', 'sha256'])
        .where('id', '=', evidenceId)
        .where('action_id', '=', actionId)
        .executeTakeFirst();
      if (!row) throw new NotFound();
      const chunks = await db
        .selectFrom('action_evidence_chunk')
        .select('data')
        .where('evidence_id', '=', row.id)
        .orderBy('seq')
        .execute();
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
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .deleteFrom('action_evidence')
          .where('id', '=', evidenceId)
          .where('action_id', '=', actionId)
          .returning('id')
          .executeTakeFirst();
        if (!row) throw new NotFound();
        await appendAuditLog(trx, actor, {
          action: 'action-evidence.deleted',
          recordType: 'action_evidence',
          recordId: row.id,
          detail: { actionId },
        });
      });
    },
  };
}

export type EvidenceService = ReturnType<typeof createEvidenceService>;
