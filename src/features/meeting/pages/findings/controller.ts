import type { Services } from '../../../../services.ts';
import type { Controller } from '../../../../web/route-table.ts';

type Params = { Params: { auditId: string } };

/** An audit's findings: by case, then those across cases. */
export function findingsController({ findings }: Services) {
  const get: Controller<Params> = async (request, reply) => {
    const { user } = request;
    const view = await findings.overview(user, request.params.auditId);
    const caseRef = new Map(view.cases.map((c) => [c.id, c.reference]));
    const agencyName = new Map(view.agencies.map((a) => [a.id, a.name]));
    const themeLabel = new Map(view.allThemes.map((t) => [t.id, t.label]));
    const shown = view.findings.map((f) => ({
      ...f,
      caseRefs: f.caseIds.map((id) => caseRef.get(id)),
      agencyNames: f.agencyIds.map((id) => agencyName.get(id)),
      themeLabels: f.themeIds.map((id) => themeLabel.get(id)),
    }));
    const about = (caseId: string, kind: string) =>
      shown.filter((f) => !f.acrossCases && f.kind === kind && f.caseIds.includes(caseId));
    return reply.view('meeting/pages/findings/view.njk', {
      pageTitle: 'Findings',
      audit: view.audit,
      byCase: view.cases.map((c) => ({
        ...c,
        strengths: about(c.id, 'strength'),
        development: about(c.id, 'development'),
      })),
      across: shown.filter((f) => f.acrossCases),
      canRecord: user.roles.includes('coordinator') || user.roles.includes('panel_member'),
      backLink: `/audits/${view.audit.id}`,
    });
  };
  return { get };
}
