import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import { NotFound } from '../../../../web/errors.ts';
import { parseForm, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { outcomeSchema } from './schema.ts';

type Params = { Params: { id: string } };

/** One concern; the coordinator records its outcome here. */
export function concernController({ concerns }: Services) {
  async function render(
    request: SignedInRequest<Params>,
    reply: FastifyReply,
    form: { values?: Record<string, unknown>; errors?: FormErrors; status?: number } = {},
  ) {
    const concern = await concerns.find(request.user, request.params.id, actorOf(request));
    return reply.code(form.status ?? 200).view('concerns/pages/show/view.njk', {
      pageTitle: 'Immediate safeguarding concern',
      concern,
      canResolve: request.user.roles.includes('coordinator'),
      values: form.values ?? {},
      errors: form.errors,
    });
  }

  const get: Controller<Params> = (request, reply) => render(request, reply);

  const post: Controller<Params> = async (request, reply) => {
    const form = parseForm(outcomeSchema, request.body);
    if (!form.ok) return render(request, reply, { values: form.values, errors: form.errors, status: 400 });
    if (!(await concerns.recordOutcome(request.user, request.params.id, form.value.outcome, actorOf(request))))
      throw new NotFound();
    await reply.flash({ kind: 'success', heading: 'Outcome recorded' });
    return reply.redirect(`/concerns/${request.params.id}`, 303);
  };

  return { get, post };
}
