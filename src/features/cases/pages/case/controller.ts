import { can } from '../../../../domain/authorisation.ts';
import type { Services } from '../../../../services.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';
import { childRows, criteriaText, memberView } from '../../case-view-model.ts';

type CaseParams = { Params: { auditId: string; caseId: string } };

/** One case: its selection, pseudonymous children and household; never who they are. */
export function caseController({ audits, cases }: Services) {
  const get: Controller<CaseParams> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:read');
    const { kase, children, members, agencies } = await cases.page(audit, request.params.caseId, actorOf(request));
    return reply.view('cases/pages/case/view.njk', {
      pageTitle: `${kase.reference} – ${audit.title}`,
      audit,
      kase,
      sourceAgency: agencies.find((a) => a.id === kase.source_agency_id)?.name,
      criteria: criteriaText(kase.criteria),
      children: children.map((child) => ({ ...child, rows: childRows(child) })),
      members: members.map(memberView),
      canManage: can(request.user, 'audit:manage', audit.resource),
      canIdentity: can(request.user, 'case:identity', audit.resource),
      backLink: `/audits/${audit.id}/cases`,
    });
  };
  return { get };
}
