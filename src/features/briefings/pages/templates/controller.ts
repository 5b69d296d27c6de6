import type { Services } from '../../../../services.ts';
import type { Controller } from '../../../../web/route-table.ts';
import { kindLabel } from '../../briefing-service.ts';

/** The partnership's briefing templates, for the person who manages them. */
export function templatesController({ briefingTemplates }: Services) {
  const get: Controller = async (request, reply) => {
    const templates = await briefingTemplates.list(request.user.partnershipId);
    return reply.view('briefings/pages/templates/view.njk', {
      pageTitle: 'Briefing templates',
      templates: templates.map((t) => ({ ...t, kindLabel: kindLabel(t.kind) })),
    });
  };
  return { get };
}
