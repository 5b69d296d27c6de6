import type { Config } from '../../config.ts';
import type { Executor } from '../../db/transaction.ts';
import { can } from '../../domain/authorisation.ts';
import { decrypt, encrypt } from '../../domain/encryption.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { NotFound } from '../../web/errors.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import type { AuditService } from '../audits/audit-service.ts';
import { matchAgencies } from './exchange-agencies.ts';
import type { ExchangeDocument } from './exchange-document.ts';
import { releaseExchange, type ExportDependencies } from './exchange-export-service.ts';
import { createExchangePseudonymService } from './exchange-pseudonym-service.ts';
import { checkDocument } from './exchange-import.ts';
import { createImportRunner, type ImportDependencies } from './exchange-import-service.ts';
import type { ImportOptions, ImportResult } from './exchange-import-types.ts';
import * as repo from './exchange-repository.ts';

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
export type ExchangeDependencies = ExportDependencies & ImportDependencies & { audits: AuditService };
export type Upload = { id: string; filename: string; document: ExchangeDocument };

export function createExchangeService(db: Executor, config: Config, deps: ExchangeDependencies) {
  const key = config.encryptionKey;
  const imports = createImportRunner(db, key, deps);
  const mayHoldIdentities = (user: CurrentUser) => can(user, 'case:identity', { partnershipId: user.partnershipId });

  async function upload(user: CurrentUser, uploadId: string): Promise<Upload> {
    if (!/^[0-9a-f-]{36}$/i.test(uploadId)) throw new NotFound();
    const row = await repo.findUpload(db, { uploadId, partnershipId: user.partnershipId, userId: user.id });
    if (!row) throw new NotFound();
    const checked = checkDocument(JSON.parse(decrypt(key, row.encrypted)) as unknown);
    if (!('ok' in checked)) throw new NotFound();
    return { id: row.id, filename: row.filename, document: checked.document };
  }

  async function importAudit(
    user: CurrentUser,
    document: unknown,
    request: ImportRequest,
    actor: Actor,
  ): Promise<ImportResult> {
    if (!can(user, 'exchange:manage', { partnershipId: user.partnershipId })) throw new NotFound();
    const result = await imports.run(document, {
      ...request,
      partnershipId: user.partnershipId,
      actor,
      mayHoldIdentities: mayHoldIdentities(user),
    });
    if (result.kind !== 'imported') {
      await appendAuditLog(db, actor, {
        action: 'audit.import-refused',
        recordType: 'exchange_import',
        detail: { reason: result.kind },
      });
    }
    return result;
  }

  return {
    /** The audit's exchange page: the audit, and whether the person may include identifying details. */
    async exportPage(user: CurrentUser, auditId: string) {
      const audit = await deps.audits.forUser(user, auditId, 'exchange:manage');
      return {
        audit,
        mayIncludeIdentities: can(user, 'case:identity', audit.resource),
        mayReadAudit: can(user, 'audit:read', audit.resource),
      };
    },

    /** The document, or 404 when the audit is not the user's to export (or its identities not theirs to see). */
    async exportAudit(user: CurrentUser, request: ExportRequest, actor: Actor): Promise<ExchangeDocument> {
      const audit = await deps.audits.forUser(user, request.auditId, 'exchange:manage');
      const document = await releaseExchange(db, deps, {
        auditId: audit.id,
        withIdentities: request.withIdentities,
        mayIncludeIdentities: can(user, 'case:identity', audit.resource),
        actor,
        via: 'web',
      });
      if (!document) throw new NotFound();
      return document;
    },

    mayHoldIdentities,
    importAudit,
    ...createExchangePseudonymService(db, deps),

    /** A web upload kept (encrypted) between the upload and the agency mapping. */
    keepUpload(user: CurrentUser, filename: string, text: string): Promise<string> {
      return repo.insertUpload(db, {
        partnershipId: user.partnershipId,
        filename,
        encrypted: encrypt(key, text),
        createdBy: user.id,
      });
    },

    /** What the check page shows: the upload, this partnership's agencies, the automatic match, an earlier import. */
    async importCheck(user: CurrentUser, uploadId: string) {
      const found = await upload(user, uploadId);
      const available = await repo.partnershipAgencies(db, user.partnershipId);
      const automatic = matchAgencies(found.document.agencies, available, {}, true);
      const previous = await imports.previousImport(user.partnershipId, found.document);
      return { upload: found, available, automatic, previous, mayHoldIdentities: mayHoldIdentities(user) };
    },

    /** Imports a kept upload; it is discarded once imported. */
    async importUpload(user: CurrentUser, kept: Upload, request: ImportRequest, actor: Actor) {
      const result = await importAudit(user, kept.document, request, actor);
      if (result.kind === 'imported') await repo.deleteUpload(db, kept.id);
      return result;
    },

    /** The command line: audits by id or by reference, in every partnership. */
    auditsNamed(wanted: string) {
      return repo.auditsByIdOrReference(db, wanted);
    },

    /** The command line's export: the operator may name no person; the caller has found the audit. */
    exportAsOperator(
      audit: { id: string; partnershipId: string },
      o: { user?: CurrentUser; withIdentities: boolean; actor: Actor; onAllowed?: () => void },
    ): Promise<ExchangeDocument | undefined> {
      return releaseExchange(db, deps, {
        auditId: audit.id,
        withIdentities: o.withIdentities,
        mayIncludeIdentities: can(o.user, 'case:identity', { partnershipId: audit.partnershipId }),
        actor: o.actor,
        via: 'cli',
        onAllowed: o.onAllowed,
      });
    },

    /** The command line's import, into the partnership the caller chose, refusals answered rather than logged. */
    importAsOperator(document: unknown, options: ImportOptions): Promise<ImportResult> {
      return imports.run(document, options);
    },
  };
}

export type ExchangeService = ReturnType<typeof createExchangeService>;
