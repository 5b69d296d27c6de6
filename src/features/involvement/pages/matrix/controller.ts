import { z } from 'zod';
import type { Services } from '../../../../services.ts';
import type { Controller } from '../../../../web/route-table.ts';
import { cellKey, INVOLVEMENT_LABELS } from '../../involvement-rules.ts';

type Params = { Params: { auditId: string }; Querystring: { status?: string } };

const TAGS: Record<string, string> = {
  involved: 'govuk-tag--green',
  not_known: 'govuk-tag--grey',
  out_of_scope: 'govuk-tag--yellow',
  partly_in_scope: 'govuk-tag--orange',
  declined: 'govuk-tag--red',
  awaiting: 'govuk-tag--blue',
};
// Any other filter shows nothing highlighted rather than an error: it comes from a link, not a form.
const filterSchema = z.object({ status: z.string().catch('') });

/** Who knew each family: a case-by-agency matrix, filtered by one status. */
export function matrixController({ involvement: inv }: Services) {
  const get: Controller<Params> = async (request, reply) => {
    const user = request.user;
    const audit = await inv.auditFor(user, request.params.auditId, 'audit:read');
    const [agencies, cases, cells] = await Promise.all([
      inv.invited(audit.id),
      inv.cases(audit.id),
      inv.cellMap(audit.id),
    ]);
    const visible = inv.visibleAgencies(user, audit, agencies);
    const filter = filterSchema.parse(request.query ?? {}).status;
    const cell = (caseId: string, agencyId: string) => cells.get(cellKey(caseId, agencyId))?.status ?? 'awaiting';
    const counts: Record<string, number> = {};
    for (const c of cases) for (const a of visible) counts[cell(c.id, a.id)] = (counts[cell(c.id, a.id)] ?? 0) + 1;
    return reply.view('involvement/pages/matrix/view.njk', {
      pageTitle: 'Who knew each family',
      audit,
      agencies: visible.map((a) => ({
        ...a,
        canRecord: user.roles.includes('coordinator') || a.id === user.agencyId,
      })),
      rows: cases.map((c) => ({
        ...c,
        cells: visible.map((a) => {
          const s = cell(c.id, a.id);
          return {
            status: s,
            label: s === 'awaiting' ? 'Awaiting' : INVOLVEMENT_LABELS[s],
            classes: TAGS[s],
            shown: !filter || filter === s,
          };
        }),
      })),
      counts: Object.entries({ awaiting: 'Awaiting', ...INVOLVEMENT_LABELS }).map(([value, text]) => ({
        value,
        text,
        n: counts[value] ?? 0,
        selected: value === filter,
      })),
      backLink: `/audits/${audit.id}`,
    });
  };
  return { get };
}
