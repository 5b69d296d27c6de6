import type { Services } from '../../../../services.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';

type Params = { Params: { id: string } };

/** The auditor checks what is still missing, then submits the return to their audit lead. */
export function checkController({ returns }: Services) {
  const get: Controller<Params> = async (request, reply) => {
    const { row, missing } = await returns.submission(request.user, request.params.id, actorOf(request));
    return reply.view('returns/pages/check/view.njk', {
      pageTitle: 'Submit the return',
      r: row,
      missing,
      backLink: `/returns/${row.id}`,
    });
  };

  const post: Controller<Params> = async (request, reply) => {
    const result = await returns.submit(request.user, request.params.id, actorOf(request));
    if (!result.ok) {
      const ctx = await returns.authorised(request.user, request.params.id, 'return:edit', actorOf(request));
      const errors = { list: result.missing.map((text) => ({ text, href: '#missing' })), fields: {} };
      return reply.code(400).view('returns/pages/check/view.njk', {
        pageTitle: 'Submit the return',
        r: ctx.row,
        missing: result.missing,
        errors,
        backLink: `/returns/${ctx.row.id}`,
      });
    }
    await reply.flash({
      kind: 'success',
      heading: 'Return submitted',
      text: 'Your agency’s audit lead has been told it is ready to sign off.',
    });
    return reply.redirect(`/returns/${request.params.id}`, 303);
  };

  return { get, post };
}
