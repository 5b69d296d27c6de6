import type { Config } from '../../config.ts';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import { ALL_AGE_BANDS, childAgeBand, label, LEGAL_STATUSES } from '../../domain/case-attributes.ts';
import { NotFound } from '../../web/errors.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { isUuid, type AuditInContext } from '../audits/audit-access.ts';
import * as repo from './case-repository.ts';
import { createHouseholdService, type Created, type Saved } from './household-service.ts';

/**
 * Cases: rules, concurrency and the audit log (their children and household: household-service.ts). Every change is
 * written with its audit-log row in one transaction; an edit against a stale version changes
 * nothing and hands back what the other person saved.
 */
export type CaseForm = repo.CaseValues;
export type CaseRow = NonNullable<Awaited<ReturnType<typeof repo.findCase>>>;
export type { ChildForm, ChildRow, Created, MemberForm, MemberRow, Saved } from './household-service.ts';

const DUPLICATE_REFERENCE = {
  reference: { text: 'A case with this reference already exists in this audit: enter a different reference' },
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

  async function detail(audit: AuditInContext, caseId: string, actor?: Actor) {
    const kase = await caseOrNotFound(db, audit, caseId);
    const [children, members] = await Promise.all([repo.childrenOf(db, [caseId]), repo.membersOf(db, [caseId])]);
    if (actor) await appendAuditLog(db, actor, { action: 'case.viewed', recordType: 'audit_case', recordId: caseId });
    return { kase, children, members };
  }

  return {
    ...createHouseholdService(db, config, caseOrNotFound),
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
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
