import { inTransaction, type Executor } from '../../db/transaction.ts';
import { checkTransition, type AuditStatus } from '../../domain/audit-lifecycle.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { auditFacts, outstandingReturns } from './audit-facts-repository.ts';
import { changeStatus, lockAudit } from './audit-plan-repository.ts';

export type OutstandingReturn = { caseReference: string; agencyName: string; status: string | null };
export type MoveResult =
  | { kind: 'moved'; from: AuditStatus; to: AuditStatus }
  | { kind: 'stale' }
  | { kind: 'not-allowed' }
  | { kind: 'reason-required' }
  | { kind: 'guard'; missing: string[] }
  | { kind: 'confirm'; to: AuditStatus; outstanding: OutstandingReturn[] };

/** Moves that leave the returns stage behind: with returns outstanding, they are confirmed first. */
const CONFIRMED_MOVES: AuditStatus[] = ['discussion', 'reporting'];

/**
 * One lifecycle move, checked against the guards with facts counted in the same transaction.
 * Moving on to discussion or reporting while expected returns are neither in nor recorded as not
 * coming answers 'confirm' with the list, until the person confirms; the move is then logged with it.
 */
export function moveAudit(
  db: Executor,
  user: CurrentUser,
  auditId: string,
  input: { to: AuditStatus; reason: string; version: number; confirmed?: boolean },
  actor: Actor,
): Promise<MoveResult> {
  return inTransaction(db, async (trx) => {
    const current = await lockAudit(trx, auditId);
    if (current.version !== input.version) return { kind: 'stale' as const };
    const facts = await auditFacts(trx, auditId);
    const reason = input.reason.trim();
    const check = checkTransition({ from: current.status, to: input.to, roles: user.roles, reason, facts });
    if (!check.ok) {
      if (check.problem === 'guard') return { kind: 'guard' as const, missing: check.missing ?? [] };
      if (check.problem === 'reason-required') return { kind: 'reason-required' as const };
      return { kind: 'not-allowed' as const };
    }
    const confirmable = !check.transition.backwards && CONFIRMED_MOVES.includes(input.to);
    const outstanding = confirmable
      ? (await outstandingReturns(trx, auditId)).map((r) => ({
          caseReference: r.case_reference,
          agencyName: r.agency_name,
          status: r.status,
        }))
      : [];
    if (outstanding.length && !input.confirmed) return { kind: 'confirm' as const, to: input.to, outstanding };
    const moved = await changeStatus(trx, {
      auditId,
      from: current.status,
      to: input.to,
      reason: reason || null,
      version: input.version,
      userId: user.id,
    });
    if (!moved) return { kind: 'stale' as const };
    await appendAuditLog(trx, actor, {
      action: 'audit.status-changed',
      recordType: 'audit',
      recordId: auditId,
      detail: {
        from: current.status,
        to: input.to,
        backwards: check.transition.backwards,
        ...(reason ? { reason } : {}),
        ...(outstanding.length
          ? { outstandingReturns: outstanding.map((o) => ({ case: o.caseReference, agency: o.agencyName })) }
          : {}),
      },
    });
    return { kind: 'moved' as const, from: current.status, to: input.to };
  });
}
