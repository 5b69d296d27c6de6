import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { InvolvementStatus } from '../../db/schema.ts';
import { participationTable } from '../../domain/participation.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { auditForUser, type AuditInContext } from '../audits/audit-access.ts';
import type { MailService } from '../mail/mail-service.ts';
import type { ReturnService } from '../returns/return-service.ts';
import { invitationEmail, leadNamedEmail } from './involvement-emails.ts';

export const INVOLVEMENT_LABELS: Record<InvolvementStatus, string> = {
  involved: 'Involved (will audit)',
  not_known: 'Not known',
  out_of_scope: 'Out of scope',
  partly_in_scope: 'Partly in scope',
  declined: 'Declined',
};
export const NEEDS_REASON: InvolvementStatus[] = ['out_of_scope', 'partly_in_scope', 'declined'];
const SHARED_FROM = ['discussion', 'reporting', 'monitoring', 'closed'];

/** A case-and-agency cell's key in the maps the matrix, the progress page and the API look cells up in. */
export const cellKey = (caseId: string, agencyId: string) => `${caseId}|${agencyId}`;

/** One case's answer, checked the same way for the form and the API: what is wrong, and with which field. */
export function checkInvolvement(
  status: string,
  reason: string,
  caseReference: string,
): { ok: true; status: InvolvementStatus; reason: string } | { ok: false; field: 'status' | 'reason'; text: string } {
  const trimmed = reason.trim().slice(0, 2000);
  if (!Object.hasOwn(INVOLVEMENT_LABELS, status))
    return { ok: false, field: 'status', text: `Select your agency’s involvement in ${caseReference}` };
  const chosen = status as InvolvementStatus;
  if (NEEDS_REASON.includes(chosen) && !trimmed)
    return {
      ok: false,
      field: 'reason',
      text: `Give the reason for ${caseReference} (${INVOLVEMENT_LABELS[chosen].toLowerCase()})`,
    };
  return { ok: true, status: chosen, reason: trimmed };
}

export function createInvolvementService(
  db: Db,
  config: Config,
  mail: MailService,
  returns: Pick<ReturnService, 'leadAddresses'>,
) {
  const links = (auditId: string, agencyId: string) => ({
    involvementLink: `${config.baseUrl}/audits/${auditId}/involvement/${agencyId}`,
    assignmentLink: `${config.baseUrl}/audits/${auditId}/assignments/${agencyId}`,
  });
  const invited = (auditId: string) =>
    db
      .selectFrom('audit_agency as aa')
      .innerJoin('agency as g', 'g.id', 'aa.agency_id')
      .leftJoin('app_user as u', 'u.id', 'aa.lead_user_id')
      .select(['g.id', 'g.name', 'aa.lead_user_id', 'u.display_name as lead_name'])
      .where('aa.audit_id', '=', auditId)
      .orderBy('g.name')
      .execute();
  const cases = (auditId: string) =>
    db
      .selectFrom('audit_case')
      .select(['id', 'reference'])
      .where('audit_id', '=', auditId)
      .orderBy('position')
      .orderBy('reference')
      .execute();

  return {
    invited,
    cases,
    auditFor: (
      user: CurrentUser,
      auditId: string,
      action: 'audit:read' | 'audit:manage' | 'audit:progress' | 'involvement:record' | 'audit:assign',
      agencyId?: string,
    ) => auditForUser(db, user, auditId, action, agencyId),

    /** Invites agencies; each newly invited agency's audit leads are e-mailed in the same transaction. */
    async invite(audit: AuditInContext, agencyIds: string[], actor: Actor) {
      await db.transaction().execute(async (trx) => {
        const [deadline, agencies] = await Promise.all([
          trx
            .selectFrom('audit_milestone')
            .select('due_on')
            .where('audit_id', '=', audit.id)
            .where('kind', '=', 'returns_deadline')
            .executeTakeFirst(),
          agencyIds.length
            ? trx.selectFrom('agency').select(['id', 'name']).where('id', 'in', agencyIds).execute()
            : [],
        ]);
        for (const agency of agencies) {
          const added = await trx
            .insertInto('audit_agency')
            .values({ audit_id: audit.id, agency_id: agency.id, invited_by: actor.userId })
            .onConflict((oc) => oc.doNothing())
            .returning('agency_id')
            .executeTakeFirst();
          if (!added) continue;
          const agencyId = agency.id;
          const email = invitationEmail({
            auditTitle: audit.title,
            auditReference: audit.reference,
            agencyName: agency.name,
            deadline: deadline?.due_on ?? null,
            ...links(audit.id, agencyId),
          });
          for (const to of await returns.leadAddresses(trx, audit.id, agencyId))
            await mail.queue(trx, { partnershipId: audit.partnershipId, to, email });
        }
        await appendAuditLog(trx, actor, {
          action: 'audit.agencies-invited',
          recordType: 'audit',
          recordId: audit.id,
          detail: { agencyIds },
        });
      });
    },

    async nameLead(audit: AuditInContext, agencyId: string, leadUserId: string, actor: Actor): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const lead = await trx
          .selectFrom('app_user as u')
          .innerJoin('user_role as r', 'r.user_id', 'u.id')
          .select(['u.id', 'u.email', 'u.display_name'])
          .where('u.id', '=', leadUserId)
          .where('u.agency_id', '=', agencyId)
          .where('r.role', '=', 'audit_lead')
          .where('u.active', '=', true)
          .executeTakeFirst();
        if (!lead) return false;
        const invitation = await trx
          .selectFrom('audit_agency')
          .select('lead_user_id')
          .where('audit_id', '=', audit.id)
          .where('agency_id', '=', agencyId)
          .forUpdate()
          .executeTakeFirst();
        if (!invitation) return false;
        // Naming the same lead again changes nothing and sends nothing.
        if (invitation.lead_user_id === lead.id) return true;
        await trx
          .updateTable('audit_agency')
          .set({ lead_user_id: lead.id })
          .where('audit_id', '=', audit.id)
          .where('agency_id', '=', agencyId)
          .execute();
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
      return db.transaction().execute(async (trx) => {
        const used = await trx
          .selectFrom('involvement as i')
          .innerJoin('audit_case as c', 'c.id', 'i.case_id')
          .select('i.case_id')
          .where('c.audit_id', '=', audit.id)
          .where('i.agency_id', '=', agencyId)
          .executeTakeFirst();
        if (used) return 'in-use';
        await trx
          .deleteFrom('audit_agency')
          .where('audit_id', '=', audit.id)
          .where('agency_id', '=', agencyId)
          .execute();
        await appendAuditLog(trx, actor, {
          action: 'audit.agency-withdrawn',
          recordType: 'audit',
          recordId: audit.id,
          detail: { agencyId },
        });
        return 'withdrawn';
      });
    },

    async cells(auditId: string) {
      return db
        .selectFrom('involvement as i')
        .innerJoin('audit_case as c', 'c.id', 'i.case_id')
        .select(['i.case_id', 'i.agency_id', 'i.status', 'i.reason', 'i.version'])
        .where('c.audit_id', '=', auditId)
        .execute();
    },

    /** The recorded cells by `cellKey(caseId, agencyId)`. */
    async cellMap(auditId: string) {
      return new Map((await this.cells(auditId)).map((c) => [cellKey(c.case_id, c.agency_id), c]));
    },

    /** Records an agency's involvement in several cases at once; each row checked against its version. */
    async record(
      audit: AuditInContext,
      agencyId: string,
      rows: { caseId: string; status: InvolvementStatus; reason: string; version: number }[],
      actor: Actor,
    ): Promise<{ stale: string[]; locked: string[] }> {
      return db.transaction().execute(async (trx) => {
        const stale: string[] = [];
        const locked: string[] = [];
        for (const row of rows) {
          const current = await trx
            .selectFrom('involvement')
            .select(['status', 'version'])
            .where('case_id', '=', row.caseId)
            .where('agency_id', '=', agencyId)
            .forUpdate()
            .executeTakeFirst();
          if ((current?.version ?? 0) !== row.version) {
            stale.push(row.caseId);
            continue;
          }
          if (current?.status === row.status && row.status !== 'involved') {
            await trx
              .updateTable('involvement')
              .set({ reason: row.reason })
              .where('case_id', '=', row.caseId)
              .where('agency_id', '=', agencyId)
              .execute();
            continue;
          }
          if (current?.status === 'involved' && row.status !== 'involved') {
            const started = await trx
              .selectFrom('agency_return')
              .select('status')
              .where('case_id', '=', row.caseId)
              .where('agency_id', '=', agencyId)
              .where('status', '!=', 'not_started')
              .executeTakeFirst();
            if (started) {
              locked.push(row.caseId);
              continue;
            }
            await trx
              .deleteFrom('agency_return')
              .where('case_id', '=', row.caseId)
              .where('agency_id', '=', agencyId)
              .execute();
            await trx
              .deleteFrom('case_assignment')
              .where('case_id', '=', row.caseId)
              .where('agency_id', '=', agencyId)
              .execute();
          }
          await trx
            .insertInto('involvement')
            .values({
              case_id: row.caseId,
              agency_id: agencyId,
              status: row.status,
              reason: row.reason,
              recorded_by: actor.userId,
            })
            .onConflict((oc) =>
              oc.columns(['case_id', 'agency_id']).doUpdateSet((eb) => ({
                status: row.status,
                reason: row.reason,
                recorded_by: actor.userId,
                recorded_at: new Date(),
                version: eb('involvement.version', '+', 1),
              })),
            )
            .execute();
          if (row.status === 'involved')
            await trx
              .insertInto('agency_return')
              .values({ case_id: row.caseId, agency_id: agencyId })
              .onConflict((oc) => oc.columns(['case_id', 'agency_id']).doNothing())
              .execute();
        }
        await appendAuditLog(trx, actor, {
          action: 'involvement.recorded',
          recordType: 'audit',
          recordId: audit.id,
          detail: { agencyId, rows: rows.length, stale: stale.length, locked: locked.length },
        });
        return { stale, locked };
      });
    },

    async participation(auditId: string) {
      const [agencies, caseRows, cells] = await Promise.all([invited(auditId), cases(auditId), this.cells(auditId)]);
      return participationTable(
        agencies,
        caseRows.map((c) => c.id),
        cells.map((c) => ({ agencyId: c.agency_id, caseId: c.case_id, status: c.status })),
      );
    },

    /** Which agencies' columns a person sees: all for coordinator and panel, or from discussion. */
    visibleAgencies<T extends { id: string }>(user: CurrentUser, audit: AuditInContext, agencies: T[]): T[] {
      const all =
        user.roles.includes('coordinator') || user.roles.includes('panel_member') || SHARED_FROM.includes(audit.status);
      return all ? agencies : agencies.filter((a) => a.id === user.agencyId);
    },
  };
}

export type InvolvementService = ReturnType<typeof createInvolvementService>;
