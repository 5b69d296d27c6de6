import type { Services } from '../../../../services.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';
import { memberView } from '../../case-view-model.ts';

type ChildParams = { Params: { auditId: string; caseId: string; childId: string } };
type MemberParams = { Params: { auditId: string; caseId: string; memberId: string } };

/** Removing a child, after asking: their identifying details go with them. */
export function removeChildController({ audits, cases }: Services) {
  const get: Controller<ChildParams> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    const { kase, child } = await cases.withChild(audit, request.params.caseId, request.params.childId);
    return reply.view('cases/pages/confirm-remove/view.njk', {
      pageTitle: `Remove ${child.pseudonym} from ${kase.reference}`,
      audit,
      question: `Are you sure you want to remove ${child.pseudonym} from ${kase.reference}?`,
      warning: 'The child’s details, and their name and date of birth in the identifying details, will be deleted.',
      action: `/audits/${audit.id}/cases/${kase.id}/children/${child.id}/remove`,
      backLink: `/audits/${audit.id}/cases/${kase.id}`,
    });
  };

  const post: Controller<ChildParams> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    const { kase, child } = await cases.withChild(audit, request.params.caseId, request.params.childId);
    await cases.removeChild(audit, kase.id, child.id, actorOf(request));
    await reply.flash({ kind: 'success', heading: `${child.pseudonym} removed from ${kase.reference}` });
    return reply.redirect(`/audits/${audit.id}/cases/${kase.id}`, 303);
  };

  return { get, post };
}

/** Removing a household member, after asking: their name in the identifying details goes with them. */
export function removeMemberController({ audits, cases }: Services) {
  const get: Controller<MemberParams> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    const { kase, member } = await cases.withMember(audit, request.params.caseId, request.params.memberId);
    const who = memberView(member).roleText.toLowerCase();
    const described = member.description ? ` (${member.description})` : '';
    return reply.view('cases/pages/confirm-remove/view.njk', {
      pageTitle: `Remove a household member from ${kase.reference}`,
      audit,
      question: `Are you sure you want to remove the ${who}${described} from ${kase.reference}?`,
      warning: 'Their details, and their name in the identifying details, will be deleted.',
      action: `/audits/${audit.id}/cases/${kase.id}/household/${member.id}/remove`,
      backLink: `/audits/${audit.id}/cases/${kase.id}`,
    });
  };

  const post: Controller<MemberParams> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    const { kase, member } = await cases.withMember(audit, request.params.caseId, request.params.memberId);
    await cases.removeMember(audit, kase.id, member.id, actorOf(request));
    await reply.flash({ kind: 'success', heading: `Household member removed from ${kase.reference}` });
    return reply.redirect(`/audits/${audit.id}/cases/${kase.id}`, 303);
  };

  return { get, post };
}
