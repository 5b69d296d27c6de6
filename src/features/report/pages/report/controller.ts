import type { Services } from '../../../../services.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';

type Params = { Params: { auditId: string } };

/** The report to the subgroup as a page; the redaction guard's hits are shown in a warning. */
export function reportController({ report }: Services) {
  const get: Controller<Params> = async (request, reply) => {
    const released = await report.release(request.user, request.params.auditId, 'page', actorOf(request));
    if (released.kind !== 'page') throw new Error('The report page is always released as a page');
    return reply.view('report/pages/report/view.njk', {
      pageTitle: 'Report to the subgroup',
      ...released.view,
      hits: released.hits,
      backLink: `/audits/${released.audit.id}`,
    });
  };
  return { get };
}
