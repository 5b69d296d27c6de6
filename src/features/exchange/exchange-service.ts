import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { can } from '../../domain/authorisation.ts';
import { decrypt, encrypt } from '../../domain/encryption.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { NotFound } from '../../web/errors.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { auditForUser } from '../audits/audit-access.ts';
import type { ExchangeDocument } from './exchange-document.ts';
import { buildExchange } from './exchange-export.ts';
import { importExchange, type ImportOptions, type ImportResult } from './exchange-import.ts';

/**
 * Exchange files for people: who may export or import (coordinators and administrators, in their
 * own partnership), who may include or keep identifying details (whoever may see them), and the
 * audit log of both. The CLI and the API and the pages all come through here.
 */
export type ExportRequest = { auditId: string; withIdentities: boolean };
export type ImportRequest = Pick<
  ImportOptions,
  'agencyMapping' | 'createMissingAgencies' | 'asCopy' | 'fallbackLeadUserId' | 'onProgress'
>;

export function createExchangeService(db: Db, config: Config) {
  const key = config.encryptionKey;
  return {
    /** The document, or 404 when the audit is not the user's to export (or its identities not theirs to see). */
    async exportAudit(user: CurrentUser, request: ExportRequest, actor: Actor): Promise<ExchangeDocument> {
      const audit = await auditForUser(db, user, request.auditId, 'exchange:manage');
      if (request.withIdentities && !can(user, 'case:identity', audit.resource)) {
        await appendAuditLog(db, actor, {
          action: 'case-identity.refused',
          recordType: 'audit',
          recordId: audit.id,
          detail: { via: 'exchange-export' },
        });
        throw new NotFound();
      }
      const document = await buildExchange(db, key, audit.id, { withIdentities: request.withIdentities });
      await appendAuditLog(db, actor, {
        action: request.withIdentities ? 'case-identity.exported' : 'audit.exported',
        recordType: 'audit',
        recordId: audit.id,
        detail: { format: 'exchange-json', withIdentities: request.withIdentities, cases: document.cases.length },
      });
      return document;
    },

    mayHoldIdentities(user: CurrentUser): boolean {
      return can(user, 'case:identity', { partnershipId: user.partnershipId });
    },

    async importAudit(
      user: CurrentUser,
      document: unknown,
      request: ImportRequest,
      actor: Actor,
    ): Promise<ImportResult> {
      if (!can(user, 'exchange:manage', { partnershipId: user.partnershipId })) throw new NotFound();
      const result = await importExchange(db, key, document, {
        ...request,
        partnershipId: user.partnershipId,
        actor,
        mayHoldIdentities: can(user, 'case:identity', { partnershipId: user.partnershipId }),
      });
      if (result.kind !== 'imported') {
        await appendAuditLog(db, actor, {
          action: 'audit.import-refused',
          recordType: 'exchange_import',
          detail: { reason: result.kind },
        });
      }
      return result;
    },

    /** A web upload kept (encrypted) between the upload and the agency mapping. */
    async keepUpload(user: CurrentUser, filename: string, text: string): Promise<string> {
      await db.deleteFrom('exchange_upload').where('expires_at', '<', new Date()).execute();
      const row = await db
        .insertInto('exchange_upload')
        .values({ partnership_id: user.partnershipId, filename, encrypted: encrypt(key, text), created_by: user.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async upload(
      user: CurrentUser,
      uploadId: string,
    ): Promise<{ id: string; filename: string; document: unknown } | undefined> {
      if (!/^[0-9a-f-]{36}$/i.test(uploadId)) return undefined;
      const row = await db
        .selectFrom('exchange_upload')
        .select(['id', 'filename', 'encrypted'])
        .where('id', '=', uploadId)
        .where('partnership_id', '=', user.partnershipId)
        .where('created_by', '=', user.id)
        .where('expires_at', '>', new Date())
        .executeTakeFirst();
      if (!row) return undefined;
      return { id: row.id, filename: row.filename, document: JSON.parse(decrypt(key, row.encrypted)) as unknown };
    },

    async discardUpload(uploadId: string): Promise<void> {
      await db.deleteFrom('exchange_upload').where('id', '=', uploadId).execute();
    },
  };
}

export type ExchangeService = ReturnType<typeof createExchangeService>;
