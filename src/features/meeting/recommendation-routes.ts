import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.ts';
import { asArray, errorsFrom, formValues } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import { readRecommendation } from './recommendation-service.ts';

type AuditParams = { Params: { auditId: string } };
type RecParams = { Params: { auditId: string; id: string } };

export async function recommendationRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { recommendations } = services;

  app.get<AuditParams>(
    '/audits/:auditId/recommendations',
    { config: { access: 'audit:read' } },
    async (request, reply) => {
      const audit = await recommendations.load(request.user!, request.params.auditId, 'audit:read');
      return reply.view('meeting/pages/recommendations/view.njk', {
        pageTitle: 'Recommendations',
        audit,
        items: await recommendations.list(audit.id),
        canRecord: request.user!.roles.includes('coordinator') || request.user!.roles.includes('panel_member'),
        backLink: `/audits/${audit.id}`,
      });
    },
  );

  async function renderForm(
    request: FastifyRequest<AuditParams>,
    reply: FastifyReply,
    id: string | undefined,
    values: Record<string, unknown>,
    errors?: unknown,
    status = 200,
  ) {
    const audit = await recommendations.load(request.user!, request.params.auditId, 'meeting:record');
    const choices = await recommendations.choices(audit);
    const picked = (name: string) => asArray(values[name] as string | string[] | undefined);
    return reply.code(status).view('meeting/pages/recommendation/view.njk', {
      pageTitle: id ? 'Change a recommendation' : 'Make a recommendation',
      audit,
      action: id ? `/audits/${audit.id}/recommendations/${id}` : `/audits/${audit.id}/recommendations`,
      values,
      agencyItems: choices.agencies.map((a) => ({
        value: a.id,
        text: a.name,
        checked: picked('agencies').includes(a.id),
      })),
      findingItems: choices.findings.map((f) => ({
        value: f.id,
        text: f.text.length > 160 ? `${f.text.slice(0, 159)}…` : f.text,
        checked: picked('findings').includes(f.id),
      })),
      errors,
      backLink: `/audits/${audit.id}/recommendations`,
    });
  }

  async function save(request: FastifyRequest<AuditParams>, reply: FastifyReply, id?: string) {
    const body = formValues(request.body);
    const audit = await recommendations.load(request.user!, request.params.auditId, 'meeting:record');
    const choices = await recommendations.choices(audit);
    if (id) await recommendations.find(audit, id);
    const read = readRecommendation(body, {
      agencyIds: choices.agencies.map((a) => a.id),
      findingIds: choices.findings.map((f) => f.id),
    });
    if (!read.ok) return renderForm(request, reply, id, body, errorsFrom(read.errors), 400);
    if ((await recommendations.save(request.user!, audit, id, read.value, actorOf(request))) === 'stale') {
      const current = await recommendations.find(audit, id!);
      return renderForm(
        request,
        reply,
        id,
        { ...body, version: String(current.version) },
        errorsFrom({
          text: {
            text: `Someone else changed this recommendation while you were editing. It now reads: “${current.text.slice(0, 300)}”. Your version is below: check it and save again`,
          },
        }),
        409,
      );
    }
    return reply.redirect(`/audits/${audit.id}/recommendations`, 303);
  }

  app.get<AuditParams>(
    '/audits/:auditId/recommendations/new',
    { config: { access: 'meeting:record' } },
    async (request, reply) => renderForm(request, reply, undefined, {}),
  );
  app.post<AuditParams>(
    '/audits/:auditId/recommendations',
    { config: { access: 'meeting:record' } },
    async (request, reply) => save(request, reply),
  );
  app.get<RecParams>(
    '/audits/:auditId/recommendations/:id',
    { config: { access: 'meeting:record' } },
    async (request, reply) => {
      const audit = await recommendations.load(request.user!, request.params.auditId, 'meeting:record');
      const r = await recommendations.find(audit, request.params.id);
      return renderForm(request, reply, r.id, {
        text: r.text,
        addressedTo: r.addressed_to,
        agencies: r.agencies.map((a) => a.id),
        findings: r.findings.map((f) => f.id),
        assurance: r.assurance_request ? 'yes' : '',
        version: String(r.version),
      });
    },
  );
  app.post<RecParams>(
    '/audits/:auditId/recommendations/:id',
    { config: { access: 'meeting:record' } },
    async (request, reply) => save(request, reply, request.params.id),
  );
}
