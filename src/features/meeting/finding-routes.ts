import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.ts';
import { asArray, errorsFrom, formValues } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import { readFinding } from './finding-form.ts';
import type { FindingRow } from './meeting-repository.ts';

type AuditParams = { Params: { auditId: string } };
type FindingParams = { Params: { auditId: string; findingId: string } };

const valuesOf = (f: FindingRow) => ({
  kind: f.kind,
  scope: f.acrossCases ? 'across' : 'cases',
  cases: f.caseIds,
  agencies: f.agencyIds,
  themes: f.themeIds,
  text: f.text,
  domain: f.domain,
  version: String(f.version),
});

export async function findingRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { findings } = services;

  app.get<AuditParams>('/audits/:auditId/findings', { config: { access: 'audit:read' } }, async (request, reply) => {
    const view = await findings.overview(request.user!, request.params.auditId);
    const caseRef = new Map(view.cases.map((c) => [c.id, c.reference]));
    const agencyName = new Map(view.agencies.map((a) => [a.id, a.name]));
    const themeLabel = new Map(view.allThemes.map((t) => [t.id, t.label]));
    const shown = view.findings.map((f) => ({
      ...f,
      caseRefs: f.caseIds.map((id) => caseRef.get(id)),
      agencyNames: f.agencyIds.map((id) => agencyName.get(id)),
      themeLabels: f.themeIds.map((id) => themeLabel.get(id)),
    }));
    return reply.view('meeting/pages/findings/view.njk', {
      pageTitle: 'Findings',
      audit: view.audit,
      byCase: view.cases.map((c) => ({
        ...c,
        strengths: shown.filter((f) => !f.acrossCases && f.kind === 'strength' && f.caseIds.includes(c.id)),
        development: shown.filter((f) => !f.acrossCases && f.kind === 'development' && f.caseIds.includes(c.id)),
      })),
      across: shown.filter((f) => f.acrossCases),
      canRecord: request.user!.roles.includes('coordinator') || request.user!.roles.includes('panel_member'),
      backLink: `/audits/${view.audit.id}`,
    });
  });

  async function renderForm(
    request: FastifyRequest<AuditParams>,
    reply: FastifyReply,
    options: {
      findingId?: string;
      values: Record<string, unknown>;
      errors?: unknown;
      status?: number;
      suggestions?: { id: string; because: string[] }[];
    },
  ) {
    const { audit, choices } = await findings.forEditing(request.user!, request.params.auditId);
    const checked = (name: string) => asArray(options.values[name] as string | string[] | undefined);
    const suggestions = options.suggestions ?? [];
    return reply.code(options.status ?? 200).view('meeting/pages/finding/view.njk', {
      pageTitle: options.findingId ? 'Change a finding' : 'Record a finding',
      audit,
      action: options.findingId ? `/audits/${audit.id}/findings/${options.findingId}` : `/audits/${audit.id}/findings`,
      values: options.values,
      caseItems: choices.cases.map((c) => ({
        value: c.id,
        text: c.reference,
        checked: checked('cases').includes(c.id),
      })),
      agencyItems: choices.agencies.map((a) => ({
        value: a.id,
        text: a.name,
        checked: checked('agencies').includes(a.id),
      })),
      themeItems: choices.themes.map((t) => {
        const suggestion = suggestions.find((s) => s.id === t.id);
        return {
          value: t.id,
          text: t.label,
          checked: checked('themes').includes(t.id) || !!suggestion,
          hint: suggestion
            ? { text: `Suggested because the finding mentions: ${suggestion.because.map((b) => `“${b}”`).join(', ')}` }
            : undefined,
        };
      }),
      suggested: suggestions.map((s) => s.id),
      domainItems: [
        { value: '', text: 'Not about one domain' },
        ...choices.domains.map((d) => ({ value: d, text: d, selected: options.values.domain === d })),
      ],
      errors: options.errors,
      backLink: `/audits/${audit.id}/findings`,
    });
  }

  async function save(
    request: FastifyRequest<AuditParams & { Params: { findingId?: string } }>,
    reply: FastifyReply,
    findingId?: string,
  ) {
    const body = formValues(request.body);
    const { audit, choices, ids } = await findings.forEditing(request.user!, request.params.auditId);
    if (body.action === 'suggest') {
      return renderForm(request, reply, {
        findingId,
        values: body,
        suggestions: findings.suggest(String(body.text ?? ''), choices.themes),
      });
    }
    const read = readFinding(body, ids);
    if (!read.ok)
      return renderForm(request, reply, { findingId, values: body, errors: errorsFrom(read.errors), status: 400 });
    if (!findingId) {
      await findings.create(request.user!, audit, read.value, actorOf(request));
      return reply.redirect(`/audits/${audit.id}/findings`, 303);
    }
    await findings.find(audit, findingId);
    const result = await findings.update(request.user!, audit, findingId, read.value, actorOf(request));
    if (result === 'stale') {
      const current = await findings.find(audit, findingId);
      const text = `Someone else changed this finding while you were editing. It now reads: “${current.text.slice(0, 300)}”. Your version is below: check it and save again`;
      return renderForm(request, reply, {
        findingId,
        values: { ...body, version: String(current.version) },
        errors: errorsFrom({ text: { text } }),
        status: 409,
      });
    }
    return reply.redirect(`/audits/${audit.id}/findings`, 303);
  }

  app.get<AuditParams>(
    '/audits/:auditId/findings/new',
    { config: { access: 'meeting:record' } },
    async (request, reply) => renderForm(request, reply, { values: { scope: 'cases' } }),
  );
  app.post<AuditParams>('/audits/:auditId/findings', { config: { access: 'meeting:record' } }, async (request, reply) =>
    save(request, reply),
  );

  app.get<FindingParams>(
    '/audits/:auditId/findings/:findingId',
    { config: { access: 'meeting:record' } },
    async (request, reply) => {
      const { audit } = await findings.forEditing(request.user!, request.params.auditId);
      return renderForm(request, reply, {
        findingId: request.params.findingId,
        values: valuesOf(await findings.find(audit, request.params.findingId)),
      });
    },
  );
  app.post<FindingParams>(
    '/audits/:auditId/findings/:findingId',
    { config: { access: 'meeting:record' } },
    async (request, reply) => save(request, reply, request.params.findingId),
  );

  app.post<FindingParams>(
    '/audits/:auditId/findings/:findingId/delete',
    { config: { access: 'meeting:record' } },
    async (request, reply) => {
      const { audit } = await findings.forEditing(request.user!, request.params.auditId);
      await findings.remove(audit, request.params.findingId, actorOf(request));
      return reply.redirect(`/audits/${audit.id}/findings`, 303);
    },
  );
}
