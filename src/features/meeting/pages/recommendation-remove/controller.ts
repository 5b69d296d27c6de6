import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';

type Params = { Params: { auditId: string; id: string } };

/**
 * Removing a recommendation, after asking. While an action of the plan answers it, the page says so
 * and names the actions instead of offering the button: removing it would leave them answering nothing.
 */
export function removeRecommendationController({ recommendations }: Services) {
  async function render(request: SignedInRequest<Params>, reply: FastifyReply, status = 200) {
    const { audit, recommendation, number, actions } = await recommendations.forRemoval(
      request.user,
      request.params.auditId,
      request.params.id,
    );
    const refused = actions.length > 0;
    return reply.code(status).view('meeting/pages/recommendation-remove/view.njk', {
      pageTitle: refused ? `Recommendation ${number} cannot be removed` : `Remove recommendation ${number}`,
      audit,
      number,
      recommendation,
      actions,
      refused,
      action: `/audits/${audit.id}/recommendations/${recommendation.id}/remove`,
      backLink: `/audits/${audit.id}/recommendations`,
    });
  }

  const get: Controller<Params> = (request, reply) => render(request, reply);

  const post: Controller<Params> = async (request, reply) => {
    const { audit, number } = await recommendations.forRemoval(request.user, request.params.auditId, request.params.id);
    // An action may have been added since the page was shown: then the refusal, as a conflict.
    if ((await recommendations.remove(audit, request.params.id, actorOf(request))) === 'in-use')
      return render(request, reply, 409);
    await reply.flash({ kind: 'success', heading: `Recommendation ${number} removed` });
    return reply.redirect(`/audits/${audit.id}/recommendations`, 303);
  };

  return { get, post };
}
