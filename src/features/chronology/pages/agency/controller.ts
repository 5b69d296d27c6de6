import { formatChronologyDate } from '../../../../domain/chronology-dates.ts';
import { IMPACTS } from '../../../../domain/chronology-entry.ts';
import { CHRONOLOGY_CATEGORIES } from '../../../../domain/discussion-points.ts';
import type { Services } from '../../../../services.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';

type Params = { Params: { id: string } };

/** A single agency's chronology for a case, kept as part of its return. */
export function agencyChronologyController({ chronology }: Services) {
  const get: Controller<Params> = async (request, reply) => {
    const view = await chronology.list(request.user, request.params.id, actorOf(request));
    const r = view.ctx.row;
    return reply.view('chronology/pages/agency/view.njk', {
      pageTitle: `${r.agencyName} chronology for ${r.caseReference}`,
      r,
      entries: view.entries.map((e) => ({
        ...e,
        when: formatChronologyDate(e),
        categoryLabel: CHRONOLOGY_CATEGORIES[e.category],
      })),
      canEdit: view.canEdit,
      impacts: IMPACTS,
      backLink: `/returns/${r.id}`,
    });
  };
  return { get };
}
