import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { isUuid, type AuditInContext } from '../audits/audit-access.ts';
import type { MailService } from '../mail/mail-service.ts';
import type { Email } from '../mail/templates.ts';

type InvolvedCase = { id: string; reference: string; return_id: string | null };

/** Who can be given a case to audit: the agency's active auditors, and its audit leads (who often audit too). */
const ASSIGNABLE_ROLES = ['auditor', 'audit_lead'];

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
      `You have been assigned to audit ${o.caseReference} for ${o.agencyName} in the multi-agency case audit "${o.auditTitle}" (${o.auditReference}).`,
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
export function createAssignmentService(db: Db, config: Config, mail: MailService) {
  const assignableQuery = (agencyId: string) =>
    db
      .selectFrom('app_user as u')
      .select(['u.id', 'u.display_name', 'u.email'])
      .where('u.agency_id', '=', agencyId)
      .where('u.active', '=', true)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('user_role as r')
            .select('r.user_id')
            .whereRef('r.user_id', '=', 'u.id')
            .where('r.role', 'in', ASSIGNABLE_ROLES),
        ),
      );
  const involvedCaseQuery = (auditId: string, agencyId: string) =>
    db
      .selectFrom('involvement as i')
      .innerJoin('audit_case as c', 'c.id', 'i.case_id')
      .leftJoin('agency_return as r', (join) =>
        join.onRef('r.case_id', '=', 'i.case_id').onRef('r.agency_id', '=', 'i.agency_id'),
      )
      .select(['c.id', 'c.reference', 'r.id as return_id', 'r.status as return_status'])
      .where('c.audit_id', '=', auditId)
      .where('i.agency_id', '=', agencyId)
      .where('i.status', '=', 'involved');

  return {
    /** The agency's people who may be given a case to audit. */
    assignable: (agencyId: string) => assignableQuery(agencyId).orderBy('u.display_name').execute(),

    /** The cases the agency is involved in, each with its return and the auditors assigned to it. */
    async involvedCases(auditId: string, agencyId: string) {
      const [cases, assigned] = await Promise.all([
        involvedCaseQuery(auditId, agencyId).orderBy('c.position').orderBy('c.reference').execute(),
        db
          .selectFrom('case_assignment as a')
          .innerJoin('audit_case as c', 'c.id', 'a.case_id')
          .innerJoin('app_user as u', 'u.id', 'a.auditor_user_id')
          .select(['a.case_id', 'u.id', 'u.display_name'])
          .where('c.audit_id', '=', auditId)
          .where('a.agency_id', '=', agencyId)
          .orderBy('u.display_name')
          .execute(),
      ]);
      return cases.map((c) => ({
        ...c,
        auditors: assigned.filter((a) => a.case_id === c.id).map((a) => ({ id: a.id, name: a.display_name })),
      }));
    },

    /** One case of the audit, if the agency is involved in it. */
    involvedCase: (auditId: string, agencyId: string, caseId: string) =>
      isUuid(caseId)
        ? involvedCaseQuery(auditId, agencyId).where('c.id', '=', caseId).executeTakeFirst()
        : Promise.resolve(undefined),

    /** Per invited agency: cases it is involved in, and how many of those have an auditor. */
    async summary(auditId: string) {
      return db
        .selectFrom('audit_agency as aa')
        .innerJoin('agency as g', 'g.id', 'aa.agency_id')
        .leftJoin('app_user as lead', 'lead.id', 'aa.lead_user_id')
        .select((eb) => [
          'g.id',
          'g.name',
          'lead.display_name as lead_name',
          eb
            .selectFrom('involvement as i')
            .innerJoin('audit_case as c', 'c.id', 'i.case_id')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('i.agency_id', '=', 'g.id')
            .where('c.audit_id', '=', auditId)
            .where('i.status', '=', 'involved')
            .as('involved'),
          eb
            .selectFrom('case_assignment as a')
            .innerJoin('audit_case as c', 'c.id', 'a.case_id')
            .innerJoin('involvement as i', (join) =>
              join.onRef('i.case_id', '=', 'a.case_id').onRef('i.agency_id', '=', 'a.agency_id'),
            )
            .select((e) => e.fn.count<number>('a.case_id').distinct().as('n'))
            .whereRef('a.agency_id', '=', 'g.id')
            .where('c.audit_id', '=', auditId)
            .where('i.status', '=', 'involved')
            .as('assigned'),
        ])
        .where('aa.audit_id', '=', auditId)
        .orderBy('g.name')
        .execute()
        .then((rows) =>
          rows.map((r) => ({ ...r, involved: Number(r.involved ?? 0), assigned: Number(r.assigned ?? 0) })),
        );
    },

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
      const auditor = isUuid(auditorId)
        ? await assignableQuery(agency.id).where('u.id', '=', auditorId).executeTakeFirst()
        : undefined;
      if (!auditor) return { kind: 'invalid' };
      return db.transaction().execute(async (trx) => {
        const added = await trx
          .insertInto('case_assignment')
          .values({ case_id: kase.id, agency_id: agency.id, auditor_user_id: auditor.id, assigned_by: actor.userId })
          .onConflict((oc) => oc.doNothing())
          .returning('case_id')
          .executeTakeFirst();
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
      return db.transaction().execute(async (trx) => {
        const removed = await trx
          .deleteFrom('case_assignment')
          .where('case_id', '=', kase.id)
          .where('agency_id', '=', agencyId)
          .where('auditor_user_id', '=', auditorId)
          .returning('auditor_user_id')
          .executeTakeFirst();
        if (!removed) return undefined;
        await appendAuditLog(trx, actor, {
          action: 'case.auditor-unassigned',
          recordType: 'audit_case',
          recordId: kase.id,
          detail: { auditId: audit.id, agencyId, auditorId },
        });
        const person = await trx
          .selectFrom('app_user')
          .select('display_name')
          .where('id', '=', auditorId)
          .executeTakeFirstOrThrow();
        return person.display_name;
      });
    },
  };
}

export type AssignmentService = ReturnType<typeof createAssignmentService>;
