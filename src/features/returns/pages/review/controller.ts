import type { Services } from '../../../../services.ts';
import { parseForm, singleError } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';
import { returnFormPage } from '../return-form-page.ts';
import { reviewSchema } from './schema.ts';

type Params = { Params: { id: string } };

/** The agency's audit lead signs off a submitted return or sends it back with comments. */
export function reviewController({ returns }: Services) {
  const render = returnFormPage(returns, 'return:review', 'returns/pages/review/view.njk', 'Sign off or send back');

  const get: Controller<Params> = (request, reply) => render(request, reply);

  const post: Controller<Params> = async (request, reply) => {
    const form = parseForm(reviewSchema, request.body);
    if (!form.ok) return render(request, reply, { values: form.values, errors: form.errors, status: 400 });
    const { decision, comments } = form.value;
    const result = await returns.review(request.user, request.params.id, decision, comments, actorOf(request));
    if (!result.ok) {
      const errors =
        result.problem === 'comments-required'
          ? singleError('comments', 'Enter comments saying what the auditor needs to change')
          : singleError('decision', 'This return is not waiting for sign-off');
      return render(request, reply, { values: form.values, errors, status: 400 });
    }
    await reply.flash({
      kind: 'success',
      heading: decision === 'sign_off' ? 'Return signed off' : 'Return sent back to the auditor',
    });
    return reply.redirect(`/returns/${request.params.id}`, 303);
  };

  return { get, post };
}
