import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.ts';
import { NotFound } from '../../web/errors.ts';
import { asArray, errorsFrom, formValues } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import { auditForUser, isUuid } from '../audits/audit-access.ts';
import type { TemplateProblem } from './template-service.ts';

const PAGES = 'templates/pages';

/** Turns a template problem into GOV.UK errors on the JSON field, one summary line per path. */
function problemErrors(problem: TemplateProblem, field = 'content') {
  const messages =
    problem.kind === 'invalid'
      ? problem.problems
      : problem.kind === 'name-taken'
        ? ['A template with this name already exists: change "name" in the JSON']
        : problem.kind === 'stale'
          ? [
              `Someone else saved version ${problem.latest} while you were editing. Your text is below: copy your changes, then edit the latest version`,
            ]
          : ['The JSON is the same as the latest version: change something, or go back'];
  return {
    list: messages.map((text) => ({ text, href: `#${field}` })),
    fields: { [field]: { text: messages[0] ?? '' } },
  };
}

export async function templateRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { templates } = services;
  const access = { config: { access: 'template:manage' as const } };

  app.get('/templates', access, async (request, reply) =>
    reply.view(`${PAGES}/list/view.njk`, { pageTitle: 'Audit tools', templates: await templates.list(request.user!) }),
  );

  app.get('/templates/new', access, async (_request, reply) =>
    renderEdit(reply, { pageTitle: 'Import an audit tool', action: '/templates', content: '' }),
  );

  app.post('/templates', access, async (request, reply) => {
    const values = formValues(request.body);
    const content = String(values.content ?? '');
    const result = await templates.importTemplate(request.user!, content, actorOf(request));
    if (!result.ok)
      return renderEdit(reply.code(400), {
        pageTitle: 'Import an audit tool',
        action: '/templates',
        content,
        errors: problemErrors(result.problem),
      });
    return reply.redirect(`/templates/${result.value.id}`, 303);
  });

  app.get<{ Params: { id: string }; Querystring: { version?: string } }>(
    '/templates/:id',
    access,
    async (request, reply) => {
      const shown = await load(request, request.query.version);
      return reply.view(`${PAGES}/show/view.njk`, { pageTitle: shown.version.content.name, ...shown });
    },
  );

  app.get<{ Params: { id: string }; Querystring: { version?: string } }>(
    '/templates/:id/export.json',
    access,
    async (request, reply) => {
      const shown = await load(request, request.query.version);
      const filename = `${shown.version.content.name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}-v${shown.version.versionNumber}.json`;
      return reply
        .header('content-disposition', `attachment; filename="${filename}"`)
        .type('application/json')
        .send(JSON.stringify(shown.version.content, null, 2));
    },
  );

  app.get<{ Params: { id: string } }>('/templates/:id/edit', access, async (request, reply) => {
    const shown = await load(request);
    return renderEdit(reply, {
      pageTitle: `Edit ${shown.version.content.name}`,
      action: `/templates/${shown.template.id}/versions`,
      content: JSON.stringify(shown.version.content, null, 2),
      basedOn: shown.version.versionNumber,
      template: shown.template,
    });
  });

  app.post<{ Params: { id: string } }>('/templates/:id/versions', access, async (request, reply) => {
    const shown = await load(request);
    const values = formValues(request.body);
    const content = String(values.content ?? '');
    const basedOn = Number(values.basedOn);
    const result = await templates.saveNewVersion(request.user!, shown.template.id, content, basedOn, actorOf(request));
    if (!result.ok) {
      return renderEdit(reply.code(result.problem.kind === 'stale' ? 409 : 400), {
        pageTitle: `Edit ${shown.version.content.name}`,
        action: `/templates/${shown.template.id}/versions`,
        content,
        basedOn,
        template: shown.template,
        errors: problemErrors(result.problem),
      });
    }
    request.session!.data.flash = {
      kind: 'success',
      heading: `Version ${result.value.versionNumber} saved`,
      text: 'Audits already using an earlier version keep it.',
    };
    await services.auth.saveSessionData(request.session!);
    return reply.redirect(`/templates/${shown.template.id}`, 303);
  });

  app.get<{ Params: { auditId: string } }>(
    '/audits/:auditId/tools',
    { config: { access: 'audit:manage' } },
    async (request, reply) => {
      const audit = await auditForUser(services.db, request.user!, request.params.auditId, 'audit:manage');
      return renderTools(
        reply,
        audit,
        request,
        (await templates.auditTools(audit.id)).map((t) => t.templateId),
      );
    },
  );

  app.post<{ Params: { auditId: string } }>(
    '/audits/:auditId/tools',
    { config: { access: 'audit:manage' } },
    async (request, reply) => {
      const audit = await auditForUser(services.db, request.user!, request.params.auditId, 'audit:manage');
      const chosen = asArray(formValues(request.body).templates).filter(isUuid);
      if (chosen.length === 0)
        return renderTools(
          reply.code(400),
          audit,
          request,
          [],
          errorsFrom({ templates: { text: 'Select at least one audit tool' } }),
        );
      const result = await templates.setAuditTools(request.user!, audit.id, chosen, actorOf(request));
      if (!result.ok) {
        const text =
          result.problem === 'started'
            ? 'Agencies have started their returns, so the audit’s tools can no longer change'
            : 'Select audit tools from the list';
        return renderTools(reply.code(400), audit, request, chosen, errorsFrom({ templates: { text } }));
      }
      request.session!.data.flash = { kind: 'success', heading: 'Audit tools chosen' };
      await services.auth.saveSessionData(request.session!);
      return reply.redirect(`/audits/${audit.id}`, 303);
    },
  );

  async function load(request: FastifyRequest<{ Params: { id: string } }>, version?: string) {
    if (!isUuid(request.params.id)) throw new NotFound();
    const versionNumber = version === undefined ? undefined : Number(version);
    if (versionNumber !== undefined && !Number.isInteger(versionNumber)) throw new NotFound();
    const shown = await templates.show(request.user!, request.params.id, versionNumber);
    if (!shown) throw new NotFound();
    return shown;
  }

  async function renderTools(
    reply: FastifyReply,
    audit: { id: string; title: string },
    request: FastifyRequest,
    chosen: string[],
    errors?: unknown,
  ) {
    const all = (await templates.list(request.user!)).filter((t) => !t.archived);
    return reply.view(`${PAGES}/audit-tools/view.njk`, {
      pageTitle: 'Choose the audit tools',
      audit,
      templates: all,
      chosen,
      errors,
      backLink: `/audits/${audit.id}`,
    });
  }

  function renderEdit(reply: FastifyReply, context: Record<string, unknown>) {
    return reply.view(`${PAGES}/edit/view.njk`, { backLink: '/templates', ...context });
  }
}
