import { inTransaction, type Executor } from '../../db/transaction.ts';
import { can } from '../../domain/authorisation.ts';
import { addMonths } from '../../domain/calendar-date.ts';
import { checkEntry, type CheckedEntry, type EntryFields, type Scope } from '../../domain/chronology-entry.ts';
import { isEditable } from '../../domain/return-lifecycle.ts';
import { NotFound } from '../../web/errors.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { auditForUser, caseInAudit } from '../audits/audit-access.ts';
import type { ReturnService } from '../returns/return-service.ts';
import { auditAgencies, auditScopeColumns } from './chronology-audit-repository.ts';
import * as repo from './chronology-repository.ts';
import { createDiscussionPointService } from './discussion-point-service.ts';
import { entryInput } from './entry-row.ts';

export { pointSettings } from './discussion-point-service.ts';

const SHARED_FROM = ['discussion', 'reporting', 'monitoring', 'closed'];
const UUID = /^[0-9a-f-]{36}$/i;

export async function auditScope(db: Executor, auditId: string): Promise<Scope> {
  const a = await auditScopeColumns(db, auditId);
  if (a.scope_kind === 'months' && a.scope_months && a.scope_reference_date)
    return { from: addMonths(a.scope_reference_date, -a.scope_months), to: a.scope_reference_date };
  return { from: a.scope_from, to: a.scope_to };
}

export type BulkResult =
  | { kind: 'locked' }
  | { kind: 'invalid'; problems: { index: number; errors: Record<string, string> }[] }
  | { kind: 'added'; added: number };

export function createChronologyService(db: Executor, returns: ReturnService) {
  /** The agency's own chronology for the case behind a return; editing follows the return. */
  async function forReturn(user: CurrentUser, returnId: string, actor: Actor, edit: boolean) {
    const ctx = await returns.authorised(user, returnId, edit ? 'return:edit' : 'return:read', actor);
    return { ctx, scope: await auditScope(db, ctx.row.auditId), locked: !isEditable(ctx.row.status) };
  }

  /** One of the agency's entries, for changing or deleting it; 404 when it has no such entry. */
  async function entry(user: CurrentUser, returnId: string, entryId: string, actor: Actor) {
    const found = await forReturn(user, returnId, actor, true);
    const row = UUID.test(entryId)
      ? await repo.findEntry(db, found.ctx.row.caseId, found.ctx.row.agencyId, entryId)
      : undefined;
    if (!row) throw new NotFound();
    return { ...found, entry: row };
  }

  /** The integrated chronology: every agency's entries for the case, as far as this person may see. */
  async function integrated(
    user: CurrentUser,
    auditId: string,
    caseId: string,
    filter: repo.EntryFilter,
    actor: Actor,
  ) {
    const audit = await auditForUser(db, user, auditId, 'audit:read');
    const kase = await caseInAudit(db, audit, caseId);
    // Coordinator and panel see all; an agency sees only its own until the audit reaches discussion.
    const seesAll =
      user.roles.includes('coordinator') || user.roles.includes('panel_member') || SHARED_FROM.includes(audit.status);
    const agencyIds = seesAll ? filter.agencyIds : [user.agencyId ?? ''];
    const entries = await repo.listEntries(db, caseId, { ...filter, agencyIds });
    const agencies = await auditAgencies(db, auditId, seesAll ? undefined : (user.agencyId ?? ''));
    await appendAuditLog(db, actor, {
      action: 'chronology.integrated-viewed',
      recordType: 'audit_case',
      recordId: caseId,
    });
    const panel = user.roles.includes('coordinator') || user.roles.includes('panel_member');
    return { audit, kase, entries, agencies, seesAll, canDecide: can(user, 'audit:read', audit.resource) && panel };
  }

  const points = createDiscussionPointService(db);

  return {
    forReturn,
    entry,
    integrated,
    ...points,

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

    /** What the entry form needs: the return, the audit's scope, and the entry when one is changed. */
    async entryForm(user: CurrentUser, returnId: string, entryId: string | undefined, actor: Actor) {
      if (entryId !== undefined) return entry(user, returnId, entryId, actor);
      return { ...(await forReturn(user, returnId, actor, true)), entry: undefined };
    },

    /** The integrated chronology with its points to discuss, for those who decide them. */
    async integratedWithPoints(
      user: CurrentUser,
      auditId: string,
      caseId: string,
      filter: repo.EntryFilter,
      actor: Actor,
    ) {
      const view = await integrated(user, auditId, caseId, filter, actor);
      return { ...view, points: view.canDecide ? await points.points(view.kase.id, user.partnershipId) : [] };
    },

    async add(
      user: CurrentUser,
      returnId: string,
      checked: CheckedEntry,
      actor: Actor,
    ): Promise<'added' | 'duplicate' | 'locked'> {
      const { ctx, locked } = await forReturn(user, returnId, actor, true);
      if (locked) return 'locked';
      return inTransaction(db, async (trx) => {
        const added = await repo.insertEntry(trx, ctx.row.caseId, ctx.row.agencyId, entryInput(checked), user.id);
        if (added)
          await appendAuditLog(trx, actor, {
            action: 'chronology.entry-added',
            recordType: 'audit_case',
            recordId: ctx.row.caseId,
          });
        return added ? 'added' : 'duplicate';
      });
    },

    /** Entries sent through the API: all are checked, and none is added unless all are valid. */
    async bulkAdd(user: CurrentUser, returnId: string, entries: EntryFields[], actor: Actor): Promise<BulkResult> {
      const { ctx, scope, locked } = await forReturn(user, returnId, actor, true);
      if (locked) return { kind: 'locked' };
      const checked = entries.map((e) => checkEntry(e, scope));
      const problems = checked.flatMap((result, index) => (result.ok ? [] : [{ index, errors: result.errors }]));
      if (problems.length) return { kind: 'invalid', problems };
      const added = await inTransaction(db, async (trx) => {
        let n = 0;
        for (const result of checked) {
          if (!result.ok) continue;
          if (await repo.insertEntry(trx, ctx.row.caseId, ctx.row.agencyId, entryInput(result.entry), user.id)) n++;
        }
        await appendAuditLog(trx, actor, {
          action: 'chronology.bulk-imported',
          recordType: 'audit_case',
          recordId: ctx.row.caseId,
          detail: { sent: entries.length, added: n },
        });
        return n;
      });
      return { kind: 'added', added };
    },

    async update(
      user: CurrentUser,
      returnId: string,
      change: { entryId: string; version: number; entry: CheckedEntry },
      actor: Actor,
    ) {
      const { ctx, locked } = await forReturn(user, returnId, actor, true);
      if (locked) return 'locked' as const;
      const { entryId, version } = change;
      return inTransaction(db, async (trx) => {
        const input = entryInput(change.entry);
        const result = await repo.updateEntry(trx, entryId, ctx.row.caseId, ctx.row.agencyId, version, input);
        if (result === 'updated')
          await appendAuditLog(trx, actor, {
            action: 'chronology.entry-changed',
            recordType: 'chronology_entry',
            recordId: entryId,
          });
        return result;
      });
    },

    /** Deletes one of the agency's entries; 404 when there is no such entry, false when the return is locked. */
    async remove(user: CurrentUser, returnId: string, entryId: string, actor: Actor): Promise<boolean> {
      const { ctx, locked } = await entry(user, returnId, entryId, actor);
      if (locked) return false;
      return inTransaction(db, async (trx) => {
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
  };
}

export type ChronologyService = ReturnType<typeof createChronologyService>;
