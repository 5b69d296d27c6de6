import type { Services } from '../../../../services.ts';
import { parseForm } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';
import { showNewToken } from '../tokens/controller.ts';
import { tokenNameSchema } from './schema.ts';

/** Creating an API token: named, then shown once. */
export function newTokenController({ apiTokens }: Services) {
  const get: Controller = async (_request, reply) =>
    reply.view('account/pages/new-token/view.njk', { pageTitle: 'Create an API token', values: {} });

  const post: Controller = async (request, reply) => {
    const form = parseForm(tokenNameSchema, request.body);
    if (!form.ok)
      return reply.code(400).view('account/pages/new-token/view.njk', {
        pageTitle: 'Create an API token',
        values: form.values,
        errors: form.errors,
      });
    const { token } = await apiTokens.create(request.user.id, form.value.name, actorOf(request));
    return showNewToken(reply, token, form.value.name);
  };

  return { get, post };
}
