import { formatChronologyDate } from '../../../../domain/chronology-dates.ts';
import type { Services } from '../../../../services.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';

type Params = { Params: { id: string; entryId: string } };

/** Asks before deleting one of the agency's chronology entries. */
export function deleteEntryController({ chronology }: Services) {
  const get: Controller<Params> = async (request, reply) => {
    const { id, entryId } = request.params;
    const { ctx, entry } = await chronology.entry(request.user, id, entryId, actorOf(request));
    return reply.view('chronology/pages/delete/view.njk', {
      pageTitle: 'Delete this entry?',
      r: ctx.row,
      entry: { ...entry, when: formatChronologyDate(entry) },
      backLink: `/returns/${ctx.row.id}/chronology`,
    });
  };

  const post: Controller<Params> = async (request, reply) => {
    const { id, entryId } = request.params;
    await chronology.remove(request.user, id, entryId, actorOf(request));
    return reply.redirect(`/returns/${id}/chronology`, 303);
  };

  return { get, post };
}
