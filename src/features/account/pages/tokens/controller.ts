import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import { NotFound } from '../../../../web/errors.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';

type Params = { Params: { id: string } };

/** The new token, shown this once only: it is stored as a hash. */
export function showNewToken(reply: FastifyReply, token: string, name: string) {
  return reply.view('account/pages/tokens/view.njk', { pageTitle: 'Your new API token', token, name });
}

/** Revoking one of the person's own tokens. */
export function tokensController({ apiTokens }: Services) {
  const revoke: Controller<Params> = async (request, reply) => {
    const id = request.params.id;
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new NotFound();
    if (!(await apiTokens.revoke(request.user.id, id, actorOf(request)))) throw new NotFound();
    await reply.flash({ kind: 'success', heading: 'The token has been revoked' });
    return reply.redirect('/account', 303);
  };
  return { revoke };
}
