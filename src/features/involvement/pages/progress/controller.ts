import { can } from '../../../../domain/authorisation.ts';
import { RETURN_STATUS_LABELS } from '../../../../domain/return-lifecycle.ts';
import type { Services } from '../../../../services.ts';
import type { Controller } from '../../../../web/route-table.ts';
import { cellKey } from '../../involvement-rules.ts';

type Params = { Params: { auditId: string } };

const RETURN_TAGS = {
  not_started: 'govuk-tag--red',
  in_progress: 'govuk-tag--light-blue',
  submitted: 'govuk-tag--blue',
  returned: 'govuk-tag--orange',
  signed_off: 'govuk-tag--green',
};

/** The coordinator's view of returns: each agency's cases, the deadline, and concerns still open. */
export function progressController({ involvement: inv }: Services) {
  const get: Controller<Params> = async (request, reply) => {
    const progress = await inv.progress(request.user, request.params.auditId);
    const { audit, agencies, cases, cells, returnOf, waived, deadline } = progress;
    const manage = can(request.user, 'audit:manage', audit.resource);
    const state = (caseId: string, agencyId: string) => {
      const key = cellKey(caseId, agencyId);
      const cell = cells.get(key);
      if (!cell) return { text: 'Awaiting involvement', classes: 'govuk-tag--blue' };
      if (cell.status !== 'involved') return { text: 'Not involved', classes: 'govuk-tag--grey' };
      const s = returnOf.get(key)?.status ?? 'not_started';
      if (s === 'submitted' || s === 'signed_off') return { text: RETURN_STATUS_LABELS[s], classes: RETURN_TAGS[s] };
      // An expected return not yet in: the coordinator may record why it will not come, or change that.
      const href = manage ? `/audits/${audit.id}/progress/${caseId}/${agencyId}/will-not-come` : undefined;
      if (waived.has(key))
        return { text: 'Will not be received', classes: 'govuk-tag--grey', href, linkText: 'Change' };
      return { text: RETURN_STATUS_LABELS[s], classes: RETURN_TAGS[s], href, linkText: 'Will not come?' };
    };
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
    const daysLeft = deadline ? Math.round((Date.parse(deadline) - Date.parse(today)) / 86_400_000) : null;
    return reply.view('involvement/pages/progress/view.njk', {
      pageTitle: 'Returns progress',
      audit,
      deadline,
      daysLeft,
      withoutLead: agencies.filter((a) => !a.lead_user_id),
      unresolvedConcerns: progress.openConcerns,
      concernsHref: can(request.user, 'audit:manage', audit.resource) ? `/audits/${audit.id}/concerns` : undefined,
      agencies: agencies.map((a) => ({
        ...a,
        cells: cases.map((c) => ({ reference: c.reference, ...state(c.id, a.id) })),
      })),
      cases,
      backLink: `/audits/${audit.id}`,
    });
  };
  return { get };
}
