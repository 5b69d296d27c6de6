import type { FastifyReply } from 'fastify';
import { PLACEHOLDERS, type TemplateSection } from '../../../../domain/briefing-template.ts';
import type { Services } from '../../../../services.ts';
import { errorsFrom, parseForm, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { postedText } from '../posted.ts';
import { MAX_SECTIONS, readSections, STALE_TEMPLATE, templateSchema } from './schema.ts';

type Params = { Params: { templateId: string } };
type Form = { sections: TemplateSection[]; version: string; errors?: FormErrors; status?: number };

/** Changing one of the partnership's briefing templates. */
export function templateController({ briefingTemplates }: Services) {
  async function render(request: SignedInRequest<Params>, reply: FastifyReply, form?: Form) {
    const template = await briefingTemplates.find(request.user.partnershipId, request.params.templateId);
    const values = form ?? { sections: template.sections, version: String(template.version) };
    const rows = [...values.sections, { heading: '', body: '' }].slice(0, MAX_SECTIONS);
    return reply.code(form?.status ?? 200).view('briefings/pages/template/view.njk', {
      pageTitle: `Change the ${template.name} template`,
      template,
      rows,
      version: values.version,
      placeholders: Object.entries(PLACEHOLDERS).map(([name, p]) => ({ name, description: p.description })),
      errors: form?.errors,
      backLink: '/briefing-templates',
    });
  }

  const get: Controller<Params> = (request, reply) => render(request, reply);

  const post: Controller<Params> = async (request, reply) => {
    const template = await briefingTemplates.find(request.user.partnershipId, request.params.templateId);
    const form = parseForm(templateSchema, request.body);
    if (!form.ok) {
      const values = { sections: readSections(form.values), version: postedText(form.values.version) };
      return render(request, reply, { ...values, errors: form.errors, status: 400 });
    }
    const { sections, version } = form.value;
    const result = await briefingTemplates.save(
      template.partnership_id,
      template.id,
      sections,
      Number(version) || 0,
      actorOf(request),
    );
    if (result.kind === 'invalid') {
      const fields: Record<string, { text: string }> = {};
      for (const p of result.problems) fields[`body-${p.sectionIndex}`] ??= { text: p.message };
      return render(request, reply, { sections, version, errors: errorsFrom(fields), status: 400 });
    }
    if (result.kind === 'stale') {
      const latest = await briefingTemplates.find(template.partnership_id, template.id);
      const errors = errorsFrom({ 'heading-0': { text: STALE_TEMPLATE } });
      return render(request, reply, { sections, version: String(latest.version), errors, status: 409 });
    }
    await reply.flash({ kind: 'success', heading: `${template.name} template saved` });
    return reply.redirect('/briefing-templates', 303);
  };

  return { get, post };
}
