import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import type { Controller, PublicController } from '../../../../web/route-table.ts';

type Query = { Querystring: { q?: string; theme?: string; year?: string } };
type PublicParams = { Params: { partnershipId: string } } & Query;

/**
 * The practitioners' library: published briefings only, for everyone signed in; and, when the
 * partnership's setting allows it, the same library on a public page (otherwise 404).
 */
export function libraryController({ briefings }: Services) {
  async function render(
    reply: FastifyReply,
    partnershipId: string,
    base: string,
    query: Query['Querystring'],
    extra: Record<string, unknown>,
  ) {
    const filter = {
      q: String(query.q ?? '').slice(0, 200),
      theme: String(query.theme ?? '').slice(0, 200),
      year: String(query.year ?? '').slice(0, 4),
    };
    const found = await briefings.library(partnershipId, filter);
    return reply.view('briefings/pages/library/view.njk', {
      pageTitle: 'Briefings library',
      base,
      filter,
      items: found.items,
      themeItems: [
        { value: '', text: 'All themes' },
        ...found.themes.map((t) => ({ value: t, text: t, selected: t === filter.theme })),
      ],
      yearItems: [
        { value: '', text: 'All years' },
        ...found.years.map((y) => ({ value: y, text: y, selected: y === filter.year })),
      ],
      ...extra,
    });
  }

  const get: Controller<Query> = (request, reply) =>
    render(reply, request.user.partnershipId, '/library', request.query, {});

  const publicGet: PublicController<PublicParams> = async (request, reply) => {
    const p = await briefings.publicLibrary(request.params.partnershipId);
    return render(reply, p.id, `/partnerships/${p.id}/library`, request.query, { publicName: p.name });
  };

  return { get, publicGet };
}
