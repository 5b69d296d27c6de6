import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { ACTION_STATUSES, deriveRag, effectiveStatus, type ActionStatus } from '../../domain/action-rag.ts';
import { can } from '../../domain/authorisation.ts';
import { NotFound } from '../../web/errors.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { auditForUser, type AuditInContext } from '../audits/audit-access.ts';
import type { MailService } from '../mail/mail-service.ts';
import type { ActionInput } from './action-form.ts';

export const today = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });

const base = (db: Db) =>
  db
    .selectFrom('action as x')
    .innerJoin('audit as a', 'a.id', 'x.audit_id')
    .innerJoin('agency as g', 'g.id', 'x.agency_id')
    .innerJoin('app_user as u', 'u.id', 'x.lead_user_id')
    .select([
      'x.id',
      'x.audit_id',
      'a.title as audit_title',
      'a.partnership_id',
      'x.text',
      'x.agency_id',
      'g.name as agency_name',
      'x.lead_user_id',
      'u.display_name as lead_name',
      'x.start_on',
      'x.due_on',
      'x.status',
      'x.reaudit_on',
      'x.evidence_completion',
      'x.evidence_impact',
      'x.version',
      'x.recommendation_id',
      'x.updated_at',
    ]);

type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];
export const withRag = (r: Row, on = today()) => {
  const status = effectiveStatus(r.status, r.due_on, on);
  return {
    ...r,
    shownStatus: status,
    statusLabel: ACTION_STATUSES[status],
    rag: deriveRag({ status, startOn: r.start_on, dueOn: r.due_on, today: on }),
  };
};

const DUE_SOON_DAYS = 14;

export function createActionService(db: Db, config: Config, mail: MailService) {
  return {
    /**
     * Reminds each lead 14 days before the due date, and weekly once overdue. A reminder row with a
     * unique key is written with the e-mail, so two instances (or two runs) never send it twice.
     */
    async sendReminders(on = today()): Promise<number> {
      const soon = new Date(Date.parse(`${on}T00:00:00Z`) + DUE_SOON_DAYS * 86_400_000).toISOString().slice(0, 10);
      const due = await base(db)
        .where('x.status', '!=', 'complete')
        .where('x.due_on', '<=', soon)
        .where('u.active', '=', true)
        .select('u.email')
        .execute();
      let sent = 0;
      for (const a of due) {
        const overdue = a.due_on < on;
        const week = Math.floor(Date.parse(`${on}T00:00:00Z`) / (7 * 86_400_000));
        await db.transaction().execute(async (trx) => {
          const claimed = await trx
            .insertInto('action_reminder')
            .values({
              action_id: a.id,
              kind: overdue ? 'overdue' : 'due_soon',
              period_key: overdue ? `week-${week}` : a.due_on,
            })
            .onConflict((oc) => oc.doNothing())
            .returning('action_id')
            .executeTakeFirst();
          if (!claimed) return;
          await mail.queue(trx, {
            partnershipId: a.partnership_id,
            to: a.email,
            email: {
              template: overdue ? 'action-overdue' : 'action-due-soon',
              subject: overdue ? `Overdue action: ${a.audit_title}` : `Action due by ${a.due_on}: ${a.audit_title}`,
              body: [
                `${overdue ? 'This action is overdue' : 'This action is due soon'}: "${a.text.slice(0, 300)}" (due ${a.due_on}).`,
                '',
                'Record its progress, evidence of completion and evidence of impact:',
                `${config.baseUrl}/actions/${a.id}`,
              ].join('\n'),
            },
          });
          sent++;
        });
      }
      return sent;
    },

    async plan(user: CurrentUser, auditId: string) {
      const audit = await auditForUser(db, user, auditId, 'audit:read');
      const rows = await base(db).where('x.audit_id', '=', audit.id).orderBy('x.due_on').execute();
      // Everyone who reads the audit sees its plan; an action's own page is for those who may read that action.
      return {
        audit,
        actions: rows.map((r) => ({
          ...withRag(r),
          readable: can(user, 'action:read', {
            partnershipId: r.partnership_id,
            ownerId: r.lead_user_id,
            agencyId: r.agency_id,
          }),
        })),
      };
    },

    async choices(audit: AuditInContext) {
      const [agencies, leads, recommendations, singleAgency] = await Promise.all([
        db
          .selectFrom('agency')
          .select(['id', 'name'])
          .where('partnership_id', '=', audit.partnershipId)
          .where('active', '=', true)
          .orderBy('name')
          .execute(),
        db
          .selectFrom('app_user as u')
          .leftJoin('agency as g', 'g.id', 'u.agency_id')
          .select(['u.id', 'u.display_name', 'g.name as agency_name'])
          .where('u.partnership_id', '=', audit.partnershipId)
          .where('u.active', '=', true)
          .orderBy('u.display_name')
          .execute(),
        db
          .selectFrom('recommendation')
          .select(['id', 'text'])
          .where('audit_id', '=', audit.id)
          .orderBy('created_at')
          .execute(),
        db
          .selectFrom('single_agency_action as s')
          .innerJoin('agency_return as r', 'r.id', 's.return_id')
          .innerJoin('audit_case as c', 'c.id', 'r.case_id')
          .innerJoin('agency as g', 'g.id', 'r.agency_id')
          .leftJoin('action as x', 'x.single_agency_action_id', 's.id')
          .select(['s.id', 's.action', 's.owner', 's.due_on', 'r.agency_id', 'g.name as agency_name', 'c.reference'])
          .where('c.audit_id', '=', audit.id)
          .where('r.status', 'in', ['submitted', 'signed_off'])
          .where('x.id', 'is', null)
          .execute(),
      ]);
      return { agencies, leads, recommendations, singleAgency };
    },

    load: (user: CurrentUser, auditId: string) => auditForUser(db, user, auditId, 'meeting:record'),

    async create(user: CurrentUser, audit: AuditInContext, input: ActionInput, actor: Actor): Promise<string> {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('action')
          .values({
            audit_id: audit.id,
            text: input.text,
            agency_id: input.agencyId,
            lead_user_id: input.leadUserId,
            recommendation_id: input.recommendationId,
            single_agency_action_id: input.singleAgencyActionId,
            start_on: input.startOn,
            due_on: input.dueOn,
            reaudit_on: input.reauditOn,
            created_by: user.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAuditLog(trx, actor, {
          action: 'action.created',
          recordType: 'action',
          recordId: row.id,
          detail: { auditId: audit.id },
        });
        return row.id;
      });
    },

    /** One action for someone who may see it: the panel, its lead, its agency's audit lead. */
    async find(user: CurrentUser, actionId: string) {
      if (!/^[0-9a-f-]{36}$/i.test(actionId)) throw new NotFound();
      const row = await base(db).where('x.id', '=', actionId).executeTakeFirst();
      if (
        !row ||
        !can(user, 'action:read', {
          partnershipId: row.partnership_id,
          ownerId: row.lead_user_id,
          agencyId: row.agency_id,
        })
      )
        throw new NotFound();
      const updates = await db
        .selectFrom('action_update as p')
        .leftJoin('app_user as u', 'u.id', 'p.created_by')
        .select(['p.on_date', 'p.text', 'p.status', 'p.created_at', 'u.display_name'])
        .where('p.action_id', '=', actionId)
        .orderBy('p.created_at', 'desc')
        .execute();
      return {
        action: withRag(row),
        updates,
        canUpdate: can(user, 'action:update', {
          partnershipId: row.partnership_id,
          ownerId: row.lead_user_id,
          agencyId: row.agency_id,
        }),
      };
    },

    async update(
      user: CurrentUser,
      actionId: string,
      input: {
        status: ActionStatus;
        text: string;
        evidenceCompletion: string;
        evidenceImpact: string;
        version: number;
      },
      actor: Actor,
    ): Promise<'updated' | 'stale'> {
      const { canUpdate } = await this.find(user, actionId);
      if (!canUpdate) throw new NotFound();
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('action')
          .set((eb) => ({
            status: input.status,
            evidence_completion: input.evidenceCompletion,
            evidence_impact: input.evidenceImpact,
            version: eb('version', '+', 1),
            updated_at: new Date(),
          }))
          .where('id', '=', actionId)
          .where('version', '=', input.version)
          .returning('id')
          .executeTakeFirst();
        if (!row) return 'stale';
        await trx
          .insertInto('action_update')
          .values({
            action_id: actionId,
            on_date: today(),
            text: input.text,
            status: input.status,
            created_by: user.id,
          })
          .execute();
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
      let query = base(db).where('a.partnership_id', '=', user.partnershipId);
      if (filter.mine) query = query.where('x.lead_user_id', '=', user.id);
      else query = query.where('x.status', '!=', 'complete');
      if (filter.agencyId) query = query.where('x.agency_id', '=', filter.agencyId);
      const rows = (await query.orderBy('g.name').orderBy('x.due_on').execute()).map((r) => withRag(r));
      if (!filter.since) return { rows, changed: [] };
      const changed = await db
        .selectFrom('action_update as p')
        .innerJoin('action as x', 'x.id', 'p.action_id')
        .innerJoin('audit as a', 'a.id', 'x.audit_id')
        .select(['p.action_id', 'p.on_date', 'p.text', 'p.status'])
        .where('a.partnership_id', '=', user.partnershipId)
        .where('p.on_date', '>=', filter.since)
        .orderBy('p.on_date', 'desc')
        .execute();
      return { rows, changed };
    },
  };
}

export type ActionService = ReturnType<typeof createActionService>;
