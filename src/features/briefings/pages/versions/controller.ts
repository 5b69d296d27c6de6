import type { Services } from '../../../../services.ts';
import { errorsFrom, type FormErrors } from '../../../../web/forms.ts';
import type { Controller } from '../../../../web/route-table.ts';
import { compareVersions } from './compare.ts';

type Params = {
  Params: { auditId: string; briefingId: string };
  Querystring: { from?: string; to?: string };
};

/** A briefing's versions; choosing two shows what changed between them. */
export function versionsController({ briefings }: Services) {
  const get: Controller<Params> = async (request, reply) => {
    const audit = await briefings.load(request.user, request.params.auditId, 'briefing:read');
    const { briefing, rows } = await briefings.versions(audit, request.params.briefingId);
    const numbers = rows.map((r) => r.number);
    const from = Number(request.query.from),
      to = Number(request.query.to);
    let comparison: ReturnType<typeof compareVersions> | undefined;
    let errors: FormErrors | undefined;
    if (request.query.from !== undefined || request.query.to !== undefined) {
      if (!numbers.includes(from) || !numbers.includes(to))
        errors = errorsFrom({ from: { text: 'Select two versions of this briefing to compare' } });
      else {
        const [a, b] = await Promise.all([
          briefings.version(audit, briefing.id, from),
          briefings.version(audit, briefing.id, to),
        ]);
        comparison = compareVersions(a, b);
      }
    }
    return reply.code(errors ? 400 : 200).view('briefings/pages/versions/view.njk', {
      pageTitle: 'Versions of this briefing',
      audit,
      briefing,
      rows,
      from: request.query.from ?? String(numbers[1] ?? numbers[0] ?? ''),
      to: request.query.to ?? String(numbers[0] ?? ''),
      comparison,
      compared: comparison ? { from, to } : undefined,
      errors,
      backLink: `/audits/${audit.id}/briefings/${briefing.id}`,
    });
  };
  return { get };
}
