import { recommendationKindLabel } from '../../../../domain/recommendation-kinds.ts';
import type { Services } from '../../../../services.ts';
import type { Controller } from '../../../../web/route-table.ts';

type Params = { Params: { auditId: string } };

/** An audit's recommendations. */
export function recommendationsController({ recommendations }: Services) {
  const get: Controller<Params> = async (request, reply) => {
    const { user } = request;
    const { audit, items } = await recommendations.overview(user, request.params.auditId);
    return reply.view('meeting/pages/recommendations/view.njk', {
      pageTitle: 'Recommendations',
      audit,
      items: items.map((r) => ({ ...r, kindLabel: recommendationKindLabel(r.kind) })),
      canRecord: user.roles.includes('coordinator') || user.roles.includes('panel_member'),
      backLink: `/audits/${audit.id}`,
    });
  };
  return { get };
}
