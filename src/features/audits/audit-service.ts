import { inTransaction, type Executor } from '../../db/transaction.ts';
import type { AuditStatus } from '../../domain/audit-lifecycle.ts';
import { nextAuditReference, REFERENCE_PREFIX, type AuditPlan } from '../../domain/audit-plan.ts';
import { todayInLondon } from '../../domain/calendar-date.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import type { Action } from '../../domain/authorisation.ts';
import { auditFacts } from './audit-facts-repository.ts';
import { moveAudit, type MoveResult } from './audit-move-service.ts';
import { auditForUser, caseInAudit, type AuditInContext } from './audit-access.ts';
import {
  insertAudit,
  lockAudit,
  referencesForYear,
  referenceTaken,
  replaceMilestones,
  updateAuditPlan,
} from './audit-plan-repository.ts';
import { listAudits, listPartnerships, type AuditListFilter, type AuditVisibility } from './audit-list-repository.ts';
import {
  findAudit,
  listMilestones,
  listStatusChanges,
  type AuditDetail,
  type Milestone,
  type StatusChange,
} from './audit-repository.ts';
import { createThemeService } from './theme-service.ts';
import type { AuditTheme } from './theme-repository.ts';

/** Coordinators and panel members see all the partnership's audits; agency people, their agency's. */
export function visibilityFor(user: CurrentUser): AuditVisibility {
  if (user.roles.some((role) => role === 'coordinator' || role === 'panel_member')) return { kind: 'all' };
  if (user.agencyId && user.roles.some((role) => role === 'audit_lead' || role === 'auditor'))
    return { kind: 'agency', agencyId: user.agencyId };
  return { kind: 'none' };
}

export type SaveResult =
  | { kind: 'saved'; id: string; reference: string }
  | { kind: 'reference-taken' }
  | { kind: 'conflict'; theirs: AuditRecord };

export type AuditRecord = { audit: AuditDetail; milestones: Milestone[]; history: StatusChange[] };

export type { MoveResult } from './audit-move-service.ts';

const isUniqueViolation = (error: unknown) => (error as { code?: string } | undefined)?.code === '23505';

export function createAuditService(db: Executor) {
  const themes = createThemeService(db);
  const service = {
    themes,

    /** The audit, if this person may do `action` on it; otherwise 404. What every controller loads first. */
    forUser(user: CurrentUser, auditId: string, action: Action, agencyId?: string): Promise<AuditInContext> {
      return auditForUser(db, user, auditId, action, agencyId);
    },

    /** A case of this audit; another audit's case, or none, is a 404. */
    caseIn(audit: AuditInContext, caseId: string) {
      return caseInAudit(db, audit, caseId);
    },

    list(user: CurrentUser, filter: AuditListFilter = {}) {
      return listAudits(db, user.partnershipId, visibilityFor(user), filter);
    },

    /** The programme page: the themes to filter by, and the audits matching a theme that exists. */
    async programme(user: CurrentUser, filter: { status?: AuditStatus | undefined; theme?: string | undefined }) {
      const all = await themes.list(user);
      const theme = filter.theme === 'other' || all.some((t) => t.id === filter.theme) ? filter.theme : undefined;
      const rows = await service.list(user, {
        status: filter.status,
        themeId: theme && theme !== 'other' ? theme : undefined,
        otherTheme: theme === 'other',
      });
      return { themes: all, theme, rows };
    },

    /** Every audit of every partnership (or the one named), for operators at the command line. */
    async everyAudit(filter: { status?: AuditStatus | undefined; partnership?: { id?: string; name?: string } }) {
      const partnerships = await listPartnerships(db, filter.partnership);
      const audits = [];
      for (const partnership of partnerships)
        for (const audit of await listAudits(db, partnership.id, { kind: 'all' }, { status: filter.status }))
          audits.push({ partnership: partnership.name, partnershipId: partnership.id, ...audit });
      return { partnerships, audits };
    },

    /** The audit with its record and the facts its task list and moves are built from. */
    async withFacts(user: CurrentUser, auditId: string, action: Action = 'audit:read') {
      const audit = await auditForUser(db, user, auditId, action);
      const [record, facts] = await Promise.all([
        service.detail(audit.partnershipId, audit.id),
        auditFacts(db, audit.id),
      ]);
      if (!record) throw new Error('The audit has gone');
      return { audit, record, facts };
    },

    /** What the plan form offers: the active themes (and the audit's own), and the next free reference. */
    async planOptions(user: CurrentUser, currentThemeId?: string | null) {
      const year = Number(todayInLondon().slice(0, 4));
      const [all, references] = await Promise.all([
        themes.list(user),
        referencesForYear(db, user.partnershipId, REFERENCE_PREFIX, year),
      ]);
      return {
        themes: all.filter((t: AuditTheme) => t.active || t.id === currentThemeId),
        suggestedReference: nextAuditReference(year, references),
      };
    },

    /** The audit to change, if this person manages it, with its plan and milestones. */
    async forEdit(user: CurrentUser, auditId: string): Promise<AuditRecord> {
      const audit = await auditForUser(db, user, auditId, 'audit:manage');
      const record = await service.detail(audit.partnershipId, audit.id);
      if (!record) throw new Error('The audit has gone');
      return record;
    },

    /** The audit with its milestones and status history; the caller has already checked access. */
    async detail(partnershipId: string, auditId: string): Promise<AuditRecord | undefined> {
      const audit = await findAudit(db, partnershipId, auditId);
      if (!audit) return undefined;
      const [milestones, history] = await Promise.all([listMilestones(db, auditId), listStatusChanges(db, auditId)]);
      return { audit, milestones, history };
    },

    async create(user: CurrentUser, plan: AuditPlan, actor: Actor): Promise<SaveResult> {
      try {
        return await inTransaction(db, async (trx) => {
          let reference = plan.reference;
          if (reference && (await referenceTaken(trx, user.partnershipId, reference)))
            return { kind: 'reference-taken' as const };
          let id: string | undefined;
          // A generated reference can be taken by someone creating an audit at the same moment: take the next.
          for (let attempt = 0; attempt < 5 && !id; attempt++) {
            if (!plan.reference) {
              const year = Number(todayInLondon().slice(0, 4));
              reference = nextAuditReference(
                year,
                await referencesForYear(trx, user.partnershipId, REFERENCE_PREFIX, year),
              );
            }
            id = await insertAudit(trx, user.partnershipId, plan, reference ?? '', user.id);
            if (!id && plan.reference) return { kind: 'reference-taken' as const };
          }
          if (!id) throw new Error('Could not find a free audit reference');
          await replaceMilestones(trx, id, plan.milestones);
          await appendAuditLog(trx, actor, {
            action: 'audit.created',
            recordType: 'audit',
            recordId: id,
            detail: { reference, title: plan.title },
          });
          return { kind: 'saved' as const, id, reference: reference ?? '' };
        });
      } catch (error) {
        if (isUniqueViolation(error)) return { kind: 'reference-taken' };
        throw error;
      }
    },

    /** Saves the plan only if nobody changed the audit since `version` was read. */
    async update(
      user: CurrentUser,
      auditId: string,
      plan: AuditPlan,
      version: number,
      actor: Actor,
    ): Promise<SaveResult> {
      try {
        const result = await inTransaction(db, async (trx) => {
          const current = await lockAudit(trx, auditId);
          const reference = plan.reference ?? current.reference;
          if (current.version !== version) return { kind: 'conflict' as const };
          if (await referenceTaken(trx, user.partnershipId, reference, auditId))
            return { kind: 'reference-taken' as const };
          if (!(await updateAuditPlan(trx, auditId, plan, reference, version))) return { kind: 'conflict' as const };
          await replaceMilestones(trx, auditId, plan.milestones);
          await appendAuditLog(trx, actor, {
            action: 'audit.updated',
            recordType: 'audit',
            recordId: auditId,
            detail: { reference, title: plan.title, version: version + 1 },
          });
          return { kind: 'saved' as const, id: auditId, reference };
        });
        if (result.kind !== 'conflict') return result;
        const theirs = await service.detail(user.partnershipId, auditId);
        if (!theirs) throw new Error('The audit has gone');
        return { kind: 'conflict', theirs };
      } catch (error) {
        if (isUniqueViolation(error)) return { kind: 'reference-taken' };
        throw error;
      }
    },

    /** One lifecycle move (audit-move-service.ts): guarded, confirmed when returns are outstanding, logged. */
    move(
      user: CurrentUser,
      auditId: string,
      input: { to: AuditStatus; reason: string; version: number; confirmed?: boolean },
      actor: Actor,
    ): Promise<MoveResult> {
      return moveAudit(db, user, auditId, input, actor);
    },
  };
  return service;
}

export type AuditService = ReturnType<typeof createAuditService>;
