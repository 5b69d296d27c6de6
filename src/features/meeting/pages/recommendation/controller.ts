import type { FastifyReply } from 'fastify';
import {
  RECOMMENDATION_KIND_HINTS,
  RECOMMENDATION_KIND_LABELS,
  RECOMMENDATION_KINDS,
} from '../../../../domain/recommendation-kinds.ts';
import type { Services } from '../../../../services.ts';
import { NotFound } from '../../../../web/errors.ts';
import { asArray, parseForm, singleError, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { recommendationSchema } from './schema.ts';

type AuditParams = { Params: { auditId: string } };
type RecParams = { Params: { auditId: string; id: string } };
type Form = { values: Record<string, unknown>; errors?: FormErrors; status?: number };

const short = (text: string) => (text.length > 160 ? `${text.slice(0, 159)}…` : text);

/** Make a recommendation, or change one. */
export function recommendationController({ recommendations }: Services) {
  async function render(
    request: SignedInRequest<AuditParams>,
    reply: FastifyReply,
    id: string | undefined,
    form: Form,
  ) {
    const { audit, choices } = await recommendations.forEditing(request.user, request.params.auditId);
    const picked = (name: string) => asArray(form.values[name]);
    return reply.code(form.status ?? 200).view('meeting/pages/recommendation/view.njk', {
      pageTitle: id ? 'Change a recommendation' : 'Make a recommendation',
      audit,
      action: id ? `/audits/${audit.id}/recommendations/${id}` : `/audits/${audit.id}/recommendations`,
      values: form.values,
      agencyItems: choices.agencies.map((a) => ({
        value: a.id,
        text: a.name,
        checked: picked('agencies').includes(a.id),
      })),
      findingItems: choices.findings.map((f) => ({
        value: f.id,
        text: short(f.text),
        checked: picked('findings').includes(f.id),
      })),
      kindItems: RECOMMENDATION_KINDS.map((k) => ({
        value: k,
        text: RECOMMENDATION_KIND_LABELS[k],
        hint: { text: RECOMMENDATION_KIND_HINTS[k] },
        checked: form.values.kind === k,
      })),
      removeLink: id ? `/audits/${audit.id}/recommendations/${id}/remove` : undefined,
      errors: form.errors,
      backLink: `/audits/${audit.id}/recommendations`,
    });
  }

  async function save(request: SignedInRequest<AuditParams>, reply: FastifyReply, id?: string) {
    const { audit, choices } = await recommendations.forEditing(request.user, request.params.auditId, id);
    const form = parseForm(
      recommendationSchema({
        agencyIds: choices.agencies.map((a) => a.id),
        findingIds: choices.findings.map((f) => f.id),
      }),
      request.body,
    );
    if (!form.ok) return render(request, reply, id, { values: form.values, errors: form.errors, status: 400 });
    if ((await recommendations.save(request.user, audit, id, form.value, actorOf(request))) === 'stale' && id) {
      const current = await recommendations.find(audit, id);
      const text =
        'Someone else changed this recommendation while you were editing. ' +
        `It now reads: “${current.text.slice(0, 300)}”. Your version is below: check it and save again`;
      const values = { ...form.values, version: String(current.version) };
      return render(request, reply, id, { values, errors: singleError('text', text), status: 409 });
    }
    return reply.redirect(`/audits/${audit.id}/recommendations`, 303);
  }

  const get: Controller<AuditParams> = (request, reply) => render(request, reply, undefined, { values: {} });
  const post: Controller<AuditParams> = (request, reply) => save(request, reply);

  const edit: Controller<RecParams> = async (request, reply) => {
    const { recommendation: r } = await recommendations.forEditing(
      request.user,
      request.params.auditId,
      request.params.id,
    );
    if (!r) throw new NotFound();
    return render(request, reply, r.id, {
      values: {
        text: r.text,
        addressedTo: r.addressed_to,
        agencies: r.agencies.map((a) => a.id),
        findings: r.findings.map((f) => f.id),
        kind: r.kind ?? '',
        version: String(r.version),
      },
    });
  };
  const change: Controller<RecParams> = (request, reply) => save(request, reply, request.params.id);

  return { get, post, edit, change };
}
