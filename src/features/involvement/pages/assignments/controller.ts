import type { FastifyReply } from 'fastify';
import { can } from '../../../../domain/authorisation.ts';
import { RETURN_STATUS_LABELS } from '../../../../domain/return-lifecycle.ts';
import type { Services } from '../../../../services.ts';
import { NotFound } from '../../../../web/errors.ts';
import { parseForm, singleError, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { assignmentSchema } from './schema.ts';

type Params = { Params: { auditId: string; agencyId: string } };

/**
 * Auditors for each case: the agency's audit lead (or the coordinator) assigns the agency's
 * auditors to the cases it is involved in, and removes them. Closed audits are read-only.
 */
export function assignmentsController({ involvement: inv, assignments }: Services) {
  /** The audit and the invited agency, for someone who may assign that agency's auditors; else 404. */
  async function load(request: SignedInRequest<Params>) {
    const { auditId, agencyId } = request.params;
    const audit = await inv.auditFor(request.user, auditId, 'audit:assign', agencyId);
    const agency = (await inv.invited(audit.id)).find((a) => a.id === agencyId);
    if (!agency) throw new NotFound();
    return { audit, agency };
  }

  async function render(request: SignedInRequest<Params>, reply: FastifyReply, errors?: FormErrors, status = 200) {
    const { audit, agency } = await load(request);
    const [cases, people] = await Promise.all([
      assignments.involvedCases(audit.id, agency.id),
      assignments.assignable(agency.id),
    ]);
    const form = parseForm(assignmentSchema, request.body);
    const chosen = errors && form.ok ? form.value.auditorId : '';
    const mayOpen = (returnStatus: keyof typeof RETURN_STATUS_LABELS | null) =>
      can(request.user, 'return:read', {
        ...audit.resource,
        agencyId: agency.id,
        returnStatus: returnStatus ?? undefined,
      });
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
        returnHref: c.return_id && mayOpen(c.return_status) ? `/returns/${c.return_id}` : undefined,
        items: [
          { value: '', text: 'Select an auditor' },
          ...people
            .filter((p) => !c.auditors.some((a) => a.id === p.id))
            .map((p) => ({ value: p.id, text: p.display_name, selected: p.id === chosen })),
        ],
      })),
      errors,
      backLink: request.user.roles.includes('coordinator') ? `/audits/${audit.id}/assignments` : `/audits/${audit.id}`,
    });
  }

  const get: Controller<Params> = (request, reply) => render(request, reply);

  /** The case posted, for a change: 404 unless the agency is involved in it and the audit is not closed. */
  async function caseToChange(request: SignedInRequest<Params>) {
    const { audit, agency } = await load(request);
    if (audit.status === 'closed') throw new NotFound();
    const form = parseForm(assignmentSchema, request.body);
    const { caseId, auditorId } = form.ok ? form.value : { caseId: '', auditorId: '' };
    const kase = await assignments.involvedCase(audit.id, agency.id, caseId);
    if (!kase) throw new NotFound();
    const back = `/audits/${audit.id}/assignments/${agency.id}#case-${kase.id}`;
    return { audit, agency, kase, auditorId, back };
  }

  const post: Controller<Params> = async (request, reply) => {
    const { audit, agency, kase, auditorId, back } = await caseToChange(request);
    const outcome = await assignments.assign(audit, agency, kase, auditorId, actorOf(request));
    if (outcome.kind === 'invalid') {
      const text = `Select an auditor from ${agency.name} to assign to ${kase.reference}`;
      return render(request, reply, singleError(`auditor-${kase.id}`, text), 400);
    }
    await reply.flash(
      outcome.kind === 'assigned'
        ? {
            kind: 'success',
            heading: `${outcome.name} is assigned to ${kase.reference}`,
            text: 'They have been sent an e-mail with a link to the return.',
          }
        : { kind: 'important', heading: `${outcome.name} was already assigned to ${kase.reference}` },
    );
    return reply.redirect(back, 303);
  };

  const remove: Controller<Params> = async (request, reply) => {
    const { audit, agency, kase, auditorId, back } = await caseToChange(request);
    const name = await assignments.unassign(audit, agency.id, kase, auditorId, actorOf(request));
    if (!name) throw new NotFound();
    await reply.flash({ kind: 'success', heading: `${name} is no longer assigned to ${kase.reference}` });
    return reply.redirect(back, 303);
  };

  return { get, post, remove };
}
