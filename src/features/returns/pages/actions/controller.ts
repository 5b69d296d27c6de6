import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import { parseForm, singleError, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { actionSchema } from './schema.ts';

type Params = { Params: { id: string } };

/** The single-agency actions the auditor proposes: added one at a time, removed while a draft. */
export function actionsController({ returns }: Services) {
  async function render(
    request: SignedInRequest<Params>,
    reply: FastifyReply,
    form: { values?: Record<string, unknown>; errors?: FormErrors; status?: number } = {},
  ) {
    const { row, actions } = await returns.actions(request.user, request.params.id, actorOf(request));
    return reply.code(form.status ?? 200).view('returns/pages/actions/view.njk', {
      pageTitle: 'Single-agency actions',
      r: row,
      actions,
      values: form.values ?? {},
      errors: form.errors,
      backLink: `/returns/${row.id}`,
    });
  }

  const get: Controller<Params> = (request, reply) => render(request, reply);

  const post: Controller<Params> = async (request, reply) => {
    const form = parseForm(actionSchema, request.body);
    if (!form.ok) return render(request, reply, { values: form.values, errors: form.errors, status: 400 });
    const result = await returns.addAction(request.user, request.params.id, form.value, actorOf(request));
    if (!result.ok) {
      const errors = singleError('action', 'This return can no longer be changed');
      return render(request, reply, { values: form.values, errors, status: 409 });
    }
    return reply.redirect(`/returns/${request.params.id}/actions`, 303);
  };

  const remove: Controller<{ Params: { id: string; actionId: string } }> = async (request, reply) => {
    await returns.removeAction(request.user, request.params.id, request.params.actionId, actorOf(request));
    return reply.redirect(`/returns/${request.params.id}/actions`, 303);
  };

  return { get, post, remove };
}
