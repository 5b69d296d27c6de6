import type { FastifyReply } from 'fastify';
import { concernToldMessage } from '../../../../domain/concern-recipients.ts';
import type { Services } from '../../../../services.ts';
import { parseForm, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { newConcernSchema } from './schema.ts';

type Params = { Params: { id: string } };

/** An auditor raises an immediate safeguarding concern from their return. */
export function newConcernController({ concerns }: Services) {
  async function render(
    request: SignedInRequest<Params>,
    reply: FastifyReply,
    form: { values?: Record<string, unknown>; errors?: FormErrors; status?: number } = {},
  ) {
    const { row, children, hasSafeguardingLead } = await concerns.newConcern(
      request.user,
      request.params.id,
      actorOf(request),
    );
    return reply.code(form.status ?? 200).view('concerns/pages/new/view.njk', {
      pageTitle: 'Raise an immediate safeguarding concern',
      r: row,
      children,
      hasSafeguardingLead,
      values: form.values ?? {},
      errors: form.errors,
      backLink: `/returns/${row.id}`,
    });
  }

  const get: Controller<Params> = (request, reply) => render(request, reply);

  const post: Controller<Params> = async (request, reply) => {
    const form = parseForm(newConcernSchema, request.body);
    if (!form.ok) return render(request, reply, { values: form.values, errors: form.errors, status: 400 });
    const raised = await concerns.raise(request.user, request.params.id, form.value, actorOf(request));
    // Exactly who was e-mailed, never who might have been.
    await reply.flash(concernToldMessage(raised.recipients, raised.agencyName));
    return reply.redirect(`/concerns/${raised.id}`, 303);
  };

  return { get, post };
}
