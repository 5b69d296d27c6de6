import type { Services } from '../../../../services.ts';
import type { Controller } from '../../../../web/route-table.ts';

/** The partnership's audit tools. */
export function templateListController({ templates }: Services) {
  const get: Controller = async (request, reply) =>
    reply.view('templates/pages/list/view.njk', {
      pageTitle: 'Audit tools',
      templates: await templates.list(request.user),
    });
  return { get };
}
