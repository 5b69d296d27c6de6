import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { CurrentUser, Actor } from '../../web/request-context.ts';
import { NotFound } from '../../web/errors.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import type { MailService } from '../mail/mail-service.ts';
import type { ReturnService } from '../returns/return-service.ts';
import type { Email } from '../mail/templates.ts';

/**
 * Immediate safeguarding concerns: a child found at risk now. The coordinator and the agency's
 * safeguarding lead are e-mailed in the same transaction (high priority); the audit shows a banner
 * and cannot close until the coordinator records the outcome.
 */
function concernEmail(o: { auditTitle: string; caseReference: string; agencyName: string; link: string }): Email {
  return {
    template: 'immediate-concern',
    subject: `URGENT: immediate safeguarding concern raised in ${o.auditTitle}`,
    body: [
      `An auditor from ${o.agencyName} has raised an immediate safeguarding concern about ${o.caseReference} in the audit "${o.auditTitle}".`,
      '',
      'Open it now to read what was found and who has been told. Record the outcome in MACA once it is known.',
      '',
      o.link,
    ].join('\n'),
  };
}

export type NewConcern = { childId: string | null; whatFound: string; toldWhom: string; toldAt: Date };

export function createConcernService(db: Db, config: Config, mail: MailService, returns: ReturnService) {
  return {
    async children(caseId: string) {
      return db
        .selectFrom('case_child')
        .select(['id', 'pseudonym'])
        .where('case_id', '=', caseId)
        .orderBy('position')
        .orderBy('pseudonym')
        .execute();
    },

    async raise(user: CurrentUser, returnId: string, concern: NewConcern, actor: Actor): Promise<string> {
      return db.transaction().execute(async (trx) => {
        const ctx = await returns.authorised(user, returnId, 'concern:raise', actor, trx);
        if (concern.childId) {
          const child = await trx
            .selectFrom('case_child')
            .select('id')
            .where('id', '=', concern.childId)
            .where('case_id', '=', ctx.row.caseId)
            .executeTakeFirst();
          if (!child) throw new NotFound();
        }
        const row = await trx
          .insertInto('immediate_concern')
          .values({
            audit_id: ctx.row.auditId,
            case_id: ctx.row.caseId,
            agency_id: ctx.row.agencyId,
            child_id: concern.childId,
            what_found: concern.whatFound,
            told_whom: concern.toldWhom,
            told_at: concern.toldAt,
            created_by: user.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const coordinators = await trx
          .selectFrom('app_user as u')
          .innerJoin('user_role as r', 'r.user_id', 'u.id')
          .select('u.email')
          .where('u.partnership_id', '=', ctx.row.partnershipId)
          .where('r.role', '=', 'coordinator')
          .where('u.active', '=', true)
          .execute();
        const agency = await trx
          .selectFrom('agency')
          .select('safeguarding_lead_email')
          .where('id', '=', ctx.row.agencyId)
          .executeTakeFirst();
        const recipients = new Set([
          ...coordinators.map((c) => c.email),
          ...(agency?.safeguarding_lead_email ? [agency.safeguarding_lead_email] : []),
        ]);
        const email = concernEmail({
          auditTitle: ctx.row.auditTitle,
          caseReference: ctx.row.caseReference,
          agencyName: ctx.row.agencyName,
          link: `${config.baseUrl}/concerns/${row.id}`,
        });
        for (const to of recipients)
          await mail.queue(trx, { partnershipId: ctx.row.partnershipId, to, email, priority: 'high' });
        await appendAuditLog(trx, actor, {
          action: 'concern.raised',
          recordType: 'immediate_concern',
          recordId: row.id,
          detail: { returnId, notified: recipients.size },
        });
        return row.id;
      });
    },

    /** A concern, for the coordinator or for the agency that raised it. */
    async find(user: CurrentUser, concernId: string, actor: Actor) {
      if (!/^[0-9a-f-]{36}$/i.test(concernId)) throw new NotFound();
      const row = await db
        .selectFrom('immediate_concern as c')
        .innerJoin('audit as a', 'a.id', 'c.audit_id')
        .innerJoin('audit_case as k', 'k.id', 'c.case_id')
        .innerJoin('agency as g', 'g.id', 'c.agency_id')
        .leftJoin('case_child as ch', 'ch.id', 'c.child_id')
        .leftJoin('app_user as u', 'u.id', 'c.created_by')
        .select([
          'c.id',
          'c.audit_id',
          'a.title',
          'a.partnership_id',
          'k.reference',
          'g.name as agency_name',
          'c.agency_id',
          'ch.pseudonym',
          'c.what_found',
          'c.told_whom',
          'c.told_at',
          'c.outcome',
          'c.outcome_recorded_at',
          'c.created_at',
          'u.display_name as raised_by',
        ])
        .where('c.id', '=', concernId)
        .executeTakeFirst();
      const coordinator = user.roles.includes('coordinator');
      if (
        !row ||
        row.partnership_id !== user.partnershipId ||
        !(
          coordinator ||
          (user.agencyId === row.agency_id && (user.roles.includes('audit_lead') || user.roles.includes('auditor')))
        )
      ) {
        throw new NotFound();
      }
      await appendAuditLog(db, actor, {
        action: 'concern.viewed',
        recordType: 'immediate_concern',
        recordId: concernId,
      });
      return row;
    },

    async recordOutcome(user: CurrentUser, concernId: string, outcome: string, actor: Actor): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('immediate_concern')
          .set({ outcome, outcome_recorded_at: new Date(), outcome_recorded_by: user.id })
          .where('id', '=', concernId)
          .where('audit_id', 'in', (eb) =>
            eb.selectFrom('audit').select('id').where('partnership_id', '=', user.partnershipId),
          )
          .returning('id')
          .executeTakeFirst();
        if (!updated) return false;
        await appendAuditLog(trx, actor, {
          action: 'concern.outcome-recorded',
          recordType: 'immediate_concern',
          recordId: concernId,
        });
        return true;
      });
    },

    async forAudit(auditId: string) {
      return db
        .selectFrom('immediate_concern as c')
        .innerJoin('audit_case as k', 'k.id', 'c.case_id')
        .innerJoin('agency as g', 'g.id', 'c.agency_id')
        .leftJoin('case_child as ch', 'ch.id', 'c.child_id')
        .select([
          'c.id',
          'k.reference',
          'g.name as agency_name',
          'ch.pseudonym',
          'c.what_found',
          'c.outcome',
          'c.created_at',
          'c.outcome_recorded_at',
        ])
        .where('c.audit_id', '=', auditId)
        .orderBy('c.created_at', 'desc')
        .execute();
    },

    async unresolvedCount(auditId: string): Promise<number> {
      const row = await db
        .selectFrom('immediate_concern')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('audit_id', '=', auditId)
        .where('outcome', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

export type ConcernService = ReturnType<typeof createConcernService>;
