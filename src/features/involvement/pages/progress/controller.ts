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
    const { audit, agencies, cases, cells, returnOf, deadline } = progress;
    const state = (caseId: string, agencyId: string) => {
      const cell = cells.get(cellKey(caseId, agencyId));
      if (!cell) return { text: 'Awaiting involvement', classes: 'govuk-tag--blue' };
      if (cell.status !== 'involved') return { text: 'Not involved', classes: 'govuk-tag--grey' };
      const s = returnOf.get(cellKey(caseId, agencyId))?.status ?? 'not_started';
      return { text: RETURN_STATUS_LABELS[s], classes: RETURN_TAGS[s] };
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
