import type { Services } from '../../../../services.ts';
import type { Controller } from '../../../../web/route-table.ts';

type Params = { Params: { auditId: string } };

/** The coordinator's list of agencies with how many of their cases have an auditor; others go to their own. */
export function assignmentAgenciesController({ involvement: inv, assignments }: Services) {
  const get: Controller<Params> = async (request, reply) => {
    const user = request.user;
    const audit = await inv.auditFor(user, request.params.auditId, 'audit:assign');
    if (!user.roles.includes('coordinator'))
      return reply.redirect(`/audits/${audit.id}/assignments/${user.agencyId}`, 303);
    return reply.view('involvement/pages/assignment-agencies/view.njk', {
      pageTitle: 'Auditors for each case',
      audit,
      agencies: await assignments.summary(audit.id),
      backLink: `/audits/${audit.id}`,
    });
  };
  return { get };
}
