import type { Services } from '../../../../services.ts';
import type { Controller } from '../../../../web/route-table.ts';

type Params = { Params: { auditId: string } };

/** The coordinator's list of an audit's immediate safeguarding concerns. */
export function concernListController({ concerns }: Services) {
  const get: Controller<Params> = async (request, reply) => {
    const { audit, rows } = await concerns.auditList(request.user, request.params.auditId);
    return reply.view('concerns/pages/list/view.njk', {
      pageTitle: 'Immediate safeguarding concerns',
      audit,
      rows,
      backLink: `/audits/${audit.id}`,
    });
  };
  return { get };
}
