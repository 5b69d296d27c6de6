import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../services.ts';
import { sectionsForPage } from './briefing-routes.ts';
import { kindLabel } from './briefing-service.ts';

type Query = { Querystring: { q?: string; theme?: string; year?: string } };

/**
 * The practitioners' library: published briefings only, for everyone signed in; and, when the
 * partnership's setting allows it, the same library on a public page (otherwise 404).
 */
export function libraryRoutes(app: FastifyInstance, services: Services): void {
  const { briefings } = services;
  const publicPartnership = (partnershipId: string) => briefings.publicLibrary(partnershipId);

  async function list(
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

  async function item(
    reply: FastifyReply,
    partnershipId: string,
    briefingId: string,
    base: string,
    extra: Record<string, unknown>,
  ) {
    const b = await briefings.libraryItem(partnershipId, briefingId);
    return reply.view('briefings/pages/library-item/view.njk', {
      pageTitle: b.title,
      item: { ...b, kindLabel: kindLabel(b.kind) },
      sections: sectionsForPage(b.sections),
      base,
      backLink: base,
      ...extra,
    });
  }

  async function download(reply: FastifyReply, partnershipId: string, briefingId: string, ext: 'docx' | 'pdf') {
    const file = await briefings.libraryDocument(partnershipId, briefingId, ext);
    return reply
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .type(file.contentType)
      .send(file.body);
  }

  const signedIn = { config: { access: 'signed-in' as const } };
  app.get<Query>('/library', signedIn, async (request, reply) =>
    list(reply, request.user!.partnershipId, '/library', request.query, {}),
  );
  app.get<{ Params: { briefingId: string } }>('/library/:briefingId', signedIn, async (request, reply) =>
    item(reply, request.user!.partnershipId, request.params.briefingId, '/library', {}),
  );
  for (const ext of ['docx', 'pdf'] as const) {
    app.get<{ Params: { briefingId: string } }>(
      `/library/:briefingId/briefing.${ext}`,
      signedIn,
      async (request, reply) => download(reply, request.user!.partnershipId, request.params.briefingId, ext),
    );
  }

  const anyone = { config: { access: 'public' as const } };
  type PublicParams = { Params: { partnershipId: string; briefingId: string } };
  app.get<{ Params: { partnershipId: string } } & Query>(
    '/partnerships/:partnershipId/library',
    anyone,
    async (request, reply) => {
      const p = await publicPartnership(request.params.partnershipId);
      return list(reply, p.id, `/partnerships/${p.id}/library`, request.query, { publicName: p.name });
    },
  );
  app.get<PublicParams>('/partnerships/:partnershipId/library/:briefingId', anyone, async (request, reply) => {
    const p = await publicPartnership(request.params.partnershipId);
    return item(reply, p.id, request.params.briefingId, `/partnerships/${p.id}/library`, { publicName: p.name });
  });
  for (const ext of ['docx', 'pdf'] as const) {
    app.get<PublicParams>(
      `/partnerships/:partnershipId/library/:briefingId/briefing.${ext}`,
      anyone,
      async (request, reply) => {
        const p = await publicPartnership(request.params.partnershipId);
        return download(reply, p.id, request.params.briefingId, ext);
      },
    );
  }
}
