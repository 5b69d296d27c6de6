import type { Executor } from '../../db/transaction.ts';
import { inTransaction } from '../../db/transaction.ts';
import { DEFAULT_POINT_SETTINGS, discussionPoints, type PointSettings } from '../../domain/discussion-points.ts';
import { NotFound } from '../../web/errors.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { auditForUser, caseInAudit } from '../audits/audit-access.ts';
import { listEntries } from './chronology-repository.ts';
import * as repo from './discussion-point-repository.ts';

export type PointDecision = 'dismissed' | 'carried' | 'open';

export async function pointSettings(db: Executor, partnershipId: string): Promise<PointSettings> {
  const settings = await repo.partnershipSettings(db, partnershipId);
  const saved = (settings?.discussionPoints ?? {}) as Partial<PointSettings>;
  return { ...DEFAULT_POINT_SETTINGS, ...saved };
}

/** The points a case's chronology raises for the panel, and the panel's decisions on them. */
export function createDiscussionPointService(db: Executor) {
  return {
    /** Recomputes the points from the whole chronology, keeping the panel's decisions on known points. */
    async points(caseId: string, partnershipId: string) {
      const [entries, involvement, settings] = await Promise.all([
        listEntries(db, caseId),
        repo.caseInvolvement(db, caseId),
        pointSettings(db, partnershipId),
      ]);
      const proposed = discussionPoints(
        entries.map((e) => ({
          id: e.id,
          agencyId: e.agencyId,
          agencyName: e.agencyName,
          from: e.from,
          to: e.to,
          category: e.category,
          event: e.event,
          actionTaken: e.actionTaken,
        })),
        involvement.map((i) => ({ agencyId: i.agency_id, agencyName: i.name, status: i.status })),
        settings,
      );
      for (const p of proposed) await repo.upsertPoint(db, caseId, p);
      const keys = proposed.map((p) => p.key);
      const stored = await repo.pointsOfCase(db, caseId);
      return stored.filter((s) => keys.includes(s.point_key) || s.status !== 'open');
    },

    async decide(
      user: CurrentUser,
      auditId: string,
      caseId: string,
      pointId: string,
      decision: PointDecision,
      reason: string,
      actor: Actor,
    ): Promise<boolean> {
      const audit = await auditForUser(db, user, auditId, 'audit:read');
      await caseInAudit(db, audit, caseId);
      if (!(user.roles.includes('coordinator') || user.roles.includes('panel_member'))) throw new NotFound();
      return inTransaction(db, async (trx) => {
        const decided = await repo.decidePoint(trx, { pointId, caseId, status: decision, reason, userId: user.id });
        if (decided)
          await appendAuditLog(trx, actor, {
            action: `discussion-point.${decision}`,
            recordType: 'discussion_point',
            recordId: pointId,
            detail: { reason },
          });
        return decided;
      });
    },
  };
}
