import type { Services } from '../../../../services.ts';
import type { Controller } from '../../../../web/route-table.ts';

/** The partnership's agencies, active first. */
export function agenciesController({ agencies }: Services) {
  const get: Controller = async (request, reply) =>
    reply.view('admin/pages/agencies/view.njk', {
      pageTitle: 'Agencies',
      agencies: await agencies.list(request.user),
      backLink: '/admin',
    });
  return { get };
}
