import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import { asArray, parseForm, singleError, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import type { PointForFinding } from '../../../chronology/discussion-point-service.ts';
import type { FindingRow } from '../../meeting-repository.ts';
import { findingSchema, prefillQuery } from './schema.ts';

type AuditParams = { Params: { auditId: string } };
type NewParams = AuditParams & { Querystring: Record<string, string | string[] | undefined> };
type FindingParams = { Params: { auditId: string; findingId: string } };
type Form = {
  findingId?: string;
  values: Record<string, unknown>;
  errors?: FormErrors;
  status?: number;
  suggestions?: { id: string; because: string[] }[];
};

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

/** The finding's first draft from a point: its question, then the entries it rests on, by date, agency and kind. */
const draftFrom = (point: PointForFinding) =>
  `${point.question}\n\nEntries it rests on: ` +
  point.entries.map((e) => `${e.when}, ${e.agencyName}, ${e.category}`).join('; ') +
  '.';

const quoted = (words: string[]) => words.map((b) => `“${b}”`).join(', ');

/** Record a finding, or change or delete one; themes may be suggested from its text first. */
export function findingController({ findings }: Services) {
  async function render(request: SignedInRequest<AuditParams>, reply: FastifyReply, form: Form) {
    const { audit, choices } = await findings.forEditing(request.user, request.params.auditId);
    // A form started from a point keeps showing the point and its entries, also when re-shown with errors.
    const pointId = form.findingId ? undefined : asArray(form.values.point)[0];
    const point = pointId ? await findings.fromPoint(audit, pointId) : undefined;
    const checked = (name: string) => asArray(form.values[name]);
    const suggestions = form.suggestions ?? [];
    const item = (value: string, text: string, name: string) => ({
      value,
      text,
      checked: checked(name).includes(value),
    });
    return reply.code(form.status ?? 200).view('meeting/pages/finding/view.njk', {
      pageTitle: form.findingId ? 'Change a finding' : 'Record a finding',
      audit,
      action: form.findingId ? `/audits/${audit.id}/findings/${form.findingId}` : `/audits/${audit.id}/findings`,
      values: form.values,
      point,
      caseItems: choices.cases.map((c) => item(c.id, c.reference, 'cases')),
      agencyItems: choices.agencies.map((a) => item(a.id, a.name, 'agencies')),
      themeItems: choices.themes.map((t) => {
        const suggestion = suggestions.find((s) => s.id === t.id);
        return {
          value: t.id,
          text: t.label,
          checked: checked('themes').includes(t.id) || !!suggestion,
          hint: suggestion
            ? { text: `Suggested because the finding mentions: ${quoted(suggestion.because)}` }
            : undefined,
        };
      }),
      suggested: suggestions.map((s) => s.id),
      domainItems: [
        { value: '', text: 'Not about one domain' },
        ...choices.domains.map((d) => ({ value: d, text: d, selected: form.values.domain === d })),
      ],
      errors: form.errors,
      backLink: `/audits/${audit.id}/findings`,
    });
  }

  async function save(request: SignedInRequest<AuditParams>, reply: FastifyReply, findingId?: string) {
    const { audit, choices, ids } = await findings.forEditing(request.user, request.params.auditId);
    const form = parseForm(findingSchema(ids), request.body);
    const values = form.values;
    if (values.action === 'suggest')
      return render(request, reply, {
        findingId,
        values,
        suggestions: findings.suggest(String(values.text ?? ''), choices.themes),
      });
    if (!form.ok) return render(request, reply, { findingId, values, errors: form.errors, status: 400 });
    if (!findingId) {
      await findings.create(request.user, audit, form.value, actorOf(request));
      return reply.redirect(`/audits/${audit.id}/findings`, 303);
    }
    await findings.find(audit, findingId);
    if ((await findings.update(request.user, audit, findingId, form.value, actorOf(request))) === 'stale') {
      const current = await findings.find(audit, findingId);
      const text =
        'Someone else changed this finding while you were editing. ' +
        `It now reads: “${current.text.slice(0, 300)}”. Your version is below: check it and save again`;
      return render(request, reply, {
        findingId,
        values: { ...values, version: String(current.version) },
        errors: singleError('text', text),
        status: 409,
      });
    }
    return reply.redirect(`/audits/${audit.id}/findings`, 303);
  }

  const get: Controller<NewParams> = async (request, reply) => {
    const { pointId } = prefillQuery.parse(request.query);
    if (!pointId) return render(request, reply, { values: { scope: 'cases' } });
    const { audit } = await findings.forEditing(request.user, request.params.auditId);
    const point = await findings.fromPoint(audit, pointId);
    const values = { scope: 'cases', cases: [point.caseId], agencies: point.agencyIds, text: draftFrom(point) };
    return render(request, reply, { values: { ...values, point: point.id } });
  };
  const post: Controller<AuditParams> = (request, reply) => save(request, reply);

  const edit: Controller<FindingParams> = async (request, reply) => {
    const { audit } = await findings.forEditing(request.user, request.params.auditId);
    const { findingId } = request.params;
    return render(request, reply, { findingId, values: valuesOf(await findings.find(audit, findingId)) });
  };
  const change: Controller<FindingParams> = (request, reply) => save(request, reply, request.params.findingId);

  const remove: Controller<FindingParams> = async (request, reply) => {
    const { audit } = await findings.forEditing(request.user, request.params.auditId);
    await findings.remove(audit, request.params.findingId, actorOf(request));
    return reply.redirect(`/audits/${audit.id}/findings`, 303);
  };

  return { get, post, edit, change, remove };
}
