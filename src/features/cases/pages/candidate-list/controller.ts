import crypto from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { DIMENSIONS } from '../../../../domain/sampling.ts';
import type { Services } from '../../../../services.ts';
import { asArray, parseForm, singleError, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { MAX_CASES_AT_ONCE } from '../../selection-service.ts';
import {
  balanceTables,
  candidateFilters,
  candidateRowView,
  dimensionItems,
  PAGE_SIZE,
  strataText,
  type ListQuery,
} from '../../selection-view-model.ts';
import { drawSchema, makeCasesSchema } from './schema.ts';

type ListParams = { Params: { auditId: string; listId: string }; Querystring: ListQuery };
type Form = { values?: Record<string, string | string[]>; errors?: FormErrors; status?: number };

function pagination(page: number, pages: number, href: (page: number) => string) {
  if (pages <= 1) return undefined;
  return {
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pages ? { href: href(page + 1) } : undefined,
    items: Array.from({ length: pages }, (_, i) => ({
      number: i + 1,
      href: href(i + 1),
      current: i + 1 === page,
    })).filter((p) => Math.abs(p.number - page) <= 3 || p.number === 1 || p.number === pages),
  };
}

function casesAdded(result: { created: { reference: string }[]; skipped: number }) {
  const count = result.created.length;
  const already = result.skipped === 1 ? 'was' : 'were';
  return {
    heading: count
      ? `${count} ${count === 1 ? 'case' : 'cases'} added: ${result.created.map((c) => c.reference).join(', ')}`
      : 'No cases added',
    ...(result.skipped
      ? { text: `${result.skipped} of the candidates chosen ${already} already a case in this audit.` }
      : {}),
  };
}

/** A candidate list: filter and pick by hand, or draw a stratified sample; then make cases. */
export function candidateListController({ audits, selection }: Services) {
  async function render(request: SignedInRequest<ListParams>, reply: FastifyReply, form: Form = {}) {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    const query = request.query ?? {};
    const page = Math.max(1, Math.floor(Number(query.page)) || 1);
    const filter = candidateFilters(query);
    const offset = (page - 1) * PAGE_SIZE;
    const found = await selection.listPage(audit, request.params.listId, filter.sql, offset, PAGE_SIZE);
    const { list, rows, total, made, draws } = found;
    const caseOf = new Map(made.made.map((m) => [m.candidate_id, m]));
    const values = form.values ?? {
      strata: [...DIMENSIONS],
      size: String(Math.min(6, list.row_count)),
      seed: crypto.randomBytes(4).toString('hex'),
    };
    const href = (p: number) => `?${new URLSearchParams({ ...filter.params, page: String(p) }).toString()}`;
    return reply.code(form.status ?? 200).view('cases/pages/candidate-list/view.njk', {
      pageTitle: `Choose cases from ${list.filename}`,
      audit,
      list,
      rows: rows.map((r) => candidateRowView(r, caseOf.get(r.id))),
      total,
      pagination: pagination(page, Math.max(1, Math.ceil(total / PAGE_SIZE)), href),
      filter: filter.view,
      made: made.made,
      balance: made.made.length ? balanceTables(made.balance) : undefined,
      draws: draws.map((d) => ({ ...d, strataText: strataText(d.strata) })),
      values,
      dimensionItems: dimensionItems(asArray(values.strata)),
      maxCases: MAX_CASES_AT_ONCE,
      errors: form.errors,
      backLink: `/audits/${audit.id}/candidates`,
    });
  }

  const get: Controller<ListParams> = (request, reply) => render(request, reply);

  /** Drawing a stratified sample: recorded with its seed, then shown. */
  const draw: Controller<ListParams> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    const list = await selection.list(audit, request.params.listId);
    const form = parseForm(drawSchema(list.row_count), request.body);
    if (!form.ok) return render(request, reply, { values: form.values, errors: form.errors, status: 400 });
    const drawId = await selection.draw(request.user, audit, list.id, form.value, actorOf(request));
    return reply.redirect(`/audits/${audit.id}/candidates/lists/${list.id}/draws/${drawId}`, 303);
  };

  /** Making cases from the candidates ticked, or from a draw's. */
  const post: Controller<ListParams> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    const list = await selection.list(audit, request.params.listId);
    const form = parseForm(makeCasesSchema, request.body);
    let ids = form.ok ? form.value.candidates : [];
    let reason = `Selected by hand from the candidate list ${list.filename}`;
    let drawId: string | undefined;
    if (form.ok && form.value.drawId) {
      const detail = await selection.drawDetail(audit, list.id, form.value.drawId);
      ids = detail.draw.candidate_ids;
      drawId = detail.draw.id;
      reason = `Stratified random sample (seed ${detail.draw.seed}) from the candidate list ${list.filename}`;
    }
    const refuse = (text: string) => render(request, reply, { errors: singleError('candidates', text), status: 400 });
    if (ids.length === 0) return refuse('Select at least one candidate');
    if (ids.length > MAX_CASES_AT_ONCE) return refuse(`Select ${MAX_CASES_AT_ONCE} candidates or fewer at a time`);
    const chosen = { reason, ...(drawId ? { drawId } : {}) };
    const result = await selection.createCases(request.user, audit, list.id, ids, chosen, actorOf(request));
    await reply.flash({ kind: 'success', ...casesAdded(result) });
    return reply.redirect(`/audits/${audit.id}/cases`, 303);
  };

  return { get, post, draw };
}
