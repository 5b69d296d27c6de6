import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatChronologyDate } from '../../domain/chronology-dates.ts';
import { checkEntry, IMPACTS } from '../../domain/chronology-entry.ts';
import { CHRONOLOGY_CATEGORIES } from '../../domain/discussion-points.ts';
import type { Services } from '../../services.ts';
import { errorsFrom, formValues } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import type { EntryRow } from './chronology-repository.ts';

type Params = { Params: { id: string } };
type EntryParams = { Params: { id: string; entryId: string } };

export const categoryItems = (selected?: string) => [
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

/** A single agency's chronology for a case, kept as part of its return. */
export async function chronologyEntryRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { chronology } = services;

  app.get<Params>('/returns/:id/chronology', { config: { access: 'return:read' } }, async (request, reply) => {
    const view = await chronology.list(request.user!, request.params.id, actorOf(request));
    return reply.view('chronology/pages/agency/view.njk', {
      pageTitle: `${view.ctx.row.agencyName} chronology for ${view.ctx.row.caseReference}`,
      r: view.ctx.row,
      entries: view.entries.map((e) => ({
        ...e,
        when: formatChronologyDate(e),
        categoryLabel: CHRONOLOGY_CATEGORIES[e.category],
      })),
      canEdit: view.canEdit,
      impacts: IMPACTS,
      backLink: `/returns/${view.ctx.row.id}`,
    });
  });

  async function renderForm(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    options: { entryId?: string; values: Record<string, unknown>; errors?: unknown; status?: number },
  ) {
    const { ctx, scope } = await chronology.forReturn(request.user!, request.params.id, actorOf(request), true);
    return reply.code(options.status ?? 200).view('chronology/pages/entry/view.njk', {
      pageTitle: options.entryId ? 'Change a chronology entry' : 'Add a chronology entry',
      r: ctx.row,
      scope,
      action: options.entryId
        ? `/returns/${ctx.row.id}/chronology/${options.entryId}`
        : `/returns/${ctx.row.id}/chronology`,
      values: options.values,
      categories: categoryItems(String(options.values.category ?? '')),
      impacts: IMPACTS,
      errors: options.errors,
      backLink: `/returns/${ctx.row.id}/chronology`,
    });
  }

  const fieldErrors = (errors: Record<string, string>) =>
    errorsFrom(Object.fromEntries(Object.entries(errors).map(([k, text]) => [k, { text }])));

  app.get<Params>('/returns/:id/chronology/new', { config: { access: 'return:edit' } }, async (request, reply) =>
    renderForm(request, reply, { values: {} }),
  );

  app.post<Params>('/returns/:id/chronology', { config: { access: 'return:edit' } }, async (request, reply) => {
    const values = formValues(request.body) as Record<string, string>;
    const { scope } = await chronology.forReturn(request.user!, request.params.id, actorOf(request), true);
    const checked = checkEntry(values as never, scope);
    if (!checked.ok) return renderForm(request, reply, { values, errors: fieldErrors(checked.errors), status: 400 });
    const result = await chronology.add(request.user!, request.params.id, checked.entry, actorOf(request));
    if (result !== 'added') {
      const text =
        result === 'duplicate'
          ? 'Your agency’s chronology already has this entry'
          : 'The return has been submitted, so its chronology can no longer change';
      return renderForm(request, reply, { values, errors: fieldErrors({ event: text }), status: 409 });
    }
    if (values.another === 'yes') return reply.redirect(`/returns/${request.params.id}/chronology/new`, 303);
    return reply.redirect(`/returns/${request.params.id}/chronology`, 303);
  });

  app.get<EntryParams>(
    '/returns/:id/chronology/:entryId',
    { config: { access: 'return:edit' } },
    async (request, reply) => {
      const { entry } = await chronology.entry(
        request.user!,
        request.params.id,
        request.params.entryId,
        actorOf(request),
      );
      return renderForm(request, reply, { entryId: entry.id, values: valuesOf(entry) });
    },
  );

  app.post<EntryParams>(
    '/returns/:id/chronology/:entryId',
    { config: { access: 'return:edit' } },
    async (request, reply) => {
      const values = formValues(request.body) as Record<string, string>;
      const { entry } = await chronology.entry(
        request.user!,
        request.params.id,
        request.params.entryId,
        actorOf(request),
      );
      const { scope } = await chronology.forReturn(request.user!, request.params.id, actorOf(request), true);
      const checked = checkEntry(values as never, scope);
      if (!checked.ok)
        return renderForm(request, reply, {
          entryId: entry.id,
          values,
          errors: fieldErrors(checked.errors),
          status: 400,
        });
      const result = await chronology.update(
        request.user!,
        request.params.id,
        entry.id,
        Number(values.version),
        checked.entry,
        actorOf(request),
      );
      if (result !== 'updated') {
        const text =
          result === 'stale'
            ? `Someone else changed this entry while you were editing. Theirs now reads: ${formatChronologyDate(entry)}, “${entry.event.slice(0, 200)}”. Your version is below: check it and save again`
            : result === 'duplicate'
              ? 'Your agency’s chronology already has an entry exactly like this'
              : 'The return has been submitted, so its chronology can no longer change';
        return renderForm(request, reply, {
          entryId: entry.id,
          values: { ...values, version: String(entry.version) },
          errors: fieldErrors({ event: text }),
          status: 409,
        });
      }
      return reply.redirect(`/returns/${request.params.id}/chronology`, 303);
    },
  );

  app.get<EntryParams>(
    '/returns/:id/chronology/:entryId/delete',
    { config: { access: 'return:edit' } },
    async (request, reply) => {
      const { ctx, entry } = await chronology.entry(
        request.user!,
        request.params.id,
        request.params.entryId,
        actorOf(request),
      );
      return reply.view('chronology/pages/delete/view.njk', {
        pageTitle: 'Delete this entry?',
        r: ctx.row,
        entry: { ...entry, when: formatChronologyDate(entry) },
        backLink: `/returns/${ctx.row.id}/chronology`,
      });
    },
  );

  app.post<EntryParams>(
    '/returns/:id/chronology/:entryId/delete',
    { config: { access: 'return:edit' } },
    async (request, reply) => {
      await chronology.entry(request.user!, request.params.id, request.params.entryId, actorOf(request));
      await chronology.remove(request.user!, request.params.id, request.params.entryId, actorOf(request));
      return reply.redirect(`/returns/${request.params.id}/chronology`, 303);
    },
  );
}
