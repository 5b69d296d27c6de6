import type { Executor } from '../../db/transaction.ts';
import type { Actor } from '../../web/request-context.ts';
import {
  appendAuditLog,
  distinctActions,
  peopleForFilter,
  searchAuditLog,
  type AuditLogFilter,
} from './audit-log-repository.ts';

export const AUDIT_LOG_PAGE = 50;
const EXPORT_LIMIT = 100_000;

/** The audit log for administrators: filtered, paged, exported; reading it is itself logged. */
export function createAuditLogService(db: Executor) {
  return {
    async browse(filter: AuditLogFilter, page: number, actor: Actor) {
      const { rows, total } = await searchAuditLog(db, filter, AUDIT_LOG_PAGE, (page - 1) * AUDIT_LOG_PAGE);
      const [actions, users] = await Promise.all([
        distinctActions(db, filter.partnershipId),
        peopleForFilter(db, filter.partnershipId),
      ]);
      await appendAuditLog(db, actor, { action: 'audit-log.viewed', detail: { ...filter, partnershipId: undefined } });
      return { rows, total, actions, users };
    },

    async export(filter: AuditLogFilter, actor: Actor) {
      const { rows } = await searchAuditLog(db, filter, EXPORT_LIMIT, 0);
      await appendAuditLog(db, actor, {
        action: 'audit-log.exported',
        detail: { ...filter, partnershipId: undefined, rows: rows.length },
      });
      return rows;
    },
  };
}
