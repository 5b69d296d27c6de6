import type { Config } from '../../config.ts';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import { ALL_AGE_BANDS, childAgeBand, label, LEGAL_STATUSES } from '../../domain/case-attributes.ts';
import { pruneIdentity } from '../../domain/case-identity.ts';
import { NotFound } from '../../web/errors.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { isUuid, type AuditInContext } from '../audits/audit-access.ts';
import * as repo from './case-repository.ts';
import { loadIdentity, storeIdentity } from './identity-repository.ts';

/**
 * Cases, their children and household: rules, concurrency and the audit log. Every change is
 * written with its audit-log row in one transaction; an edit against a stale version changes
 * nothing and hands back what the other person saved.
 */
type Fields = Record<string, { text: string }>;
export type CaseForm = repo.CaseValues;
export type ChildForm = repo.ChildValues;
export type MemberForm = repo.MemberValues;
export type CaseRow = NonNullable<Awaited<ReturnType<typeof repo.findCase>>>;
export type ChildRow = Awaited<ReturnType<typeof repo.childrenOf>>[number];
export type MemberRow = Awaited<ReturnType<typeof repo.membersOf>>[number];
export type Created = { kind: 'saved'; id: string } | { kind: 'invalid'; errors: Fields };
export type Saved<T> = Created | { kind: 'conflict'; theirs: T };

const DUPLICATE_REFERENCE = {
  reference: { text: 'A case with this reference already exists in this audit: enter a different reference' },
};
const DUPLICATE_PSEUDONYM = {
  pseudonym: { text: 'A child with this pseudonym already exists in this case: enter a different pseudonym' },
};

function isUniqueViolation(error: unknown, constraint: string): boolean {
  return (
    (error as { code?: string; constraint?: string }).code === '23505' &&
    (error as { constraint?: string }).constraint === constraint
  );
}

export function createCaseService(db: Executor, config: Config) {
  async function caseOrNotFound(trx: Executor, audit: AuditInContext, caseId: string, forUpdate = false) {
    if (!isUuid(caseId)) throw new NotFound();
    const row = await repo.findCase(trx, audit.id, caseId, forUpdate);
    if (!row) throw new NotFound();
    return row;
  }

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

  async function detail(audit: AuditInContext, caseId: string, actor?: Actor) {
    const kase = await caseOrNotFound(db, audit, caseId);
    const [children, members] = await Promise.all([repo.childrenOf(db, [caseId]), repo.membersOf(db, [caseId])]);
    if (actor) await appendAuditLog(db, actor, { action: 'case.viewed', recordType: 'audit_case', recordId: caseId });
    return { kase, children, members };
  }

  return {
    agencies: (partnershipId: string) => repo.agenciesOf(db, partnershipId),

    /** The audit's cases with what the list shows; the read is logged. */
    async summaries(audit: AuditInContext, actor: Actor) {
      const cases = await repo.casesOf(db, audit.id);
      const children = await repo.childrenOf(
        db,
        cases.map((c) => c.id),
      );
      await appendAuditLog(db, actor, { action: 'case.list-viewed', recordType: 'audit', recordId: audit.id });
      return cases.map((c) => {
        const own = children.filter((child) => child.case_id === c.id);
        return {
          ...c,
          childCount: own.length,
          legalStatuses: [...new Set(own.map((child) => label(LEGAL_STATUSES, child.legal_status)))],
          ageBands: [...new Set(own.map((child) => label(ALL_AGE_BANDS, childAgeBand(child))).filter(Boolean))],
        };
      });
    },

    detail,

    /** The case's page: the case, its children and household, and the partnership's agencies; the read is logged. */
    async page(audit: AuditInContext, caseId: string, actor: Actor) {
      const [found, agencies] = await Promise.all([
        detail(audit, caseId, actor),
        repo.agenciesOf(db, audit.partnershipId),
      ]);
      return { ...found, agencies };
    },

    /** A case and one of its children; a child of another case, or none, is a 404. */
    async withChild(audit: AuditInContext, caseId: string, childId: string) {
      const found = await detail(audit, caseId);
      const child = isUuid(childId) ? found.children.find((c) => c.id === childId) : undefined;
      if (!child) throw new NotFound();
      return { ...found, child };
    },

    /** A case and one of its household members; anyone else's is a 404. */
    async withMember(audit: AuditInContext, caseId: string, memberId: string) {
      const found = await detail(audit, caseId);
      const member = isUuid(memberId) ? found.members.find((m) => m.id === memberId) : undefined;
      if (!member) throw new NotFound();
      return { ...found, member };
    },

    /** What the API answers: the audit's cases (or one), with their children and household. */
    async forApi(audit: AuditInContext, caseId?: string) {
      const cases = caseId === undefined ? await repo.casesOf(db, audit.id) : [await caseOrNotFound(db, audit, caseId)];
      const ids = cases.map((c) => c.id);
      const [children, members] = await Promise.all([repo.childrenOf(db, ids), repo.membersOf(db, ids)]);
      return { cases, children, members };
    },

    async references(auditId: string): Promise<string[]> {
      return (await repo.casesOf(db, auditId)).map((c) => c.reference);
    },

    async create(user: CurrentUser, audit: AuditInContext, form: CaseForm, actor: Actor): Promise<Created> {
      try {
        return await inTransaction(db, async (trx) => {
          if (await repo.referenceTaken(trx, audit.id, form.reference))
            return { kind: 'invalid' as const, errors: DUPLICATE_REFERENCE };
          const id = await repo.insertCase(trx, audit.id, form, user.id);
          await appendAuditLog(trx, actor, {
            action: 'case.created',
            recordType: 'audit_case',
            recordId: id,
            detail: { auditId: audit.id, reference: form.reference },
          });
          return { kind: 'saved' as const, id };
        });
      } catch (error) {
        if (isUniqueViolation(error, 'audit_case_reference_unique'))
          return { kind: 'invalid', errors: DUPLICATE_REFERENCE };
        throw error;
      }
    },

    async update(
      audit: AuditInContext,
      caseId: string,
      version: number,
      form: CaseForm,
      actor: Actor,
    ): Promise<Saved<CaseRow>> {
      try {
        return await inTransaction(db, async (trx) => {
          const current = await caseOrNotFound(trx, audit, caseId, true);
          if (await repo.referenceTaken(trx, audit.id, form.reference, caseId))
            return { kind: 'invalid' as const, errors: DUPLICATE_REFERENCE };
          const saved = await repo.updateCase(trx, caseId, version, form);
          if (saved === undefined) return { kind: 'conflict' as const, theirs: current };
          const changed = (
            ['reference', 'selectionReason', 'selectedBy', 'sourceAgencyId', 'criteria'] as const
          ).filter((f) => {
            const before = {
              reference: current.reference,
              selectionReason: current.selection_reason,
              selectedBy: current.selected_by,
              sourceAgencyId: current.source_agency_id,
              criteria: current.criteria,
            }[f];
            return JSON.stringify(before) !== JSON.stringify(form[f]);
          });
          await appendAuditLog(trx, actor, {
            action: 'case.changed',
            recordType: 'audit_case',
            recordId: caseId,
            detail: { fields: changed, version: saved },
          });
          return { kind: 'saved' as const, id: caseId };
        });
      } catch (error) {
        if (isUniqueViolation(error, 'audit_case_reference_unique'))
          return { kind: 'invalid', errors: DUPLICATE_REFERENCE };
        throw error;
      }
    },

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

export type CaseService = ReturnType<typeof createCaseService>;
