import type { Config } from '../../config.ts';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import { pruneIdentity } from '../../domain/case-identity.ts';
import { NotFound } from '../../web/errors.ts';
import type { Actor } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import type { AuditInContext } from '../audits/audit-access.ts';
import * as repo from './case-repository.ts';
import { loadIdentity, storeIdentity } from './identity-repository.ts';

/**
 * A case's children and household members. Each change holds the case, is written with its
 * audit-log row in one transaction, and a removal takes the person's identifying details with it.
 */
type Fields = Record<string, { text: string }>;
export type ChildForm = repo.ChildValues;
export type MemberForm = repo.MemberValues;
export type ChildRow = Awaited<ReturnType<typeof repo.childrenOf>>[number];
export type MemberRow = Awaited<ReturnType<typeof repo.membersOf>>[number];
export type Created = { kind: 'saved'; id: string } | { kind: 'invalid'; errors: Fields };
export type Saved<T> = Created | { kind: 'conflict'; theirs: T };
type HoldCase = (trx: Executor, audit: AuditInContext, caseId: string, forUpdate: boolean) => Promise<unknown>;

const DUPLICATE_PSEUDONYM = {
  pseudonym: { text: 'A child with this pseudonym already exists in this case: enter a different pseudonym' },
};

export function createHouseholdService(db: Executor, config: Config, caseOrNotFound: HoldCase) {
  /** Drops identifying details of children or adults no longer in the case, in the same transaction. */
  async function pruneStoredIdentity(trx: Executor, caseId: string, actor: Actor) {
    const stored = await loadIdentity(trx, config.encryptionKey, caseId, true);
    if (stored.version === 0) return;
    const [children, members] = await Promise.all([repo.childrenOf(trx, [caseId]), repo.membersOf(trx, [caseId])]);
    const pruned = pruneIdentity(
      stored.identity,
      children.map((c) => c.id),
      members.map((m) => m.id),
    );
    if (JSON.stringify(pruned) === JSON.stringify(stored.identity)) return;
    await storeIdentity(trx, config.encryptionKey, caseId, pruned, stored.version, actor.userId);
    await appendAuditLog(trx, actor, {
      action: 'case-identity.changed',
      recordType: 'audit_case',
      recordId: caseId,
      detail: { reason: 'a child or household member was removed' },
    });
  }

  return {
    async addChild(audit: AuditInContext, caseId: string, form: ChildForm, actor: Actor): Promise<Created> {
      return inTransaction(db, async (trx) => {
        await caseOrNotFound(trx, audit, caseId, true);
        if (await repo.pseudonymTaken(trx, caseId, form.pseudonym))
          return { kind: 'invalid' as const, errors: DUPLICATE_PSEUDONYM };
        const id = await repo.insertChild(trx, caseId, form);
        await appendAuditLog(trx, actor, {
          action: 'case.child-added',
          recordType: 'audit_case',
          recordId: caseId,
          detail: { childId: id, pseudonym: form.pseudonym },
        });
        return { kind: 'saved' as const, id };
      });
    },

    async changeChild(
      audit: AuditInContext,
      caseId: string,
      childId: string,
      version: number,
      form: ChildForm,
      actor: Actor,
    ): Promise<Saved<ChildRow>> {
      return inTransaction(db, async (trx) => {
        await caseOrNotFound(trx, audit, caseId, true);
        const current = (await repo.childrenOf(trx, [caseId])).find((c) => c.id === childId);
        if (!current) throw new NotFound();
        if (await repo.pseudonymTaken(trx, caseId, form.pseudonym, childId))
          return { kind: 'invalid' as const, errors: DUPLICATE_PSEUDONYM };
        const saved = await repo.updateChild(trx, childId, version, form);
        if (saved === undefined) return { kind: 'conflict' as const, theirs: current };
        await appendAuditLog(trx, actor, {
          action: 'case.child-changed',
          recordType: 'audit_case',
          recordId: caseId,
          detail: { childId, version: saved },
        });
        return { kind: 'saved' as const, id: childId };
      });
    },

    async removeChild(audit: AuditInContext, caseId: string, childId: string, actor: Actor): Promise<void> {
      await inTransaction(db, async (trx) => {
        await caseOrNotFound(trx, audit, caseId, true);
        if (!(await repo.deleteRow(trx, 'case_child', childId, caseId))) throw new NotFound();
        await appendAuditLog(trx, actor, {
          action: 'case.child-removed',
          recordType: 'audit_case',
          recordId: caseId,
          detail: { childId },
        });
        await pruneStoredIdentity(trx, caseId, actor);
      });
    },

    async addMember(audit: AuditInContext, caseId: string, form: MemberForm, actor: Actor): Promise<Created> {
      return inTransaction(db, async (trx) => {
        await caseOrNotFound(trx, audit, caseId, true);
        const id = await repo.insertMember(trx, caseId, form);
        await appendAuditLog(trx, actor, {
          action: 'case.member-added',
          recordType: 'audit_case',
          recordId: caseId,
          detail: { memberId: id, role: form.role },
        });
        return { kind: 'saved' as const, id };
      });
    },

    async changeMember(
      audit: AuditInContext,
      caseId: string,
      memberId: string,
      version: number,
      form: MemberForm,
      actor: Actor,
    ): Promise<Saved<MemberRow>> {
      return inTransaction(db, async (trx) => {
        await caseOrNotFound(trx, audit, caseId, true);
        const current = (await repo.membersOf(trx, [caseId])).find((m) => m.id === memberId);
        if (!current) throw new NotFound();
        const saved = await repo.updateMember(trx, memberId, version, form);
        if (saved === undefined) return { kind: 'conflict' as const, theirs: current };
        await appendAuditLog(trx, actor, {
          action: 'case.member-changed',
          recordType: 'audit_case',
          recordId: caseId,
          detail: { memberId, version: saved },
        });
        return { kind: 'saved' as const, id: memberId };
      });
    },

    async removeMember(audit: AuditInContext, caseId: string, memberId: string, actor: Actor): Promise<void> {
      await inTransaction(db, async (trx) => {
        await caseOrNotFound(trx, audit, caseId, true);
        if (!(await repo.deleteRow(trx, 'household_member', memberId, caseId))) throw new NotFound();
        await appendAuditLog(trx, actor, {
          action: 'case.member-removed',
          recordType: 'audit_case',
          recordId: caseId,
          detail: { memberId },
        });
        await pruneStoredIdentity(trx, caseId, actor);
      });
    },
  };
}
