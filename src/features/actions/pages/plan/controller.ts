import type { Services } from '../../../../services.ts';
import type { Controller } from '../../../../web/route-table.ts';
import { tagFor } from '../../action-tags.ts';

type Params = { Params: { auditId: string } };

/** An audit's action plan, with the single-agency actions the panel may take into it. */
export function planController({ actions }: Services) {
  const get: Controller<Params> = async (request, reply) => {
    const { user } = request;
    const canRecord = user.roles.includes('coordinator') || user.roles.includes('panel_member');
    const { audit, actions: rows, singleAgency } = await actions.planPage(user, request.params.auditId, canRecord);
    return reply.view('actions/pages/plan/view.njk', {
      pageTitle: 'Action plan',
      audit,
      rows: rows.map((a) => ({ ...a, tag: tagFor(a) })),
      canRecord,
      singleAgency,
      backLink: `/audits/${audit.id}`,
    });
  };
  return { get };
}
