import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../domain/authorisation.ts';
import type { SessionData } from '../../db/schema.ts';
import { RETURN_STATUS_LABELS } from '../../domain/return-lifecycle.ts';
import type { Services } from '../../services.ts';
import { NotFound } from '../../web/errors.ts';
import { errorsFrom, formValues, type FormErrors } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';

type AuditParams = { Params: { auditId: string } };
type AgencyParams = { Params: { auditId: string; agencyId: string } };

/**
 * Auditors for each case: the agency's audit lead (or the coordinator) assigns the agency's
 * auditors to the cases it is involved in, and removes them. Closed audits are read-only.
 */
export async function assignmentRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { involvement: inv, assignments } = services;

  /** The audit and the invited agency, for someone who may assign that agency's auditors; else 404. */
  async function load(request: FastifyRequest<AgencyParams>) {
    const audit = await inv.auditFor(request.user!, request.params.auditId, 'audit:assign', request.params.agencyId);
    const agency = (await inv.invited(audit.id)).find((a) => a.id === request.params.agencyId);
    if (!agency) throw new NotFound();
    return { audit, agency };
  }

  app.get<AuditParams>(
    '/audits/:auditId/assignments',
    { config: { access: 'audit:assign' } },
    async (request, reply) => {
      const user = request.user!;
      const audit = await inv.auditFor(user, request.params.auditId, 'audit:assign');
      if (!user.roles.includes('coordinator'))
        return reply.redirect(`/audits/${audit.id}/assignments/${user.agencyId}`, 303);
      return reply.view('involvement/pages/assignment-agencies/view.njk', {
        pageTitle: 'Auditors for each case',
        audit,
        agencies: await assignments.summary(audit.id),
        backLink: `/audits/${audit.id}`,
      });
    },
  );

  async function render(request: FastifyRequest<AgencyParams>, reply: FastifyReply, errors?: FormErrors, status = 200) {
    const { audit, agency } = await load(request);
    const [cases, people] = await Promise.all([
      assignments.involvedCases(audit.id, agency.id),
      assignments.assignable(agency.id),
    ]);
    const chosen = errors ? String(formValues(request.body).auditorId ?? '') : '';
    return reply.code(status).view('involvement/pages/assignments/view.njk', {
      pageTitle: `${agency.name}: auditors for each case`,
      audit,
      agency,
      canChange: audit.status !== 'closed',
      hasPeople: people.length > 0,
      cases: cases.map((c) => ({
        ...c,
        returnStatus: c.return_status ? RETURN_STATUS_LABELS[c.return_status] : undefined,
        // Linked only where this person may open the return (the coordinator sees drafts only once submitted).
        returnHref:
          c.return_id &&
          can(request.user, 'return:read', {
            ...audit.resource,
            agencyId: agency.id,
            returnStatus: c.return_status ?? undefined,
          })
            ? `/returns/${c.return_id}`
            : undefined,
        items: [
          { value: '', text: 'Select an auditor' },
          ...people
            .filter((p) => !c.auditors.some((a) => a.id === p.id))
            .map((p) => ({ value: p.id, text: p.display_name, selected: p.id === chosen })),
        ],
      })),
      errors,
      backLink: request.user!.roles.includes('coordinator') ? `/audits/${audit.id}/assignments` : `/audits/${audit.id}`,
    });
  }

  app.get<AgencyParams>(
    '/audits/:auditId/assignments/:agencyId',
    { config: { access: 'audit:assign' } },
    async (request, reply) => render(request, reply),
  );

  /** The case posted, for a change: 404 unless the agency is involved in it and the audit is not closed. */
  async function caseToChange(request: FastifyRequest<AgencyParams>) {
    const { audit, agency } = await load(request);
    if (audit.status === 'closed') throw new NotFound();
    const body = formValues(request.body);
    const kase = await assignments.involvedCase(audit.id, agency.id, String(body.caseId ?? ''));
    if (!kase) throw new NotFound();
    return { audit, agency, kase, auditorId: String(body.auditorId ?? '') };
  }

  const backTo = async (
    request: FastifyRequest,
    reply: FastifyReply,
    flash: NonNullable<SessionData['flash']>,
    url: string,
  ) => {
    request.session!.data.flash = flash;
    await services.auth.saveSessionData(request.session!);
    return reply.redirect(url, 303);
  };

  app.post<AgencyParams>(
    '/audits/:auditId/assignments/:agencyId',
    { config: { access: 'audit:assign' } },
    async (request, reply) => {
      const { audit, agency, kase, auditorId } = await caseToChange(request);
      const outcome = await assignments.assign(audit, agency, kase, auditorId, actorOf(request));
      if (outcome.kind === 'invalid')
        return render(
          request,
          reply,
          errorsFrom({
            [`auditor-${kase.id}`]: { text: `Select an auditor from ${agency.name} to assign to ${kase.reference}` },
          }),
          400,
        );
      const flash =
        outcome.kind === 'assigned'
          ? {
              kind: 'success' as const,
              heading: `${outcome.name} is assigned to ${kase.reference}`,
              text: 'They have been sent an e-mail with a link to the return.',
            }
          : { kind: 'important' as const, heading: `${outcome.name} was already assigned to ${kase.reference}` };
      return backTo(request, reply, flash, `/audits/${audit.id}/assignments/${agency.id}#case-${kase.id}`);
    },
  );

  app.post<AgencyParams>(
    '/audits/:auditId/assignments/:agencyId/remove',
    { config: { access: 'audit:assign' } },
    async (request, reply) => {
      const { audit, agency, kase, auditorId } = await caseToChange(request);
      const name = await assignments.unassign(audit, agency.id, kase, auditorId, actorOf(request));
      if (!name) throw new NotFound();
      return backTo(
        request,
        reply,
        { kind: 'success', heading: `${name} is no longer assigned to ${kase.reference}` },
        `/audits/${audit.id}/assignments/${agency.id}#case-${kase.id}`,
      );
    },
  );
}
