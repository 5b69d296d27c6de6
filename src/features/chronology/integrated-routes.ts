import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formatChronologyDate, readChronologyDate } from '../../domain/chronology-dates.ts';
import { IMPACTS } from '../../domain/chronology-entry.ts';
import { CHRONOLOGY_CATEGORIES, RULE_LABELS, type PointRule } from '../../domain/discussion-points.ts';
import type { Services } from '../../services.ts';
import { NotFound } from '../../web/errors.ts';
import { asArray, formValues } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import { chronologyCsv, chronologyDocx, chronologyXlsx } from './chronology-export.ts';
import type { EntryFilter } from './chronology-repository.ts';
import { timelineSvg } from './timeline-svg.ts';

type Params = {
  Params: { auditId: string; caseId: string };
  Querystring: Record<string, string | string[] | undefined>;
};

/** Filters from the query string; unreadable dates are reported, not silently ignored. */
function readFilter(query: Record<string, string | string[] | undefined>): { filter: EntryFilter; problems: string[] } {
  const problems: string[] = [];
  const day = (name: string, raw: unknown) => {
    const text = String(raw ?? '').trim();
    if (!text) return undefined;
    const read = readChronologyDate(text);
    if (!read.ok) problems.push(`The ${name} date is not readable: ${read.reason}`);
    return read.ok ? (name === 'from' ? read.value.from : read.value.to) : undefined;
  };
  return {
    filter: {
      agencyIds: asArray(query.agency).filter((a) => /^[0-9a-f-]{36}$/i.test(a)),
      categories: asArray(query.category).filter((c) => Object.hasOwn(CHRONOLOGY_CATEGORIES, c)),
      impacts: asArray(query.impact).filter((i) => Object.hasOwn(IMPACTS, i)),
      from: day('from', query.from),
      to: day('to', query.to),
      significantOnly: query.significant === 'yes',
    },
    problems,
  };
}

export async function chronologyIntegratedRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { chronology } = services;
  const base = '/audits/:auditId/cases/:caseId/chronology';

  async function load(request: FastifyRequest<Params>) {
    const { filter, problems } = readFilter(request.query);
    const view = await chronology.integrated(
      request.user!,
      request.params.auditId,
      request.params.caseId,
      filter,
      actorOf(request),
    );
    return { ...view, filter, problems };
  }

  app.get<Params>(base, { config: { access: 'audit:read' } }, async (request, reply) => {
    const view = await load(request);
    const points = view.canDecide ? await chronology.points(view.kase.id, request.user!.partnershipId) : [];
    const query = new URL(request.url, 'http://x').search;
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
      filter: { ...view.filter, fromText: request.query.from ?? '', toText: request.query.to ?? '' },
      problems: view.problems,
      errors: view.problems.length
        ? { list: view.problems.map((text) => ({ text, href: '#from' })), fields: {} }
        : undefined,
      seesAll: view.seesAll,
      points: points.map((p) => ({ ...p, ruleLabel: RULE_LABELS[p.rule as PointRule] ?? p.rule })),
      canDecide: view.canDecide,
      exportQuery: query,
      backLink: `/audits/${view.audit.id}`,
    });
  });

  const filename = (reference: string, ext: string) =>
    `chronology-${reference.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}.${ext}`;

  app.get<Params>(`${base}.csv`, { config: { access: 'audit:read' } }, async (request, reply) => {
    const view = await load(request);
    return reply
      .header('content-disposition', `attachment; filename="${filename(view.kase.reference, 'csv')}"`)
      .type('text/csv; charset=utf-8')
      .send(chronologyCsv(view.entries));
  });

  app.get<Params>(`${base}.xlsx`, { config: { access: 'audit:read' } }, async (request, reply) => {
    const view = await load(request);
    const body = await chronologyXlsx(view.entries, `${view.audit.title}: ${view.kase.reference}`);
    return reply
      .header('content-disposition', `attachment; filename="${filename(view.kase.reference, 'xlsx')}"`)
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(body);
  });

  app.get<Params>(`${base}.docx`, { config: { access: 'audit:read' } }, async (request, reply) => {
    const view = await load(request);
    const body = await chronologyDocx(view.entries, `Integrated chronology: ${view.kase.reference}`, view.audit.title);
    return reply
      .header('content-disposition', `attachment; filename="${filename(view.kase.reference, 'docx')}"`)
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .send(body);
  });

  app.post<{ Params: { auditId: string; caseId: string; pointId: string } }>(
    `/audits/:auditId/cases/:caseId/points/:pointId`,
    { config: { access: 'audit:read' } },
    async (request, reply) => {
      const body = formValues(request.body);
      const decision =
        body.decision === 'dismissed' || body.decision === 'carried' || body.decision === 'open'
          ? body.decision
          : undefined;
      const reason = String(body.reason ?? '')
        .trim()
        .slice(0, 2000);
      if (!decision || !/^[0-9a-f-]{36}$/i.test(request.params.pointId)) throw new NotFound();
      const back = `/audits/${request.params.auditId}/cases/${request.params.caseId}/chronology#points`;
      if (decision === 'dismissed' && !reason) {
        request.session!.data.flash = {
          kind: 'important',
          heading: 'Give a reason to dismiss a point',
          text: 'The point was not dismissed.',
        };
        await services.auth.saveSessionData(request.session!);
        return reply.redirect(back, 303);
      }
      if (
        !(await chronology.decide(
          request.user!,
          request.params.auditId,
          request.params.caseId,
          request.params.pointId,
          decision,
          reason,
          actorOf(request),
        ))
      )
        throw new NotFound();
      return reply.redirect(back, 303);
    },
  );
}
