import type { Services } from '../../../../services.ts';
import { NotFound } from '../../../../web/errors.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { templateParams, versionQuery } from './schema.ts';

type Params = { Params: { id: string }; Querystring: Record<string, unknown> };

/** The template, at the asked version or its latest; anything that names nothing is a 404. */
export async function loadTemplate({ templates }: Services, request: SignedInRequest<Params>, withVersion = true) {
  const params = templateParams.safeParse(request.params);
  const query = versionQuery.safeParse(withVersion ? (request.query ?? {}) : {});
  if (!params.success || !query.success) throw new NotFound();
  const shown = await templates.show(request.user, params.data.id, query.data.version);
  if (!shown) throw new NotFound();
  return shown;
}

/** One audit tool, its questions and its versions; and the download of a version as JSON. */
export function templateController(services: Services) {
  const get: Controller<Params> = async (request, reply) => {
    const shown = await loadTemplate(services, request);
    return reply.view('templates/pages/show/view.njk', { pageTitle: shown.version.content.name, ...shown });
  };

  const download: Controller<Params> = async (request, reply) => {
    const shown = await loadTemplate(services, request);
    const name = shown.version.content.name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
    const filename = `${name}-v${shown.version.versionNumber}.json`;
    return reply
      .header('content-disposition', `attachment; filename="${filename}"`)
      .type('application/json')
      .send(JSON.stringify(shown.version.content, null, 2));
  };

  return { get, download };
}
