import type { Config } from '../../config.ts';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import type { Actor } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { isUuid, type AuditInContext } from '../audits/audit-access.ts';
import type { MailService } from '../mail/mail-service.ts';
import type { Email } from '../mail/templates.ts';
import * as repo from './assignment-repository.ts';

type InvolvedCase = { id: string; reference: string; return_id: string | null };

export function caseAssignedEmail(o: {
  name: string;
  auditTitle: string;
  auditReference: string;
  caseReference: string;
  agencyName: string;
  link: string;
}): Email {
  return {
    template: 'case-assigned',
    subject: `You have a case to audit: ${o.auditTitle}, ${o.caseReference}`,
    body: [
      `Dear ${o.name},`,
      '',
      `You have been assigned to audit ${o.caseReference} for ${o.agencyName} ` +
        `in the multi-agency case audit "${o.auditTitle}" (${o.auditReference}).`,
      '',
      'Open your agency’s return for the case to answer the audit tool and add the chronology:',
      o.link,
    ].join('\n'),
  };
}

/**
 * An agency's audit lead (or the coordinator) gives each case the agency is involved in to one or
 * more of the agency's auditors. Each new assignment is e-mailed to the auditor in its transaction.
 */
export function createAssignmentService(db: Executor, config: Config, mail: MailService) {
  return {
    /** The agency's people who may be given a case to audit. */
    assignable: (agencyId: string) => repo.assignablePeople(db, agencyId),

    /** The cases the agency is involved in, each with its return and the auditors assigned to it. */
    async involvedCases(auditId: string, agencyId: string) {
      const [cases, assigned] = await Promise.all([
        repo.involvedCases(db, auditId, agencyId),
        repo.assignedAuditors(db, auditId, agencyId),
      ]);
      return cases.map((c) => ({
        ...c,
        auditors: assigned.filter((a) => a.case_id === c.id).map((a) => ({ id: a.id, name: a.display_name })),
      }));
    },

    /** One case of the audit, if the agency is involved in it. */
    involvedCase: (auditId: string, agencyId: string, caseId: string) =>
      isUuid(caseId) ? repo.involvedCase(db, auditId, agencyId, caseId) : Promise.resolve(undefined),

    /** Per invited agency: cases it is involved in, and how many of those have an auditor. */
    summary: (auditId: string) => repo.assignmentSummary(db, auditId),

    /**
     * Assigns one of the agency's auditors to a case it is involved in (from `involvedCase`):
     * 'invalid' when the person may not be assigned, 'already' when they are.
     */
    async assign(
      audit: AuditInContext,
      agency: { id: string; name: string },
      kase: InvolvedCase,
      auditorId: string,
      actor: Actor,
    ): Promise<{ kind: 'assigned' | 'already' | 'invalid'; name?: string }> {
      const auditor = isUuid(auditorId) ? await repo.assignablePerson(db, agency.id, auditorId) : undefined;
      if (!auditor) return { kind: 'invalid' };
      return inTransaction(db, async (trx) => {
        const added = await repo.insertAssignment(trx, {
          caseId: kase.id,
          agencyId: agency.id,
          auditorId: auditor.id,
          assignedBy: actor.userId,
        });
        if (!added) return { kind: 'already', name: auditor.display_name };
        const link = kase.return_id ? `${config.baseUrl}/returns/${kase.return_id}` : `${config.baseUrl}/my-returns`;
        await mail.queue(trx, {
          partnershipId: audit.partnershipId,
          to: auditor.email,
          email: caseAssignedEmail({
            name: auditor.display_name,
            auditTitle: audit.title,
            auditReference: audit.reference,
            caseReference: kase.reference,
            agencyName: agency.name,
            link,
          }),
        });
        await appendAuditLog(trx, actor, {
          action: 'case.auditor-assigned',
          recordType: 'audit_case',
          recordId: kase.id,
          detail: { auditId: audit.id, agencyId: agency.id, auditorId },
        });
        return { kind: 'assigned', name: auditor.display_name };
      });
    },

    /** Removes an assignment; answers the auditor's name, or undefined when there was none. */
    async unassign(
      audit: AuditInContext,
      agencyId: string,
      kase: InvolvedCase,
      auditorId: string,
      actor: Actor,
    ): Promise<string | undefined> {
      if (!isUuid(auditorId)) return undefined;
      return inTransaction(db, async (trx) => {
        if (!(await repo.deleteAssignment(trx, kase.id, agencyId, auditorId))) return undefined;
        await appendAuditLog(trx, actor, {
          action: 'case.auditor-unassigned',
          recordType: 'audit_case',
          recordId: kase.id,
          detail: { auditId: audit.id, agencyId, auditorId },
        });
        return repo.displayName(trx, auditorId);
      });
    },
  };
}

export type AssignmentService = ReturnType<typeof createAssignmentService>;
