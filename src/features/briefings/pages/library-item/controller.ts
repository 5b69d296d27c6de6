import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import type { Controller, PublicController } from '../../../../web/route-table.ts';
import { kindLabel } from '../../briefing-service.ts';
import { sectionsForPage } from '../briefing/blocked.ts';

type Params = { Params: { briefingId: string } };
type PublicParams = { Params: { partnershipId: string; briefingId: string } };
type Format = 'docx' | 'pdf';

/** One published briefing in the library, to read or download; on the public library too when allowed. */
export function libraryItemController({ briefings }: Services) {
  async function render(reply: FastifyReply, partnershipId: string, briefingId: string, base: string, extra = {}) {
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

  async function send(reply: FastifyReply, partnershipId: string, briefingId: string, format: Format) {
    const file = await briefings.libraryDocument(partnershipId, briefingId, format);
    return reply
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .type(file.contentType)
      .send(file.body);
  }

  const get: Controller<Params> = (request, reply) =>
    render(reply, request.user.partnershipId, request.params.briefingId, '/library');

  const download =
    (format: Format): Controller<Params> =>
    (request, reply) =>
      send(reply, request.user.partnershipId, request.params.briefingId, format);

  const publicGet: PublicController<PublicParams> = async (request, reply) => {
    const p = await briefings.publicLibrary(request.params.partnershipId);
    return render(reply, p.id, request.params.briefingId, `/partnerships/${p.id}/library`, { publicName: p.name });
  };

  const publicDownload =
    (format: Format): PublicController<PublicParams> =>
    async (request, reply) => {
      const p = await briefings.publicLibrary(request.params.partnershipId);
      return send(reply, p.id, request.params.briefingId, format);
    };

  return { get, download, publicGet, publicDownload };
}
