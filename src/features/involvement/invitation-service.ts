import type { Config } from '../../config.ts';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import type { Actor } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import type { AuditInContext } from '../audits/audit-access.ts';
import type { MailService } from '../mail/mail-service.ts';
import type { ReturnService } from '../returns/return-service.ts';
import { invitationEmail, leadNamedEmail } from './involvement-emails.ts';
import * as repo from './involvement-repository.ts';

export type Invited = { name: string; hasSafeguardingLead: boolean };

/** Which agencies take part in an audit, and who leads each: every change e-mailed in its transaction. */
export function createInvitations(
  db: Executor,
  config: Config,
  mail: MailService,
  returns: Pick<ReturnService, 'leadAddresses'>,
) {
  const links = (auditId: string, agencyId: string) => ({
    involvementLink: `${config.baseUrl}/audits/${auditId}/involvement/${agencyId}`,
    assignmentLink: `${config.baseUrl}/audits/${auditId}/assignments/${agencyId}`,
  });

  return {
    /** Whether every chosen agency is one of the partnership's active agencies. */
    async mayInvite(audit: AuditInContext, agencyIds: string[]): Promise<boolean> {
      const valid = await repo.activeAgencies(db, audit.partnershipId);
      return agencyIds.length > 0 && agencyIds.every((id) => valid.some((v) => v.id === id));
    },

    /**
     * Invites agencies; each newly invited agency's audit leads are e-mailed in the same transaction.
     * Answers the agencies newly invited, each saying whether it has a safeguarding lead set up.
     */
    async invite(audit: AuditInContext, agencyIds: string[], actor: Actor): Promise<Invited[]> {
      return inTransaction(db, async (trx) => {
        const invited: Invited[] = [];
        const [deadline, agencies] = await Promise.all([
          repo.returnsDeadline(trx, audit.id),
          repo.agenciesNamed(trx, agencyIds),
        ]);
        for (const agency of agencies) {
          if (!(await repo.insertInvitation(trx, audit.id, agency.id, actor.userId))) continue;
          invited.push({ name: agency.name, hasSafeguardingLead: agency.has_safeguarding_lead });
          const email = invitationEmail({
            auditTitle: audit.title,
            auditReference: audit.reference,
            agencyName: agency.name,
            deadline,
            ...links(audit.id, agency.id),
          });
          for (const to of await returns.leadAddresses(trx, audit.id, agency.id))
            await mail.queue(trx, { partnershipId: audit.partnershipId, to, email });
        }
        await appendAuditLog(trx, actor, {
          action: 'audit.agencies-invited',
          recordType: 'audit',
          recordId: audit.id,
          detail: { agencyIds },
        });
        return invited;
      });
    },

    async nameLead(audit: AuditInContext, agencyId: string, leadUserId: string, actor: Actor): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        const lead = await repo.agencyLead(trx, leadUserId, agencyId);
        if (!lead) return false;
        const invitation = await repo.lockInvitation(trx, audit.id, agencyId);
        if (!invitation) return false;
        // Naming the same lead again changes nothing and sends nothing.
        if (invitation.lead_user_id === lead.id) return true;
        await repo.setLead(trx, audit.id, agencyId, lead.id);
        await mail.queue(trx, {
          partnershipId: audit.partnershipId,
          to: lead.email,
          email: leadNamedEmail({
            name: lead.display_name,
            auditTitle: audit.title,
            auditReference: audit.reference,
            ...links(audit.id, agencyId),
          }),
        });
        await appendAuditLog(trx, actor, {
          action: 'audit.lead-named',
          recordType: 'audit',
          recordId: audit.id,
          detail: { agencyId, leadUserId },
        });
        return true;
      });
    },

    async withdraw(audit: AuditInContext, agencyId: string, actor: Actor): Promise<'withdrawn' | 'in-use'> {
      return inTransaction(db, async (trx) => {
        if (await repo.hasRecorded(trx, audit.id, agencyId)) return 'in-use';
        await repo.deleteInvitation(trx, audit.id, agencyId);
        await appendAuditLog(trx, actor, {
          action: 'audit.agency-withdrawn',
          recordType: 'audit',
          recordId: audit.id,
          detail: { agencyId },
        });
        return 'withdrawn';
      });
    },
  };
}
