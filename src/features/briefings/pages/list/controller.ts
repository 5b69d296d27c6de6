import type { FastifyReply } from 'fastify';
import { can } from '../../../../domain/authorisation.ts';
import type { Services } from '../../../../services.ts';
import { errorsFrom, parseForm, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { kindLabel } from '../../briefing-service.ts';
import { NO_TEMPLATE, newBriefingSchema } from './schema.ts';

type Params = { Params: { auditId: string } };
type Audit = Awaited<ReturnType<Services['briefings']['load']>>;
type Template = Awaited<ReturnType<Services['briefingTemplates']['list']>>[number];

/** An audit's practitioner briefings; an editor starts a new one from a template here. */
export function briefingListController({ briefings, briefingTemplates }: Services) {
  async function render(
    request: SignedInRequest<Params>,
    reply: FastifyReply,
    audit: Audit,
    page: { canEdit: boolean; templates: Template[]; errors?: FormErrors; status?: number },
  ) {
    const items = await briefings.list(audit);
    return reply.code(page.status ?? 200).view('briefings/pages/list/view.njk', {
      pageTitle: 'Practitioner briefings',
      audit,
      items: items.map((b) => ({ ...b, kindLabel: kindLabel(b.kind) })),
      canEdit: page.canEdit,
      canManageTemplates: can(request.user, 'briefing-template:manage'),
      templateItems: page.templates.map((t) => ({ value: t.id, text: t.name, hint: { text: t.description } })),
      errors: page.errors,
      backLink: `/audits/${audit.id}`,
    });
  }

  const get: Controller<Params> = async (request, reply) => {
    const audit = await briefings.load(request.user, request.params.auditId, 'briefing:read');
    const canEdit = can(request.user, 'briefing:edit', audit.resource);
    const templates = canEdit ? await briefingTemplates.list(audit.partnershipId) : [];
    return render(request, reply, audit, { canEdit, templates });
  };

  const post: Controller<Params> = async (request, reply) => {
    const audit = await briefings.load(request.user, request.params.auditId, 'briefing:edit');
    const form = parseForm(newBriefingSchema, request.body);
    const templateId = form.ok ? form.value.template : '';
    const templates = await briefingTemplates.list(audit.partnershipId);
    if (!templates.some((t) => t.id === templateId)) {
      const errors = errorsFrom({ template: { text: NO_TEMPLATE } });
      return render(request, reply, audit, { canEdit: true, templates, errors, status: 400 });
    }
    const id = await briefings.generate(request.user, audit, templateId, actorOf(request));
    return reply.redirect(`/audits/${audit.id}/briefings/${id}`, 303);
  };

  return { get, post };
}
