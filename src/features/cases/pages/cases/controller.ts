import { can } from '../../../../domain/authorisation.ts';
import type { Services } from '../../../../services.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';

type AuditParams = { Params: { auditId: string } };

/** The list of an audit's cases, for everyone who may read the audit. */
export function casesController({ audits, cases }: Services) {
  const get: Controller<AuditParams> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:read');
    const rows = await cases.summaries(audit, actorOf(request));
    return reply.view('cases/pages/cases/view.njk', {
      pageTitle: `Cases in ${audit.title}`,
      audit,
      rows,
      canManage: can(request.user, 'audit:manage', audit.resource),
      backLink: `/audits/${audit.id}`,
    });
  };
  return { get };
}
