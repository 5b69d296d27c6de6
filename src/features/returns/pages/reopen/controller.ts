import type { Services } from '../../../../services.ts';
import { parseForm, singleError } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';
import { returnFormPage } from '../return-form-page.ts';
import { reopenSchema } from './schema.ts';

type Params = { Params: { id: string } };

/** The coordinator reopens a submitted or signed-off return, saying why. */
export function reopenController({ returns }: Services) {
  const render = returnFormPage(returns, 'return:reopen', 'returns/pages/reopen/view.njk', 'Reopen the return');

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
