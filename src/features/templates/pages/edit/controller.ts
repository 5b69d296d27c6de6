import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import type { FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';
import type { TemplateProblem } from '../../template-service.ts';
import { loadTemplate } from '../show/controller.ts';
import { templateFormSchema } from './schema.ts';

type Params = { Params: { id: string }; Querystring: Record<string, unknown> };

/** Turns a template problem into GOV.UK errors on the JSON field, one summary line per path. */
function problemErrors(problem: TemplateProblem, field = 'content'): FormErrors {
  const messages =
    problem.kind === 'invalid'
      ? problem.problems
      : problem.kind === 'name-taken'
        ? ['A template with this name already exists: change "name" in the JSON']
        : problem.kind === 'stale'
          ? [
              `Someone else saved version ${problem.latest} while you were editing. ` +
                'Your text is below: copy your changes, then edit the latest version',
            ]
          : ['The JSON is the same as the latest version: change something, or go back'];
  return {
    list: messages.map((text) => ({ text, href: `#${field}` })),
    fields: { [field]: { text: messages[0] ?? '' } },
  };
}

function renderEdit(reply: FastifyReply, context: Record<string, unknown>) {
  return reply.view('templates/pages/edit/view.njk', { backLink: '/templates', ...context });
}

const IMPORT = { pageTitle: 'Import an audit tool', action: '/templates' };

/** Importing a new audit tool from its JSON. */
export function importTemplateController({ templates }: Services) {
  const get: Controller = async (_request, reply) => renderEdit(reply, { ...IMPORT, content: '' });

  const post: Controller = async (request, reply) => {
    const { content } = templateFormSchema.parse(request.body ?? {});
    const result = await templates.importTemplate(request.user, content, actorOf(request));
    if (!result.ok) return renderEdit(reply.code(400), { ...IMPORT, content, errors: problemErrors(result.problem) });
    return reply.redirect(`/templates/${result.value.id}`, 303);
  };

  return { get, post };
}

/** Editing an audit tool as a new version; the versions before it stay as they were. */
export function editTemplateController(services: Services) {
  const get: Controller<Params> = async (request, reply) => {
    const shown = await loadTemplate(services, request, false);
    return renderEdit(reply, {
      pageTitle: `Edit ${shown.version.content.name}`,
      action: `/templates/${shown.template.id}/versions`,
      content: JSON.stringify(shown.version.content, null, 2),
      basedOn: shown.version.versionNumber,
      template: shown.template,
    });
  };

  const post: Controller<Params> = async (request, reply) => {
    const shown = await loadTemplate(services, request, false);
    const { content, basedOn } = templateFormSchema.parse(request.body ?? {});
    const id = shown.template.id;
    const result = await services.templates.saveNewVersion(request.user, id, content, basedOn, actorOf(request));
    if (!result.ok) {
      return renderEdit(reply.code(result.problem.kind === 'stale' ? 409 : 400), {
        pageTitle: `Edit ${shown.version.content.name}`,
        action: `/templates/${id}/versions`,
        content,
        basedOn,
        template: shown.template,
        errors: problemErrors(result.problem),
      });
    }
    await reply.flash({
      kind: 'success',
      heading: `Version ${result.value.versionNumber} saved`,
      text: 'Audits already using an earlier version keep it.',
    });
    return reply.redirect(`/templates/${id}`, 303);
  };

  return { get, post };
}
