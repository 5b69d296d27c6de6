import { inTransaction, type Executor } from '../../db/transaction.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { matchAgencies } from './exchange-agencies.ts';
import type { ExchangeDocument } from './exchange-document.ts';
import {
  agenciesMissing,
  checkDocument,
  duplicate,
  emailsIn,
  leadsMissing,
  unmatchedLeads,
} from './exchange-import.ts';
import type { ImportOptions, ImportResult } from './exchange-import-types.ts';
import * as repo from './exchange-repository.ts';
import { documentHash } from './exchange-schema.ts';
import type { Resolved } from './exchange-write-context.ts';
import { writeAudit } from './exchange-writer.ts';

/**
 * Imports an exchange document into a partnership as a new audit, in one transaction: on any
 * error nothing is left behind. Every record gets a new id; agencies are matched (or created when
 * asked); template versions are matched by content hash or created (and so frozen); people are
 * matched by e-mail. Identifying details are kept, re-encrypted with this instance's key, only if
 * the importer may hold them; otherwise they are dropped and the result says so.
 */
export type ImportDependencies = Pick<Resolved, 'ensureShippedTemplates'>;

export function createImportRunner(db: Executor, encryptionKey: Buffer, deps: ImportDependencies) {
  function previousImport(partnershipId: string, document: ExchangeDocument) {
    return repo.previousImport(db, {
      partnershipId,
      sourceAuditId: document.source.auditId,
      exportedAt: new Date(document.exportedAt),
      contentHash: documentHash(document),
    });
  }

  async function write(doc: ExchangeDocument, options: ImportOptions, resolved: Resolved): Promise<ImportResult> {
    return inTransaction(db, async (trx) => {
      const written = await writeAudit(trx, encryptionKey, doc, options, resolved);
      const auditId = written.result.auditId;
      if (written.identitiesStored !== null)
        await appendAuditLog(trx, options.actor, {
          action: 'case-identity.imported',
          recordType: 'audit',
          recordId: auditId,
          detail: { cases: written.identitiesStored },
        });
      await appendAuditLog(trx, options.actor, {
        action: 'audit.imported',
        recordType: 'audit',
        recordId: auditId,
        detail: { exchangeImportId: written.result.importId, ...written.summary },
      });
      return written.result;
    });
  }

  async function run(input: unknown, options: ImportOptions): Promise<ImportResult> {
    const progress = options.onProgress ?? (() => {});
    progress('Checking the file');
    const checked = checkDocument(input);
    if (!('ok' in checked)) return checked;
    const doc = checked.document;

    const previous = await previousImport(options.partnershipId, doc);
    if (previous && !options.asCopy) return duplicate(previous);

    progress('Matching agencies');
    const match = matchAgencies(
      doc.agencies,
      await repo.partnershipAgencies(db, options.partnershipId),
      options.agencyMapping ?? {},
      !!options.createMissingAgencies,
    );
    if (!match.ok) return agenciesMissing(match);

    const users = await repo.peopleByEmail(db, options.partnershipId, emailsIn(doc));
    const userByEmail = new Map(users.map((u) => [u.email, u.id]));
    const personId = (p: { email: string | null } | null) =>
      p?.email ? (userByEmail.get(p.email.toLowerCase()) ?? null) : null;
    const fallbackLead = options.fallbackLeadUserId ?? options.actor.userId;
    const unmatched = unmatchedLeads(doc, personId);
    if (unmatched.length && !fallbackLead) return leadsMissing(unmatched);

    try {
      return await write(doc, options, {
        byKey: match.byKey,
        toCreate: match.toCreate,
        personId,
        fallbackLead: fallbackLead ?? null,
        progress,
        ensureShippedTemplates: deps.ensureShippedTemplates,
      });
    } catch (error) {
      const code = (error as { code?: string; constraint?: string }).code;
      if (code === '23505' && /^exchange_import_/.test((error as { constraint?: string }).constraint ?? '')) {
        const again = await previousImport(options.partnershipId, doc);
        if (again) return duplicate(again);
      }
      const detail = error instanceof Error ? error.message : String(error);
      return { kind: 'failed', message: `The import failed and nothing was imported: ${detail}` };
    }
  }

  return { run, previousImport };
}
