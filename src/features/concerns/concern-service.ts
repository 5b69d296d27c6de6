import type { Config } from '../../config.ts';
import { concernRecipients, type ConcernRecipient } from '../../domain/concern-recipients.ts';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import type { CurrentUser, Actor } from '../../web/request-context.ts';
import { NotFound } from '../../web/errors.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import type { AuditService } from '../audits/audit-service.ts';
import type { MailService } from '../mail/mail-service.ts';
import type { ReturnService } from '../returns/return-service.ts';
import type { Email } from '../mail/templates.ts';
import * as repo from './concern-repository.ts';

/**
 * Immediate safeguarding concerns: a child found at risk now. The coordinators and the agency's
 * safeguarding lead (when one is set up) are e-mailed in the same transaction (high priority); the
 * audit shows a banner and cannot close until the coordinator records the outcome.
 */
function concernEmail(o: { auditTitle: string; caseReference: string; agencyName: string; link: string }): Email {
  return {
    template: 'immediate-concern',
    subject: `URGENT: immediate safeguarding concern raised in ${o.auditTitle}`,
    body: [
      `An auditor from ${o.agencyName} has raised an immediate safeguarding concern about ${o.caseReference} ` +
        `in the audit "${o.auditTitle}".`,
      '',
      'Open it now to read what was found and who has been told. Record the outcome in MACA once it is known.',
      '',
      o.link,
    ].join('\n'),
  };
}

export type RaisedConcern = { id: string; recipients: ConcernRecipient[]; agencyName: string };

export type NewConcern = { childId: string | null; whatFound: string; toldWhom: string; toldAt: Date };

const UUID = /^[0-9a-f-]{36}$/i;

export function createConcernService(
  db: Executor,
  config: Config,
  mail: MailService,
  returns: ReturnService,
  audits: AuditService,
) {
  return {
    /** The return a concern is raised from, and the children it may be about. */
    async newConcern(user: CurrentUser, returnId: string, actor: Actor) {
      const ctx = await returns.authorised(user, returnId, 'concern:raise', actor);
      const [children, lead] = await Promise.all([
        repo.childrenOfCase(db, ctx.row.caseId),
        repo.safeguardingLeadOf(db, ctx.row.agencyId),
      ]);
      return { row: ctx.row, children, hasSafeguardingLead: lead !== null };
    },

    /** Raises the concern; answers who was actually e-mailed, so the auditor can be told exactly that. */
    async raise(user: CurrentUser, returnId: string, concern: NewConcern, actor: Actor): Promise<RaisedConcern> {
      return inTransaction(db, async (trx) => {
        const ctx = await returns.authorised(user, returnId, 'concern:raise', actor, trx);
        if (concern.childId && !(await repo.childInCase(trx, concern.childId, ctx.row.caseId))) throw new NotFound();
        const id = await repo.insertConcern(trx, {
          auditId: ctx.row.auditId,
          caseId: ctx.row.caseId,
          agencyId: ctx.row.agencyId,
          childId: concern.childId,
          whatFound: concern.whatFound,
          toldWhom: concern.toldWhom,
          toldAt: concern.toldAt,
          createdBy: user.id,
        });
        const addressees = await repo.concernAddressees(trx, ctx.row.partnershipId, ctx.row.agencyId);
        const recipients = concernRecipients(addressees.coordinators, addressees.safeguardingLeadEmail);
        const email = concernEmail({
          auditTitle: ctx.row.auditTitle,
          caseReference: ctx.row.caseReference,
          agencyName: ctx.row.agencyName,
          link: `${config.baseUrl}/concerns/${id}`,
        });
        for (const to of recipients)
          await mail.queue(trx, { partnershipId: ctx.row.partnershipId, to: to.email, email, priority: 'high' });
        const safeguardingLeadTold = recipients.some((r) => r.safeguardingLead);
        await appendAuditLog(trx, actor, {
          action: 'concern.raised',
          recordType: 'immediate_concern',
          recordId: id,
          detail: { returnId, notified: recipients.length, safeguardingLeadTold },
        });
        return { id, recipients, agencyName: ctx.row.agencyName };
      });
    },

    /** A concern, for the coordinator or for the agency that raised it. */
    async find(user: CurrentUser, concernId: string, actor: Actor) {
      if (!UUID.test(concernId)) throw new NotFound();
      const row = await repo.findConcern(db, concernId);
      const coordinator = user.roles.includes('coordinator');
      const ownAgency =
        user.agencyId === row?.agency_id && (user.roles.includes('audit_lead') || user.roles.includes('auditor'));
      if (!row || row.partnership_id !== user.partnershipId || !(coordinator || ownAgency)) throw new NotFound();
      await appendAuditLog(db, actor, {
        action: 'concern.viewed',
        recordType: 'immediate_concern',
        recordId: concernId,
      });
      return row;
    },

    async recordOutcome(user: CurrentUser, concernId: string, outcome: string, actor: Actor): Promise<boolean> {
      if (!UUID.test(concernId)) return false;
      return inTransaction(db, async (trx) => {
        const recorded = await repo.recordOutcome(trx, {
          concernId,
          partnershipId: user.partnershipId,
          outcome,
          userId: user.id,
        });
        if (!recorded) return false;
        await appendAuditLog(trx, actor, {
          action: 'concern.outcome-recorded',
          recordType: 'immediate_concern',
          recordId: concernId,
        });
        return true;
      });
    },

    /** The coordinator's page of an audit's concerns. */
    async auditList(user: CurrentUser, auditId: string) {
      const audit = await audits.forUser(user, auditId, 'audit:manage');
      return { audit, rows: await repo.concernsOfAudit(db, audit.id) };
    },

    /** An audit's concerns, for a service that has already checked the audit (the meeting pack). */
    forAudit(auditId: string) {
      return repo.concernsOfAudit(db, auditId);
    },

    unresolvedCount(auditId: string): Promise<number> {
      return repo.unresolvedCount(db, auditId);
    },
  };
}

export type ConcernService = ReturnType<typeof createConcernService>;
