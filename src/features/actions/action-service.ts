import type { Config } from '../../config.ts';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import { ACTION_STATUSES, deriveRag, effectiveStatus } from '../../domain/action-rag.ts';
import { can } from '../../domain/authorisation.ts';
import { NotFound } from '../../web/errors.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { auditForUser, type AuditInContext } from '../audits/audit-access.ts';
import type { MailService } from '../mail/mail-service.ts';
import * as choices from './action-choices-repository.ts';
import { reminderEmail } from './action-reminders.ts';
import * as repo from './action-repository.ts';

export const today = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });

export const withRag = (r: repo.ActionRow, on = today()) => {
  const status = effectiveStatus(r.status, r.due_on, on);
  return {
    ...r,
    shownStatus: status,
    statusLabel: ACTION_STATUSES[status],
    rag: deriveRag({ status, startOn: r.start_on, dueOn: r.due_on, today: on }),
  };
};

export type ActionInput = repo.ActionFields;
export type ActionProgress = repo.ActionProgress;

const DUE_SOON_DAYS = 14;
const resource = (r: repo.ActionRow) => ({
  partnershipId: r.partnership_id,
  ownerId: r.lead_user_id,
  agencyId: r.agency_id,
});

export function createActionService(db: Executor, config: Config, mail: MailService) {
  async function find(user: CurrentUser, actionId: string) {
    if (!/^[0-9a-f-]{36}$/i.test(actionId)) throw new NotFound();
    const row = await repo.findAction(db, actionId);
    if (!row || !can(user, 'action:read', resource(row))) throw new NotFound();
    const updates = await repo.updatesOf(db, actionId);
    return { action: withRag(row), updates, canUpdate: can(user, 'action:update', resource(row)) };
  }

  async function choicesFor(audit: AuditInContext) {
    const [agencies, leads, recommendations, singleAgency] = await Promise.all([
      choices.activeAgencies(db, audit.partnershipId),
      choices.activePeople(db, audit.partnershipId),
      choices.recommendationsToChoose(db, audit.id),
      choices.singleAgencyActionsToTake(db, audit.id),
    ]);
    return { agencies, leads, recommendations, singleAgency };
  }

  return {
    /**
     * Reminds each lead 14 days before the due date, and weekly once overdue. A reminder row with a
     * unique key is written with the e-mail, so two instances (or two runs) never send it twice.
     */
    async sendReminders(on = today()): Promise<number> {
      const soon = new Date(Date.parse(`${on}T00:00:00Z`) + DUE_SOON_DAYS * 86_400_000).toISOString().slice(0, 10);
      const due = await repo.dueActions(db, soon);
      let sent = 0;
      for (const a of due) {
        const overdue = a.due_on < on;
        const week = Math.floor(Date.parse(`${on}T00:00:00Z`) / (7 * 86_400_000));
        await inTransaction(db, async (trx) => {
          const reminder = {
            actionId: a.id,
            kind: overdue ? ('overdue' as const) : ('due_soon' as const),
            periodKey: overdue ? `week-${week}` : a.due_on,
          };
          if (!(await repo.claimReminder(trx, reminder))) return;
          const email = reminderEmail(a, overdue, `${config.baseUrl}/actions/${a.id}`);
          await mail.queue(trx, { partnershipId: a.partnership_id, to: a.email, email });
          sent++;
        });
      }
      return sent;
    },

    async plan(user: CurrentUser, auditId: string) {
      const audit = await auditForUser(db, user, auditId, 'audit:read');
      const rows = await repo.actionsOfAudit(db, audit.id);
      // Everyone who reads the audit sees its plan; an action's own page is for those who may read that action.
      return {
        audit,
        actions: rows.map((r) => ({ ...withRag(r), readable: can(user, 'action:read', resource(r)) })),
      };
    },

    /** The plan page: the plan, and for those who record it the single-agency actions to take in. */
    async planPage(user: CurrentUser, auditId: string, canRecord: boolean) {
      const view = await this.plan(user, auditId);
      const singleAgency = canRecord ? (await choicesFor(view.audit)).singleAgency : [];
      return { ...view, singleAgency };
    },

    /** The form: the audit (for one who records the meeting) and what an action may be linked to. */
    async forEditing(user: CurrentUser, auditId: string) {
      const audit = await auditForUser(db, user, auditId, 'meeting:record');
      return { audit, choices: await choicesFor(audit) };
    },

    async create(user: CurrentUser, audit: AuditInContext, input: ActionInput, actor: Actor): Promise<string> {
      return inTransaction(db, async (trx) => {
        const id = await repo.insertAction(trx, { ...input, auditId: audit.id, createdBy: user.id });
        await appendAuditLog(trx, actor, {
          action: 'action.created',
          recordType: 'action',
          recordId: id,
          detail: { auditId: audit.id },
        });
        return id;
      });
    },

    /** One action for someone who may see it: the panel, its lead, its agency's audit lead. */
    find,

    async update(
      user: CurrentUser,
      actionId: string,
      input: ActionProgress,
      actor: Actor,
    ): Promise<'updated' | 'stale'> {
      const { canUpdate } = await find(user, actionId);
      if (!canUpdate) throw new NotFound();
      return inTransaction(db, async (trx) => {
        const progress = { ...input, actionId, onDate: today(), userId: user.id };
        if (!(await repo.recordProgress(trx, progress))) return 'stale';
        await appendAuditLog(trx, actor, {
          action: 'action.updated',
          recordType: 'action',
          recordId: actionId,
          detail: { status: input.status },
        });
        return 'updated';
      });
    },

    /** Open actions across all audits, by agency; with `since`, what changed since that date. */
    async tracker(user: CurrentUser, filter: { agencyId?: string; since?: string; mine?: boolean }) {
      const rows = (
        await repo.trackedActions(db, {
          partnershipId: user.partnershipId,
          leadUserId: filter.mine ? user.id : undefined,
          agencyId: filter.agencyId,
        })
      ).map((r) => withRag(r));
      if (!filter.since) return { rows, changed: [] };
      return { rows, changed: await repo.updatesSince(db, user.partnershipId, filter.since) };
    },

    /** The agencies the tracker may be filtered by. */
    agencies: (user: CurrentUser) => choices.partnershipAgencies(db, user.partnershipId),
  };
}

export type ActionService = ReturnType<typeof createActionService>;
