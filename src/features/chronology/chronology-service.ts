import type { Db } from '../../db/database.ts';
import { can } from '../../domain/authorisation.ts';
import { addMonths } from '../../domain/calendar-date.ts';
import type { CheckedEntry, Scope } from '../../domain/chronology-entry.ts';
import { DEFAULT_POINT_SETTINGS, discussionPoints, type PointSettings } from '../../domain/discussion-points.ts';
import { isEditable } from '../../domain/return-lifecycle.ts';
import { NotFound } from '../../web/errors.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { auditForUser, caseInAudit } from '../audits/audit-access.ts';
import type { ReturnService } from '../returns/return-service.ts';
import * as repo from './chronology-repository.ts';

const SHARED_FROM = ['discussion', 'reporting', 'monitoring', 'closed'];
const toInput = (e: CheckedEntry): repo.EntryInput => ({
  from: e.date.from,
  to: e.date.to,
  precision: e.date.precision,
  event: e.event,
  source: e.source,
  category: e.category,
  impact: e.impact,
  actionTaken: e.actionTaken,
  significant: e.significant,
});

export async function auditScope(db: Db, auditId: string): Promise<Scope> {
  const a = await db
    .selectFrom('audit')
    .select(['scope_kind', 'scope_from', 'scope_to', 'scope_months', 'scope_reference_date'])
    .where('id', '=', auditId)
    .executeTakeFirstOrThrow();
  if (a.scope_kind === 'months' && a.scope_months && a.scope_reference_date)
    return { from: addMonths(a.scope_reference_date, -a.scope_months), to: a.scope_reference_date };
  return { from: a.scope_from, to: a.scope_to };
}

export async function pointSettings(db: Db, partnershipId: string): Promise<PointSettings> {
  const row = await db.selectFrom('partnership').select('settings').where('id', '=', partnershipId).executeTakeFirst();
  const saved = (row?.settings.discussionPoints ?? {}) as Partial<PointSettings>;
  return { ...DEFAULT_POINT_SETTINGS, ...saved };
}

export function createChronologyService(db: Db, returns: ReturnService) {
  /** The agency's own chronology for the case behind a return; editing follows the return. */
  async function forReturn(user: CurrentUser, returnId: string, actor: Actor, edit: boolean) {
    const ctx = await returns.authorised(user, returnId, edit ? 'return:edit' : 'return:read', actor);
    if (edit && !isEditable(ctx.row.status)) return { ctx, scope: await auditScope(db, ctx.row.auditId), locked: true };
    return { ctx, scope: await auditScope(db, ctx.row.auditId), locked: !isEditable(ctx.row.status) };
  }

  return {
    forReturn,

    async list(user: CurrentUser, returnId: string, actor: Actor) {
      const { ctx, scope, locked } = await forReturn(user, returnId, actor, false);
      const entries = await repo.listEntries(db, ctx.row.caseId, { agencyIds: [ctx.row.agencyId] });
      await appendAuditLog(db, actor, {
        action: 'chronology.viewed',
        recordType: 'audit_case',
        recordId: ctx.row.caseId,
        detail: { agencyId: ctx.row.agencyId },
      });
      return { ctx, scope, locked, entries, canEdit: !locked && returns.actorsFor(user, ctx).includes('auditor') };
    },

    async add(
      user: CurrentUser,
      returnId: string,
      entry: CheckedEntry,
      actor: Actor,
    ): Promise<'added' | 'duplicate' | 'locked'> {
      const { ctx, locked } = await forReturn(user, returnId, actor, true);
      if (locked) return 'locked';
      return db.transaction().execute(async (trx) => {
        const added = await repo.insertEntry(trx, ctx.row.caseId, ctx.row.agencyId, toInput(entry), user.id);
        if (added)
          await appendAuditLog(trx, actor, {
            action: 'chronology.entry-added',
            recordType: 'audit_case',
            recordId: ctx.row.caseId,
          });
        return added ? 'added' : 'duplicate';
      });
    },

    async update(
      user: CurrentUser,
      returnId: string,
      entryId: string,
      version: number,
      entry: CheckedEntry,
      actor: Actor,
    ) {
      const { ctx, locked } = await forReturn(user, returnId, actor, true);
      if (locked) return 'locked' as const;
      return db.transaction().execute(async (trx) => {
        const result = await repo.updateEntry(trx, entryId, ctx.row.caseId, ctx.row.agencyId, version, toInput(entry));
        if (result === 'updated')
          await appendAuditLog(trx, actor, {
            action: 'chronology.entry-changed',
            recordType: 'chronology_entry',
            recordId: entryId,
          });
        return result;
      });
    },

    async remove(user: CurrentUser, returnId: string, entryId: string, actor: Actor): Promise<boolean> {
      const { ctx, locked } = await forReturn(user, returnId, actor, true);
      if (locked) return false;
      return db.transaction().execute(async (trx) => {
        const removed = await repo.deleteEntry(trx, entryId, ctx.row.caseId, ctx.row.agencyId);
        if (removed)
          await appendAuditLog(trx, actor, {
            action: 'chronology.entry-deleted',
            recordType: 'chronology_entry',
            recordId: entryId,
          });
        return removed;
      });
    },

    async entry(user: CurrentUser, returnId: string, entryId: string, actor: Actor) {
      const { ctx } = await forReturn(user, returnId, actor, true);
      const entry = /^[0-9a-f-]{36}$/i.test(entryId)
        ? await repo.findEntry(db, ctx.row.caseId, ctx.row.agencyId, entryId)
        : undefined;
      if (!entry) throw new NotFound();
      return { ctx, entry };
    },

    /**
     * The integrated chronology: every agency's entries for the case. Coordinator and panel see
     * all; an agency sees only its own until the audit reaches discussion.
     */
    async integrated(user: CurrentUser, auditId: string, caseId: string, filter: repo.EntryFilter, actor: Actor) {
      const audit = await auditForUser(db, user, auditId, 'audit:read');
      const kase = await caseInAudit(db, audit, caseId);
      const seesAll =
        user.roles.includes('coordinator') || user.roles.includes('panel_member') || SHARED_FROM.includes(audit.status);
      const agencyIds = seesAll ? filter.agencyIds : [user.agencyId ?? ''];
      const entries = await repo.listEntries(db, caseId, { ...filter, agencyIds });
      const agencies = await db
        .selectFrom('agency as g')
        .innerJoin('audit_agency as aa', 'aa.agency_id', 'g.id')
        .select(['g.id', 'g.name'])
        .where('aa.audit_id', '=', auditId)
        .where((eb) => (seesAll ? eb.lit(true) : eb('g.id', '=', user.agencyId ?? '')))
        .orderBy('g.name')
        .execute();
      await appendAuditLog(db, actor, {
        action: 'chronology.integrated-viewed',
        recordType: 'audit_case',
        recordId: caseId,
      });
      return {
        audit,
        kase,
        entries,
        agencies,
        seesAll,
        canDecide:
          can(user, 'audit:read', audit.resource) &&
          (user.roles.includes('coordinator') || user.roles.includes('panel_member')),
      };
    },

    /** Recomputes the points from the whole chronology, keeping the panel's decisions on known points. */
    async points(caseId: string, partnershipId: string) {
      const [entries, involvement, settings] = await Promise.all([
        repo.listEntries(db, caseId),
        db
          .selectFrom('involvement as i')
          .innerJoin('agency as g', 'g.id', 'i.agency_id')
          .select(['i.agency_id', 'g.name', 'i.status'])
          .where('i.case_id', '=', caseId)
          .execute(),
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
      for (const p of proposed) {
        await db
          .insertInto('discussion_point')
          .values({ case_id: caseId, point_key: p.key, rule: p.rule, question: p.question, entry_ids: p.entryIds })
          .onConflict((oc) =>
            oc.columns(['case_id', 'point_key']).doUpdateSet({ question: p.question, updated_at: new Date() }),
          )
          .execute();
      }
      const keys = proposed.map((p) => p.key);
      const stored = await db
        .selectFrom('discussion_point')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('created_at')
        .execute();
      return stored.filter((s) => keys.includes(s.point_key) || s.status !== 'open');
    },

    async decide(
      user: CurrentUser,
      auditId: string,
      caseId: string,
      pointId: string,
      decision: 'dismissed' | 'carried' | 'open',
      reason: string,
      actor: Actor,
    ): Promise<boolean> {
      const audit = await auditForUser(db, user, auditId, 'audit:read');
      await caseInAudit(db, audit, caseId);
      if (!(user.roles.includes('coordinator') || user.roles.includes('panel_member'))) throw new NotFound();
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('discussion_point')
          .set({ status: decision, reason, decided_at: new Date(), decided_by: user.id, updated_at: new Date() })
          .where('id', '=', pointId)
          .where('case_id', '=', caseId)
          .returning('id')
          .executeTakeFirst();
        if (row)
          await appendAuditLog(trx, actor, {
            action: `discussion-point.${decision}`,
            recordType: 'discussion_point',
            recordId: pointId,
            detail: { reason },
          });
        return !!row;
      });
    },
  };
}

export type ChronologyService = ReturnType<typeof createChronologyService>;
