import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DIMENSIONS, isDimension, type Dimension } from '../../domain/sampling.ts';
import type { Services } from '../../services.ts';
import { NotFound } from '../../web/errors.ts';
import { asArray, errorsFrom, formValues } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import { auditForUser, isUuid } from '../audits/audit-access.ts';
import { MAX_CASES_AT_ONCE } from './selection-service.ts';
import {
  balanceTables,
  candidateFilters,
  candidateRowView,
  dimensionItems,
  PAGE_SIZE,
  strataText,
  stratumText,
  type ListQuery,
} from './selection-view-model.ts';

type ListParams = { Params: { auditId: string; listId: string }; Querystring: ListQuery };
type DrawParams = { Params: { auditId: string; listId: string; drawId: string } };
const manage = { config: { access: 'audit:manage' as const } };

/** A candidate list: filter and pick by hand, or draw a stratified sample; then make cases. */
export async function selectionRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db, candidates, selection } = services;

  async function load(request: FastifyRequest<{ Params: { auditId: string; listId: string } }>) {
    const audit = await auditForUser(db, request.user!, request.params.auditId, 'audit:manage');
    if (!isUuid(request.params.listId)) throw new NotFound();
    return { audit, list: await candidates.list(audit, request.params.listId) };
  }

  async function renderList(
    request: FastifyRequest<ListParams>,
    reply: FastifyReply,
    options: { values?: Record<string, string | string[]>; errors?: unknown; status?: number } = {},
  ) {
    const { audit, list } = await load(request);
    const query = request.query ?? {};
    const page = Math.max(1, Math.floor(Number(query.page)) || 1);
    const filter = candidateFilters(query);
    const [{ rows, total }, made, draws] = await Promise.all([
      selection.page(list.id, filter.sql, (page - 1) * PAGE_SIZE, PAGE_SIZE),
      selection.balanceOfCases(audit, list.id),
      selection.draws(list.id),
    ]);
    const caseOf = new Map(made.made.map((m) => [m.candidate_id, m]));
    const values = options.values ?? {
      strata: [...DIMENSIONS],
      size: String(Math.min(6, list.row_count)),
      seed: crypto.randomBytes(4).toString('hex'),
    };
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const href = (p: number) => `?${new URLSearchParams({ ...filter.params, page: String(p) }).toString()}`;
    return reply.code(options.status ?? 200).view('cases/pages/candidate-list/view.njk', {
      pageTitle: `Choose cases from ${list.filename}`,
      audit,
      list,
      rows: rows.map((r) => candidateRowView(r, caseOf.get(r.id))),
      total,
      pagination:
        pages > 1
          ? {
              previous: page > 1 ? { href: href(page - 1) } : undefined,
              next: page < pages ? { href: href(page + 1) } : undefined,
              items: Array.from({ length: pages }, (_, i) => ({
                number: i + 1,
                href: href(i + 1),
                current: i + 1 === page,
              })).filter((p) => Math.abs(p.number - page) <= 3 || p.number === 1 || p.number === pages),
            }
          : undefined,
      filter: filter.view,
      made: made.made,
      balance: made.made.length ? balanceTables(made.balance) : undefined,
      draws: draws.map((d) => ({ ...d, strataText: strataText(d.strata) })),
      values,
      dimensionItems: dimensionItems(asArray(values.strata)),
      maxCases: MAX_CASES_AT_ONCE,
      errors: options.errors,
      backLink: `/audits/${audit.id}/candidates`,
    });
  }

  app.get<ListParams>('/audits/:auditId/candidates/lists/:listId', manage, async (request, reply) =>
    renderList(request, reply),
  );

  app.post<ListParams>('/audits/:auditId/candidates/lists/:listId/draws', manage, async (request, reply) => {
    const { audit, list } = await load(request);
    const values = formValues(request.body);
    const strata = asArray(values.strata);
    const size = String(values.size ?? '').trim();
    const seed = String(values.seed ?? '').trim();
    const errors: Record<string, { text: string }> = {};
    if (strata.some((s) => !isDimension(s))) errors.strata = { text: 'Select strata from the list' };
    if (!/^\d+$/.test(size) || Number(size) < 1)
      errors.size = { text: 'Enter the sample size as a whole number, like 6' };
    else if (Number(size) > Math.min(list.row_count, MAX_CASES_AT_ONCE)) {
      errors.size = {
        text:
          list.row_count <= MAX_CASES_AT_ONCE
            ? `The list has ${list.row_count} candidates: enter ${list.row_count} or fewer`
            : `Enter a sample size of ${MAX_CASES_AT_ONCE} or fewer`,
      };
    }
    if (!seed) errors.seed = { text: 'Enter a seed, or keep the one suggested' };
    else if (!/^[A-Za-z0-9 ._-]{1,64}$/.test(seed))
      errors.seed = { text: 'The seed must be up to 64 letters, numbers, spaces, dots, dashes or underscores' };
    if (Object.keys(errors).length)
      return renderList(request, reply, { values, errors: errorsFrom(errors), status: 400 });
    const drawId = await selection.draw(
      request.user!,
      audit,
      list.id,
      { dimensions: strata as Dimension[], size: Number(size), seed },
      actorOf(request),
    );
    return reply.redirect(`/audits/${audit.id}/candidates/lists/${list.id}/draws/${drawId}`, 303);
  });

  app.get<DrawParams>('/audits/:auditId/candidates/lists/:listId/draws/:drawId', manage, async (request, reply) => {
    const { audit, list } = await load(request);
    if (!isUuid(request.params.drawId)) throw new NotFound();
    const detail = await selection.drawDetail(audit, list.id, request.params.drawId);
    const made = new Map((await selection.balanceOfCases(audit, list.id)).made.map((m) => [m.candidate_id, m]));
    return reply.view('cases/pages/draw/view.njk', {
      pageTitle: `Sample drawn with seed ${detail.draw.seed}`,
      audit,
      list,
      draw: detail.draw,
      strataText: strataText(detail.draw.strata),
      reproduces: detail.reproduces,
      allocation: detail.strata.map((s) => ({
        text: stratumText(s.values),
        available: s.available,
        quota: s.quota.toFixed(2),
        allocated: s.allocated,
      })),
      chosen: detail.chosen.map((c) => candidateRowView(c, made.get(c.id))),
      newCount: detail.chosen.filter((c) => !made.has(c.id)).length,
      balance: balanceTables(detail.balance),
      backLink: `/audits/${audit.id}/candidates/lists/${list.id}`,
    });
  });

  app.post<ListParams>('/audits/:auditId/candidates/lists/:listId/cases', manage, async (request, reply) => {
    const { audit, list } = await load(request);
    const values = formValues(request.body);
    let ids = asArray(values.candidates).filter(isUuid);
    let reason = `Selected by hand from the candidate list ${list.filename}`;
    let drawId: string | undefined;
    if (typeof values.drawId === 'string' && values.drawId) {
      if (!isUuid(values.drawId)) throw new NotFound();
      const detail = await selection.drawDetail(audit, list.id, values.drawId);
      ids = detail.draw.candidate_ids;
      drawId = detail.draw.id;
      reason = `Stratified random sample (seed ${detail.draw.seed}) from the candidate list ${list.filename}`;
    }
    if (ids.length === 0)
      return renderList(request, reply, {
        errors: errorsFrom({ candidates: { text: 'Select at least one candidate' } }),
        status: 400,
      });
    if (ids.length > MAX_CASES_AT_ONCE)
      return renderList(request, reply, {
        errors: errorsFrom({ candidates: { text: `Select ${MAX_CASES_AT_ONCE} candidates or fewer at a time` } }),
        status: 400,
      });
    const result = await selection.createCases(
      request.user!,
      audit,
      list.id,
      ids,
      { reason, ...(drawId ? { drawId } : {}) },
      actorOf(request),
    );
    const count = result.created.length;
    request.session!.data.flash = {
      kind: 'success',
      heading: count
        ? `${count} ${count === 1 ? 'case' : 'cases'} added: ${result.created.map((c) => c.reference).join(', ')}`
        : 'No cases added',
      ...(result.skipped
        ? {
            text: `${result.skipped} of the candidates chosen ${result.skipped === 1 ? 'was' : 'were'} already a case in this audit.`,
          }
        : {}),
    };
    await services.auth.saveSessionData(request.session!);
    return reply.redirect(`/audits/${audit.id}/cases`, 303);
  });
}
