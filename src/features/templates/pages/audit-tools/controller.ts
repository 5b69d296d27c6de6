import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import { parseForm, singleError, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { auditToolsSchema } from './schema.ts';

type Params = { Params: { auditId: string } };

const STARTED = 'Agencies have started their returns, so the audit’s tools can no longer change';

/** Choosing the audit tools agencies answer; fixed once any return has started. */
export function auditToolsController({ templates }: Services) {
  async function render(
    request: SignedInRequest<Params>,
    reply: FastifyReply,
    form: { chosen?: string[]; errors?: FormErrors } = {},
  ) {
    const page = await templates.toolsPage(request.user, request.params.auditId);
    return reply.code(form.errors ? 400 : 200).view('templates/pages/audit-tools/view.njk', {
      pageTitle: 'Choose the audit tools',
      audit: page.audit,
      templates: page.templates,
      chosen: form.chosen ?? page.chosen,
      errors: form.errors,
      backLink: `/audits/${page.audit.id}`,
    });
  }

  const get: Controller<Params> = (request, reply) => render(request, reply);

  const post: Controller<Params> = async (request, reply) => {
    const { audit } = await templates.toolsPage(request.user, request.params.auditId);
    const form = parseForm(auditToolsSchema, request.body);
    if (!form.ok) return render(request, reply, { chosen: [], errors: form.errors });
    const chosen = form.value.templates;
    const result = await templates.setAuditTools(request.user, audit.id, chosen, actorOf(request));
    if (!result.ok) {
      const text = result.problem === 'started' ? STARTED : 'Select audit tools from the list';
      return render(request, reply, { chosen, errors: singleError('templates', text) });
    }
    await reply.flash({ kind: 'success', heading: 'Audit tools chosen' });
    return reply.redirect(`/audits/${audit.id}`, 303);
  };

  return { get, post };
}
