import type { Services } from '../../../../services.ts';
import type { Controller } from '../../../../web/route-table.ts';
import { statusTag } from '../../view-model.ts';

/** An agency person's returns: those assigned to them first, then the rest of the agency's. */
export function returnListController({ returns }: Services) {
  const get: Controller = async (request, reply) => {
    const user = request.user;
    const shown = (await returns.agencyList(user)).map(({ auditors, ...r }) => ({
      ...r,
      tag: statusTag(r.status),
      mine: auditors.some((s) => s.auditor_user_id === user.id),
      auditors: auditors.map((s) => (s.auditor_user_id === user.id ? 'You' : s.display_name)).join(', '),
    }));
    return reply.view('returns/pages/list/view.njk', {
      pageTitle: 'Your agency’s returns',
      mine: shown.filter((r) => r.mine),
      others: shown.filter((r) => !r.mine),
    });
  };
  return { get };
}
