import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PLACEHOLDERS, type TemplateSection } from '../../domain/briefing-template.ts';
import type { Services } from '../../services.ts';
import { errorsFrom, formValues } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import { kindLabel } from './briefing-service.ts';

type Params = { Params: { templateId: string } };
const MAX_SECTIONS = 20;

/** Reads the posted sections; a section left with neither heading nor text is dropped. */
function readSections(body: Record<string, string | string[]>): {
  sections: TemplateSection[];
  errors: Record<string, { text: string }>;
} {
  const sections: TemplateSection[] = [];
  const errors: Record<string, { text: string }> = {};
  for (let i = 0; i < MAX_SECTIONS; i++) {
    const heading = String(body[`heading-${i}`] ?? '').trim();
    const text = String(body[`body-${i}`] ?? '')
      .replace(/\r\n/g, '\n')
      .trim();
    if (!heading && !text) continue;
    if (heading.length > 300)
      errors[`heading-${i}`] = { text: `The heading of section ${i + 1} must be 300 characters or fewer` };
    if (text.length > 20_000)
      errors[`body-${i}`] = { text: `The text of section ${i + 1} must be 20,000 characters or fewer` };
    sections.push({ heading, body: text });
  }
  if (sections.length === 0) errors['heading-0'] = { text: 'Enter at least one section' };
  return { sections, errors };
}

export function briefingTemplateRoutes(app: FastifyInstance, services: Services): void {
  const { briefingTemplates } = services;
  const access = { config: { access: 'briefing-template:manage' as const } };

  app.get('/briefing-templates', access, async (request, reply) => {
    const templates = await briefingTemplates.list(request.user!.partnershipId);
    return reply.view('briefings/pages/templates/view.njk', {
      pageTitle: 'Briefing templates',
      templates: templates.map((t) => ({ ...t, kindLabel: kindLabel(t.kind) })),
    });
  });

  async function renderForm(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    values: { sections: TemplateSection[]; version: string },
    errors?: unknown,
    status = 200,
  ) {
    const template = await briefingTemplates.find(request.user!.partnershipId, request.params.templateId);
    const rows = [...values.sections, { heading: '', body: '' }].slice(0, MAX_SECTIONS);
    return reply.code(status).view('briefings/pages/template/view.njk', {
      pageTitle: `Change the ${template.name} template`,
      template,
      rows,
      version: values.version,
      placeholders: Object.entries(PLACEHOLDERS).map(([name, p]) => ({ name, description: p.description })),
      errors,
      backLink: '/briefing-templates',
    });
  }

  app.get<Params>('/briefing-templates/:templateId', access, async (request, reply) => {
    const template = await briefingTemplates.find(request.user!.partnershipId, request.params.templateId);
    return renderForm(request, reply, { sections: template.sections, version: String(template.version) });
  });

  app.post<Params>('/briefing-templates/:templateId', access, async (request, reply) => {
    const template = await briefingTemplates.find(request.user!.partnershipId, request.params.templateId);
    const body = formValues(request.body);
    const { sections, errors } = readSections(body);
    const version = String(body.version ?? '');
    if (Object.keys(errors).length) return renderForm(request, reply, { sections, version }, errorsFrom(errors), 400);
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
      return renderForm(request, reply, { sections, version }, errorsFrom(fields), 400);
    }
    if (result.kind === 'stale') {
      const latest = await briefingTemplates.find(template.partnership_id, template.id);
      return renderForm(
        request,
        reply,
        { sections, version: String(latest.version) },
        errorsFrom({
          'heading-0': {
            text: 'Someone else changed this template while you were editing. Your version is below: check it against theirs and save again',
          },
        }),
        409,
      );
    }
    request.session!.data.flash = { kind: 'success', heading: `${template.name} template saved` };
    await services.auth.saveSessionData(request.session!);
    return reply.redirect('/briefing-templates', 303);
  });
}
