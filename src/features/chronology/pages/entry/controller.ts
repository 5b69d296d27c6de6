import type { FastifyReply } from 'fastify';
import { formatChronologyDate } from '../../../../domain/chronology-dates.ts';
import { IMPACTS, type Scope } from '../../../../domain/chronology-entry.ts';
import { CHRONOLOGY_CATEGORIES } from '../../../../domain/discussion-points.ts';
import type { Services } from '../../../../services.ts';
import { parseForm, singleError, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';
import type { EntryRow } from '../../entry-row.ts';
import { entrySchema } from './schema.ts';

/** Adding an entry (no `entryId`) or changing one of the agency's own entries. */
type Params = { Params: { id: string; entryId?: string } };
type Return = { id: string; caseReference: string; agencyName: string };
type Form = { values: Record<string, unknown>; errors?: FormErrors; status?: number };

const LOCKED = 'The return has been submitted, so its chronology can no longer change';

const categoryItems = (selected?: string) => [
  { value: '', text: 'Select a category' },
  ...Object.entries(CHRONOLOGY_CATEGORIES).map(([value, text]) => ({ value, text, selected: value === selected })),
];

const valuesOf = (e: EntryRow) => ({
  date: formatChronologyDate(e),
  event: e.event,
  source: e.source,
  category: e.category,
  impact: e.impact,
  actionTaken: e.actionTaken,
  significant: e.significant ? 'yes' : '',
  version: String(e.version),
});

function staleMessage(entry: EntryRow): string {
  return (
    `Someone else changed this entry while you were editing. Theirs now reads: ${formatChronologyDate(entry)}, ` +
    `“${entry.event.slice(0, 200)}”. Your version is below: check it and save again`
  );
}

function render(reply: FastifyReply, r: Return, scope: Scope, entryId: string | undefined, form: Form) {
  const list = `/returns/${r.id}/chronology`;
  return reply.code(form.status ?? 200).view('chronology/pages/entry/view.njk', {
    pageTitle: entryId ? 'Change a chronology entry' : 'Add a chronology entry',
    r,
    scope,
    action: entryId ? `${list}/${entryId}` : list,
    values: form.values,
    categories: categoryItems(String((form.values.category as string | undefined) ?? '')),
    impacts: IMPACTS,
    errors: form.errors,
    backLink: list,
  });
}

export function entryController({ chronology }: Services) {
  const get: Controller<Params> = async (request, reply) => {
    const { id, entryId } = request.params;
    const { ctx, scope, entry } = await chronology.entryForm(request.user, id, entryId, actorOf(request));
    return render(reply, ctx.row, scope, entry?.id, { values: entry ? valuesOf(entry) : {} });
  };

  const post: Controller<Params> = async (request, reply) => {
    const { id, entryId } = request.params;
    const actor = actorOf(request);
    const { ctx, scope, entry } = await chronology.entryForm(request.user, id, entryId, actor);
    const form = parseForm(entrySchema(scope), request.body);
    const values = form.values;
    if (!form.ok) return render(reply, ctx.row, scope, entry?.id, { values, errors: form.errors, status: 400 });
    if (!entry) {
      const result = await chronology.add(request.user, id, form.value.entry, actor);
      if (result !== 'added') {
        const text = result === 'duplicate' ? 'Your agency’s chronology already has this entry' : LOCKED;
        return render(reply, ctx.row, scope, undefined, { values, errors: singleError('event', text), status: 409 });
      }
      if (form.value.another) return reply.redirect(`/returns/${id}/chronology/new`, 303);
      return reply.redirect(`/returns/${id}/chronology`, 303);
    }
    const change = { entryId: entry.id, version: form.value.version, entry: form.value.entry };
    const result = await chronology.update(request.user, id, change, actor);
    if (result !== 'updated') {
      const text =
        result === 'stale'
          ? staleMessage(entry)
          : result === 'duplicate'
            ? 'Your agency’s chronology already has an entry exactly like this'
            : LOCKED;
      return render(reply, ctx.row, scope, entry.id, {
        values: { ...values, version: String(entry.version) },
        errors: singleError('event', text),
        status: 409,
      });
    }
    return reply.redirect(`/returns/${id}/chronology`, 303);
  };

  return { get, post };
}
