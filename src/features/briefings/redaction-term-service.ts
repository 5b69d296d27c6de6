import type { Config } from '../../config.ts';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import { decrypt, encrypt } from '../../domain/encryption.ts';
import type { RedactionKind, RedactionTerm } from '../../domain/redaction-guard.ts';
import type { Actor } from '../../web/request-context.ts';
import { NotFound } from '../../web/errors.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { isUuid, type AuditInContext } from '../audits/audit-access.ts';
import * as repo from './redaction-term-repository.ts';
import { pseudonymTerms } from './pseudonym-terms.ts';
import { pseudonymFor } from '../../domain/pseudonyms.ts';

/**
 * A term with where it came from (a case's identifying details, or the coordinator's own words) and
 * what "replace with pseudonyms" writes in its place ("Child A", "the mother", "the family's address").
 */
export type AuditTerm = RedactionTerm & { source: 'case' | 'custom'; termId?: string; standsFor: string };

const KINDS: RedactionKind[] = ['name', 'date_of_birth', 'address', 'record_number', 'custom'];

export { termsFromIdentity } from './pseudonym-terms.ts';

export function createRedactionTermService(db: Executor, config: Config) {
  const key = config.encryptionKey;
  return {
    /** The coordinator's words to check for, decrypted, for the form that lists them. */
    async custom(auditId: string): Promise<{ id: string; kind: RedactionKind; value: string }[]> {
      const rows = await repo.termsOf(db, auditId);
      return rows.map((r) => ({
        id: r.id,
        kind: (KINDS.includes(r.kind as RedactionKind) ? r.kind : 'custom') as RedactionKind,
        value: decrypt(key, r.encrypted),
      }));
    },

    async add(audit: AuditInContext, value: string, actor: Actor): Promise<void> {
      await inTransaction(db, async (trx) => {
        const id = await repo.insertTerm(trx, {
          auditId: audit.id,
          encrypted: encrypt(key, value),
          createdBy: actor.userId,
        });
        await appendAuditLog(trx, actor, {
          action: 'redaction-term.added',
          recordType: 'redaction_term',
          recordId: id,
          detail: { auditId: audit.id },
        });
      });
    },

    async remove(audit: AuditInContext, termId: string, actor: Actor): Promise<void> {
      if (!isUuid(termId)) throw new NotFound();
      await inTransaction(db, async (trx) => {
        if (!(await repo.deleteTerm(trx, audit.id, termId))) throw new NotFound();
        await appendAuditLog(trx, actor, {
          action: 'redaction-term.removed',
          recordType: 'redaction_term',
          recordId: termId,
          detail: { auditId: audit.id },
        });
      });
    },

    /**
     * Every term for the audit: each case's identifying details (decrypted; each case's reading is
     * logged as a view of case data, for the redaction check) and the coordinator's words.
     */
    async forAudit(audit: Pick<AuditInContext, 'id'>, actor: Actor): Promise<AuditTerm[]> {
      const [rows, names] = await Promise.all([repo.caseIdentities(db, audit.id), repo.pseudonymsOf(db, audit.id)]);
      const terms: AuditTerm[] = [];
      await inTransaction(db, async (trx) => {
        for (const row of rows) {
          const identity: unknown = JSON.parse(decrypt(key, row.encrypted));
          terms.push(
            ...pseudonymTerms(identity, names.childPseudonym, names.memberRole).map((t) => ({
              ...t.term,
              standsFor: t.standsFor,
              source: 'case' as const,
            })),
          );
          await appendAuditLog(trx, actor, {
            action: 'case-identity.viewed',
            recordType: 'audit_case',
            recordId: row.case_id,
            detail: { auditId: audit.id, purpose: 'redaction-check' },
          });
        }
      });
      for (const t of await this.custom(audit.id))
        terms.push({ kind: t.kind, value: t.value, source: 'custom', termId: t.id, standsFor: pseudonymFor(t.kind) });
      return terms;
    },
  };
}

export type RedactionTermService = ReturnType<typeof createRedactionTermService>;
