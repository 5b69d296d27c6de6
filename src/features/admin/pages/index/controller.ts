import type { Controller } from '../../../../web/route-table.ts';

/** The administration landing page: links to each area. */
export function adminIndexController() {
  const get: Controller = (_request, reply) =>
    Promise.resolve(reply.view('admin/pages/index/view.njk', { pageTitle: 'Administration' }));
  return { get };
}
