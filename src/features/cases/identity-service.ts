import type { Config } from '../../config.ts';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import { pruneIdentity, type CaseIdentity } from '../../domain/case-identity.ts';
import { NotFound } from '../../web/errors.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { auditForUser, caseInAudit, isUuid, type AuditInContext } from '../audits/audit-access.ts';
import { agenciesOf, childrenOf, membersOf } from './case-repository.ts';
import { loadIdentities, loadIdentity, lockCase, storeIdentity, type StoredIdentity } from './identity-repository.ts';

/**
 * Identifying details: who may see them is the 'case:identity' rule with the audit in hand (the
 * coordinator; leads and auditors of invited agencies while returns are open). Every view, every
 * change and every refused attempt is in the audit log; the details themselves never are.
 */
type IdentityPurpose = 'view' | 'edit' | 'api';

export function createIdentityService(db: Executor, config: Config) {
  const key = config.encryptionKey;

  async function logRefusal(actor: Actor, auditId: string, caseId: string | undefined, via: 'page' | 'api') {
    await appendAuditLog(db, actor, {
      action: 'case-identity.refused',
      recordType: 'audit_case',
      ...(caseId && isUuid(caseId) ? { recordId: caseId } : {}),
      detail: { auditId: isUuid(auditId) ? auditId : null, via },
    });
  }

  /** The audit and case if this person may see the case's identifying details; otherwise 404 (the caller logs it). */
  async function authorise(user: CurrentUser, auditId: string, caseId: string | undefined) {
    const audit = await auditForUser(db, user, auditId, 'case:identity');
    const kase = caseId === undefined ? undefined : await caseInAudit(db, audit, caseId);
    return { audit, kase };
  }

  /** The case, its children and household, and the agencies a record number may belong to. */
  async function context(user: CurrentUser, auditId: string, caseId: string) {
    const { audit, kase } = await authorise(user, auditId, caseId);
    if (!kase) throw new NotFound();
    const [children, members, agencies] = await Promise.all([
      childrenOf(db, [kase.id]),
      membersOf(db, [kase.id]),
      agenciesOf(db, audit.partnershipId),
    ]);
    return { audit, kase, children, members, agencies };
  }

  async function view(audit: AuditInContext, caseId: string, actor: Actor, purpose: IdentityPurpose = 'view') {
    const stored = await loadIdentity(db, key, caseId);
    await appendAuditLog(db, actor, {
      action: 'case-identity.viewed',
      recordType: 'audit_case',
      recordId: caseId,
      detail: { auditId: audit.id, purpose },
    });
    return stored;
  }

  async function viewMany(
    audit: AuditInContext,
    caseIds: readonly string[],
    actor: Actor,
  ): Promise<Map<string, StoredIdentity>> {
    const found = await loadIdentities(db, key, caseIds);
    await inTransaction(db, async (trx) => {
      for (const caseId of caseIds)
        await appendAuditLog(trx, actor, {
          action: 'case-identity.viewed',
          recordType: 'audit_case',
          recordId: caseId,
          detail: { auditId: audit.id, purpose: 'api' },
        });
    });
    return found;
  }

  return {
    authorise,
    logRefusal,
    context,

    /** The page's context and the stored details, logged as viewed (to show, or to change). */
    async open(user: CurrentUser, auditId: string, caseId: string, actor: Actor, purpose: 'view' | 'edit') {
      const found = await context(user, auditId, caseId);
      return { ...found, stored: await view(found.audit, found.kase.id, actor, purpose) };
    },

    /** The details to show, logged as viewed. */
    view,

    /** The API's `?include=identity`: allowed by the same rule as the pages, each case's view logged. */
    async forApi(
      user: CurrentUser,
      audit: AuditInContext,
      caseId: string | undefined,
      caseIds: string[],
      actor: Actor,
    ) {
      await authorise(user, audit.id, caseId);
      return viewMany(audit, caseIds, actor);
    },

    viewMany,

    /** Saves against the version the person started from; a stale save hands back the current details. */
    async save(
      audit: AuditInContext,
      caseId: string,
      identity: CaseIdentity,
      version: number,
      actor: Actor,
    ): Promise<{ kind: 'saved'; version: number } | { kind: 'conflict'; theirs: StoredIdentity }> {
      return inTransaction(db, async (trx) => {
        await lockCase(trx, audit.id, caseId);
        const [children, members] = await Promise.all([childrenOf(trx, [caseId]), membersOf(trx, [caseId])]);
        const cleaned = pruneIdentity(
          identity,
          children.map((c) => c.id),
          members.map((m) => m.id),
        );
        const saved = await storeIdentity(trx, key, caseId, cleaned, version, actor.userId);
        if (saved === undefined) return { kind: 'conflict' as const, theirs: await loadIdentity(trx, key, caseId) };
        const counts = {
          children: cleaned.children.length,
          adults: cleaned.adults.length,
          addresses: cleaned.addresses.length,
          records: cleaned.records.length,
        };
        await appendAuditLog(trx, actor, {
          action: 'case-identity.changed',
          recordType: 'audit_case',
          recordId: caseId,
          detail: { auditId: audit.id, version: saved, counts },
        });
        return { kind: 'saved' as const, version: saved };
      });
    },
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
