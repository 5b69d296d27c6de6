import type { Services } from '../../../../services.ts';
import { NotFound } from '../../../../web/errors.ts';
import { parseForm } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';
import { themeTaken } from '../themes/controller.ts';
import { themeLabelSchema } from '../themes/schema.ts';

type Params = { Params: { themeId: string } };

/** Renaming one of the partnership's audit themes. */
export function themeEditController({ audits }: Services) {
  const { themes } = audits;

  const get: Controller<Params> = async (request, reply) => {
    const theme = await themes.find(request.user, request.params.themeId);
    return reply.view('audits/pages/theme-edit/view.njk', {
      pageTitle: `Rename ${theme.label}`,
      theme,
      label: theme.label,
      backLink: '/audits/themes',
    });
  };

  const post: Controller<Params> = async (request, reply) => {
    const theme = await themes.find(request.user, request.params.themeId);
    const form = parseForm(themeLabelSchema, request.body);
    const show = (label: string, errors: unknown) =>
      reply.code(400).view('audits/pages/theme-edit/view.njk', {
        pageTitle: `Rename ${theme.label}`,
        theme,
        label,
        errors,
        backLink: '/audits/themes',
      });
    if (!form.ok) return show(String(form.values.label ?? ''), form.errors);
    const { label } = form.value;
    const outcome = await themes.rename(request.user, theme, label, actorOf(request));
    if (outcome === 'missing') throw new NotFound();
    if (outcome === 'taken') return show(label, themeTaken(label));
    await reply.flash({ kind: 'success', heading: `Theme renamed to ‘${label}’` });
    return reply.redirect('/audits/themes', 303);
  };

  return { get, post };
}
