import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import { parseForm, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { waiverSchema } from './schema.ts';

type Params = { Params: { auditId: string; caseId: string; agencyId: string } };

/**
 * "This return will not come": the coordinator records (or changes, or withdraws) why one agency's
 * expected return for one case will not be received, from the returns progress page.
 */
export function returnWaiverController({ returnWaivers }: Services) {
  async function render(
    request: SignedInRequest<Params>,
    reply: FastifyReply,
    form: { values?: Record<string, unknown>; errors?: FormErrors; status?: number } = {},
  ) {
    const { auditId, caseId, agencyId } = request.params;
    const cell = await returnWaivers.cell(request.user, auditId, caseId, agencyId);
    return reply.code(form.status ?? 200).view('involvement/pages/return-waiver/view.njk', {
      pageTitle: `Record that ${cell.agencyName}’s return for ${cell.caseReference} will not be received`,
      audit: cell.audit,
      cell,
      action: `/audits/${cell.audit.id}/progress/${caseId}/${agencyId}/will-not-come`,
      values: form.values ?? { reason: cell.reason ?? '' },
      errors: form.errors,
      backLink: `/audits/${cell.audit.id}/progress`,
    });
  }

  const get: Controller<Params> = (request, reply) => render(request, reply);

  const post: Controller<Params> = async (request, reply) => {
    const form = parseForm(waiverSchema, request.body);
    if (!form.ok) return render(request, reply, { values: form.values, errors: form.errors, status: 400 });
    const { auditId, caseId, agencyId } = request.params;
    const cell = await returnWaivers.record(
      request.user,
      auditId,
      caseId,
      agencyId,
      form.value.reason,
      actorOf(request),
    );
    await reply.flash({
      kind: 'success',
      heading: `${cell.agencyName}’s return for ${cell.caseReference} is recorded as will not be received`,
    });
    return reply.redirect(`/audits/${cell.audit.id}/progress`, 303);
  };

  const withdraw: Controller<Params> = async (request, reply) => {
    const { auditId, caseId, agencyId } = request.params;
    const cell = await returnWaivers.withdraw(request.user, auditId, caseId, agencyId, actorOf(request));
    await reply.flash({
      kind: 'success',
      heading: `${cell.agencyName}’s return for ${cell.caseReference} is expected again`,
    });
    return reply.redirect(`/audits/${cell.audit.id}/progress`, 303);
  };

  return { get, post, withdraw };
}
