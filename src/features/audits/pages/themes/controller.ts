import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import { parseForm, singleError, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { themeActiveSchema, themeLabelSchema } from './schema.ts';

type Params = { Params: { themeId: string } };

export const themeTaken = (label: string) => singleError('label', `There is already a theme called ‘${label}’`);

/** The partnership's managed list of audit themes: add, stop and start using. */
export function themesController({ audits }: Services) {
  const { themes } = audits;

  async function render(request: SignedInRequest, reply: FastifyReply, form: { label?: string; errors?: FormErrors }) {
    return reply.code(form.errors ? 400 : 200).view('audits/pages/themes/view.njk', {
      pageTitle: 'Audit themes',
      themes: await themes.withUsage(request.user),
      label: form.label ?? '',
      errors: form.errors,
      backLink: '/audits',
    });
  }

  const get: Controller = (request, reply) => render(request, reply, {});

  const post: Controller = async (request, reply) => {
    const form = parseForm(themeLabelSchema, request.body);
    if (!form.ok) return render(request, reply, { label: String(form.values.label ?? ''), errors: form.errors });
    const { label } = form.value;
    if (!(await themes.add(request.user, label, actorOf(request))))
      return render(request, reply, { label, errors: themeTaken(label) });
    await reply.flash({ kind: 'success', heading: `Theme ‘${label}’ added` });
    return reply.redirect('/audits/themes', 303);
  };

  /** Stop offering a theme for new audits, or offer it again. */
  const setActive: Controller<Params> = async (request, reply) => {
    const theme = await themes.find(request.user, request.params.themeId);
    const { active } = themeActiveSchema.parse(request.body ?? {});
    await themes.setActive(request.user, theme, active, actorOf(request));
    await reply.flash({
      kind: 'success',
      heading: active
        ? `‘${theme.label}’ can be chosen again`
        : `‘${theme.label}’ will no longer be offered for new audits`,
    });
    return reply.redirect('/audits/themes', 303);
  };

  return { get, post, setActive };
}
