import type { Executor } from '../../db/transaction.ts';
import { inTransaction } from '../../db/transaction.ts';
import { DEFAULT_POINT_SETTINGS, discussionPoints, type PointSettings } from '../../domain/discussion-points.ts';
import { NotFound } from '../../web/errors.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { auditForUser, caseInAudit } from '../audits/audit-access.ts';
import { formatChronologyDate } from '../../domain/chronology-dates.ts';
import { CHRONOLOGY_CATEGORIES } from '../../domain/discussion-points.ts';
import { listEntries, type EntryRow } from './chronology-repository.ts';
import * as repo from './discussion-point-repository.ts';

export type PointDecision = 'dismissed' | 'carried' | 'open';

export async function pointSettings(db: Executor, partnershipId: string): Promise<PointSettings> {
  const settings = await repo.partnershipSettings(db, partnershipId);
  const saved = (settings?.discussionPoints ?? {}) as Partial<PointSettings>;
  return { ...DEFAULT_POINT_SETTINGS, ...saved };
}

/** An entry a point rests on, as the pages name it: date, agency and category. */
const summary = (e: EntryRow) => ({
  id: e.id,
  when: formatChronologyDate(e),
  agencyName: e.agencyName,
  category: CHRONOLOGY_CATEGORIES[e.category],
});

/** The points the case's whole chronology raises now, as the rules propose them. */
async function proposedPoints(db: Executor, caseId: string, partnershipId: string) {
  const [entries, involvement, settings] = await Promise.all([
    listEntries(db, caseId),
    repo.caseInvolvement(db, caseId),
    pointSettings(db, partnershipId),
  ]);
  const points = discussionPoints(
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
  return { points, entries };
}

/**
 * A point of one of the audit's cases as the finding form starts from it: its question, its case,
 * the agencies it concerns and the entries it rests on. Undefined when the audit has no such point.
 */
export async function pointForFinding(db: Executor, audit: { id: string; partnershipId: string }, pointId: string) {
  const stored = await repo.pointInAudit(db, audit.id, pointId);
  if (!stored) return undefined;
  const { points, entries } = await proposedPoints(db, stored.case_id, audit.partnershipId);
  const rests = entries.filter((e) => stored.entry_ids.includes(e.id));
  // The rules name the agency a point concerns; a point no longer proposed keeps its entries' agencies.
  const agencyIds = points.find((p) => p.key === stored.point_key)?.agencyIds ?? rests.map((e) => e.agencyId);
  return {
    id: stored.id,
    caseId: stored.case_id,
    caseReference: stored.reference,
    question: stored.question,
    status: stored.status,
    agencyIds: [...new Set(agencyIds)],
    entries: rests.map((e) => ({ ...summary(e), event: e.event, actionTaken: e.actionTaken })),
  };
}
export type PointForFinding = NonNullable<Awaited<ReturnType<typeof pointForFinding>>>;

/**
 * Marks a point carried into the finding just saved from it, in the finding's transaction; false
 * when the audit has no such point (the caller then refuses the finding).
 */
export async function carryIntoFinding(
  trx: Executor,
  d: { auditId: string; pointId: string; findingId: string; userId: string },
  actor: Actor,
): Promise<boolean> {
  const stored = await repo.pointInAudit(trx, d.auditId, d.pointId);
  if (!stored) return false;
  await repo.decidePoint(trx, {
    pointId: stored.id,
    caseId: stored.case_id,
    status: 'carried',
    reason: '',
    userId: d.userId,
  });
  await appendAuditLog(trx, actor, {
    action: 'discussion-point.carried',
    recordType: 'discussion_point',
    recordId: stored.id,
    detail: { findingId: d.findingId },
  });
  return true;
}

/** The points a case's chronology raises for the panel, and the panel's decisions on them. */
export function createDiscussionPointService(db: Executor) {
  return {
    /** Recomputes the points from the whole chronology, keeping the panel's decisions on known points. */
    async points(caseId: string, partnershipId: string) {
      const { points: proposed, entries } = await proposedPoints(db, caseId, partnershipId);
      for (const p of proposed) await repo.upsertPoint(db, caseId, p);
      const keys = proposed.map((p) => p.key);
      const stored = await repo.pointsOfCase(db, caseId);
      return stored
        .filter((s) => keys.includes(s.point_key) || s.status !== 'open')
        .map((s) => ({ ...s, restsOn: entries.filter((e) => s.entry_ids.includes(e.id)).map(summary) }));
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
