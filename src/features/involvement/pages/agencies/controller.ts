import type { FastifyReply } from 'fastify';
import { can } from '../../../../domain/authorisation.ts';
import { invitedMessage } from '../../../../domain/concern-recipients.ts';
import type { Services } from '../../../../services.ts';
import { parseForm, singleError, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { inviteSchema, leadSchema } from './schema.ts';

type AuditParams = { Params: { auditId: string } };
type AgencyParams = { Params: { auditId: string; agencyId: string } };

const INVITE_ERROR = 'Select one or more agencies to invite';
const NO_LEAD_HINT = 'No safeguarding lead set up: its immediate concerns would reach only the audit coordinators';
const IN_USE = 'This agency has recorded its involvement, so its invitation cannot be withdrawn';

/** The agencies in an audit: the coordinator invites and withdraws them; their leads are named here. */
export function agenciesController({ involvement: inv }: Services) {
  async function render(request: SignedInRequest<AuditParams>, reply: FastifyReply, errors?: FormErrors, status = 200) {
    const { audit, invited, others, leads } = await inv.agencies(request.user, request.params.auditId);
    return reply.code(status).view('involvement/pages/agencies/view.njk', {
      pageTitle: 'Agencies in this audit',
      audit,
      invited: invited.map((a) => ({
        ...a,
        mayRecord: can(request.user, 'involvement:record', { ...audit.resource, agencyId: a.id }),
        mayAssign: can(request.user, 'audit:assign', { ...audit.resource, agencyId: a.id }),
        leadItems: [
          { value: '', text: 'Select the audit lead' },
          ...leads
            .filter((l) => l.agency_id === a.id)
            .map((l) => ({ value: l.id, text: l.display_name, selected: l.id === a.lead_user_id })),
        ],
      })),
      uninvited: others
        .filter((o) => !invited.some((i) => i.id === o.id))
        .map((o) => ({
          value: o.id,
          text: o.name,
          ...(o.has_safeguarding_lead ? {} : { hint: { text: NO_LEAD_HINT } }),
        })),
      canManage: request.user.roles.includes('coordinator'),
      errors,
      backLink: `/audits/${audit.id}`,
    });
  }

  const get: Controller<AuditParams> = (request, reply) => render(request, reply);

  const post: Controller<AuditParams> = async (request, reply) => {
    const audit = await inv.auditFor(request.user, request.params.auditId, 'audit:manage');
    const form = parseForm(inviteSchema, request.body);
    if (!form.ok || !(await inv.mayInvite(audit, form.value.agencies)))
      return render(request, reply, singleError('agencies', INVITE_ERROR), 400);
    const message = invitedMessage(await inv.invite(audit, form.value.agencies, actorOf(request)));
    if (message) await reply.flash(message);
    return reply.redirect(`/audits/${audit.id}/agencies`, 303);
  };

  const lead: Controller<AgencyParams> = async (request, reply) => {
    const { auditId, agencyId } = request.params;
    const audit = await inv.auditFor(request.user, auditId, 'audit:assign', agencyId);
    const form = parseForm(leadSchema, request.body);
    const leadUserId = form.ok ? form.value.leadUserId : '';
    if (!(await inv.nameLead(audit, agencyId, leadUserId, actorOf(request))))
      return render(request, reply, singleError(`lead-${agencyId}`, 'Select an audit lead from this agency'), 400);
    return reply.redirect(`/audits/${audit.id}/agencies`, 303);
  };

  const withdraw: Controller<AgencyParams> = async (request, reply) => {
    const { auditId, agencyId } = request.params;
    const audit = await inv.auditFor(request.user, auditId, 'audit:manage');
    if ((await inv.withdraw(audit, agencyId, actorOf(request))) === 'in-use')
      return render(request, reply, singleError(`lead-${agencyId}`, IN_USE), 400);
    return reply.redirect(`/audits/${audit.id}/agencies`, 303);
  };

  return { get, post, lead, withdraw };
}
