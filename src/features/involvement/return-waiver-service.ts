import { inTransaction, type Executor } from '../../db/transaction.ts';
import { NotFound } from '../../web/errors.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { auditForUser, isUuid } from '../audits/audit-access.ts';
import * as repo from './return-waiver-repository.ts';

const RECEIVED = ['submitted', 'signed_off'];

/**
 * "This return will not come": the coordinator records why an expected return (an agency recorded
 * as involved in a case) will not be received. Only for a return not already received; changed or
 * withdrawn the same way; every change is logged with the case and agency, never lost.
 */
export function createReturnWaiverService(db: Executor) {
  /** The cell, or 404: not the coordinator's audit, not an involved cell, or already received. */
  async function cell(user: CurrentUser, auditId: string, caseId: string, agencyId: string) {
    if (!isUuid(caseId) || !isUuid(agencyId)) throw new NotFound();
    const audit = await auditForUser(db, user, auditId, 'audit:manage');
    const row = await repo.cellForWaiver(db, caseId, agencyId);
    if (!row || row.audit_id !== audit.id || row.status !== 'involved') throw new NotFound();
    if (RECEIVED.includes(row.return_status ?? '')) throw new NotFound();
    return { audit, caseReference: row.reference, agencyName: row.agency_name, reason: row.reason };
  }

  return {
    cell,

    async record(user: CurrentUser, auditId: string, caseId: string, agencyId: string, reason: string, actor: Actor) {
      const found = await cell(user, auditId, caseId, agencyId);
      await inTransaction(db, async (trx) => {
        await repo.saveWaiver(trx, { caseId, agencyId, reason, userId: user.id });
        await appendAuditLog(trx, actor, {
          action: found.reason === null ? 'return.will-not-be-received' : 'return.will-not-be-received-changed',
          recordType: 'audit_case',
          recordId: caseId,
          detail: { auditId: found.audit.id, agencyId },
        });
      });
      return found;
    },

    async withdraw(user: CurrentUser, auditId: string, caseId: string, agencyId: string, actor: Actor) {
      const found = await cell(user, auditId, caseId, agencyId);
      await inTransaction(db, async (trx) => {
        if (!(await repo.deleteWaiver(trx, caseId, agencyId))) throw new NotFound();
        await appendAuditLog(trx, actor, {
          action: 'return.will-not-be-received-withdrawn',
          recordType: 'audit_case',
          recordId: caseId,
          detail: { auditId: found.audit.id, agencyId },
        });
      });
      return found;
    },

    waiversOf: (auditId: string) => repo.waiversOf(db, auditId),
  };
}

export type ReturnWaiverService = ReturnType<typeof createReturnWaiverService>;
