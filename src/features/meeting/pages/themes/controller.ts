import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import { NotFound } from '../../../../web/errors.ts';
import { errorsFrom, parseForm, singleError, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { isUuid } from '../../../audits/audit-access.ts';
import { changeThemeSchema, newThemeSchema } from './schema.ts';

type ThemeParams = { Params: { id: string } };

/** The partnership's learning themes: add one, rename one, or stop offering one. */
export function themesController({ learningThemes }: Services) {
  async function render(
    request: SignedInRequest,
    reply: FastifyReply,
    form: { values?: Record<string, unknown>; errors?: FormErrors; status?: number } = {},
  ) {
    const themes = await learningThemes.list(request.user);
    return reply.code(form.status ?? 200).view('meeting/pages/themes/view.njk', {
      pageTitle: 'Learning themes',
      themes,
      values: form.values ?? {},
      errors: form.errors,
    });
  }

  const get: Controller = (request, reply) => render(request, reply);

  const post: Controller = async (request, reply) => {
    const form = parseForm(newThemeSchema, request.body);
    if (!form.ok) return render(request, reply, { values: form.values, errors: form.errors, status: 400 });
    if ((await learningThemes.create(request.user, form.value.label, actorOf(request))) === 'duplicate')
      return render(request, reply, {
        values: form.values,
        errors: singleError('label', 'There is already a theme with this name'),
        status: 400,
      });
    return reply.redirect('/learning-themes', 303);
  };

  const change: Controller<ThemeParams> = async (request, reply) => {
    const { id } = request.params;
    if (!isUuid(id)) throw new NotFound();
    const form = parseForm(changeThemeSchema, request.body);
    if (!form.ok) {
      const errors = errorsFrom({ [`label-${id}`]: form.errors.fields.label ?? { text: '' } });
      return render(request, reply, { errors, status: 400 });
    }
    if (!(await learningThemes.change(request.user, { id, ...form.value }, actorOf(request)))) throw new NotFound();
    return reply.redirect('/learning-themes', 303);
  };

  return { get, post, change };
}
