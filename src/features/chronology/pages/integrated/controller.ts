import { formatChronologyDate } from '../../../../domain/chronology-dates.ts';
import { IMPACTS } from '../../../../domain/chronology-entry.ts';
import { CHRONOLOGY_CATEGORIES, RULE_LABELS, type PointRule } from '../../../../domain/discussion-points.ts';
import type { Services } from '../../../../services.ts';
import { NotFound } from '../../../../web/errors.ts';
import { parseForm } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';
import { timelineSvg } from '../../timeline-svg.ts';
import { decisionSchema, filterSchema, pointParams } from './schema.ts';

type Params = {
  Params: { auditId: string; caseId: string };
  Querystring: Record<string, string | string[] | undefined>;
};
type PointParams = { Params: { auditId: string; caseId: string; pointId: string } };

/** Every agency's entries for a case in one timeline and table, and the points they raise. */
export function integratedChronologyController({ chronology }: Services) {
  const get: Controller<Params> = async (request, reply) => {
    const { filter, problems, fromText, toText } = filterSchema.parse(request.query);
    const { auditId, caseId } = request.params;
    const view = await chronology.integratedWithPoints(request.user, auditId, caseId, filter, actorOf(request));
    return reply.view('chronology/pages/integrated/view.njk', {
      pageTitle: `Integrated chronology for ${view.kase.reference}`,
      audit: view.audit,
      kase: view.kase,
      entries: view.entries.map((e) => ({
        ...e,
        when: formatChronologyDate(e),
        categoryLabel: CHRONOLOGY_CATEGORIES[e.category],
        impactLabel: IMPACTS[e.impact],
      })),
      timeline: timelineSvg(view.entries, view.agencies),
      agencies: view.agencies,
      categories: CHRONOLOGY_CATEGORIES,
      impacts: IMPACTS,
      filter: { ...filter, fromText, toText },
      problems,
      errors: problems.length ? { list: problems.map((text) => ({ text, href: '#from' })), fields: {} } : undefined,
      seesAll: view.seesAll,
      points: view.points.map((p) => ({
        ...p,
        ruleLabel: RULE_LABELS[p.rule as PointRule] ?? p.rule,
        // An entry hidden by the filters is still named, without a link to a row that is not shown.
        restsOn: p.restsOn.map((e) => ({ ...e, shown: view.entries.some((x) => x.id === e.id) })),
      })),
      canDecide: view.canDecide,
      exportQuery: new URL(request.url, 'http://x').search,
      backLink: `/audits/${view.audit.id}`,
    });
  };

  /** The panel's decision on one point to discuss. */
  const post: Controller<PointParams> = async (request, reply) => {
    const form = parseForm(decisionSchema, request.body);
    if (!form.ok || !pointParams.safeParse(request.params).success) throw new NotFound();
    const { auditId, caseId, pointId } = request.params;
    const { decision, reason } = form.value;
    const back = `/audits/${auditId}/cases/${caseId}/chronology#points`;
    if (decision === 'dismissed' && !reason) {
      await reply.flash({
        kind: 'important',
        heading: 'Give a reason to dismiss a point',
        text: 'The point was not dismissed.',
      });
      return reply.redirect(back, 303);
    }
    const actor = actorOf(request);
    if (!(await chronology.decide(request.user, auditId, caseId, pointId, decision, reason, actor)))
      throw new NotFound();
    return reply.redirect(back, 303);
  };

  return { get, post };
}
