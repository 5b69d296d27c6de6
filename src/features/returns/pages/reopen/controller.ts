import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import { parseForm, singleError, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { reopenSchema } from './schema.ts';

type Params = { Params: { id: string } };

/** The coordinator reopens a submitted or signed-off return, saying why. */
export function reopenController({ returns }: Services) {
  async function render(
    request: SignedInRequest<Params>,
    reply: FastifyReply,
    form: { values?: Record<string, unknown>; errors?: FormErrors; status?: number } = {},
  ) {
    const ctx = await returns.authorised(request.user, request.params.id, 'return:reopen', actorOf(request));
    return reply.code(form.status ?? 200).view('returns/pages/reopen/view.njk', {
      pageTitle: 'Reopen the return',
      r: ctx.row,
      values: form.values ?? {},
      errors: form.errors,
      backLink: `/returns/${ctx.row.id}`,
    });
  }

  const get: Controller<Params> = (request, reply) => render(request, reply);

  const post: Controller<Params> = async (request, reply) => {
    const form = parseForm(reopenSchema, request.body);
    if (!form.ok) return render(request, reply, { values: form.values, errors: form.errors, status: 400 });
    const result = await returns.reopen(request.user, request.params.id, form.value.reason, actorOf(request));
    if (!result.ok) {
      const text =
        result.problem === 'reason-required'
          ? 'Enter why the return is being reopened'
          : 'Only a submitted or signed-off return can be reopened';
      return render(request, reply, { values: form.values, errors: singleError('reason', text), status: 400 });
    }
    await reply.flash({
      kind: 'success',
      heading: 'Return reopened',
      text: 'The agency can change it and submit it again.',
    });
    return reply.redirect(`/returns/${request.params.id}`, 303);
  };

  return { get, post };
}
