import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import { parseForm, singleError, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { OVERALL_SCALE } from '../../return-service.ts';
import { overallSchema } from './schema.ts';

type Params = { Params: { id: string } };

/** The auditor's overall single-agency grade, its rationale, and who audited. */
export function overallController({ returns }: Services) {
  async function render(
    request: SignedInRequest<Params>,
    reply: FastifyReply,
    form: { values?: Record<string, unknown>; errors?: FormErrors; status?: number } = {},
  ) {
    const { row: r } = await returns.authorised(request.user, request.params.id, 'return:edit', actorOf(request));
    const values = form.values ?? {
      grade: r.overallGrade ?? '',
      rationale: r.overallRationale,
      auditorName: r.auditorName || request.user.displayName,
      auditorRole: r.auditorRole,
      version: r.version,
    };
    return reply.code(form.status ?? 200).view('returns/pages/overall/view.njk', {
      pageTitle: 'Overall grade and auditor',
      r,
      scale: OVERALL_SCALE,
      values,
      errors: form.errors,
      backLink: `/returns/${r.id}`,
    });
  }

  const get: Controller<Params> = (request, reply) => render(request, reply);

  const post: Controller<Params> = async (request, reply) => {
    const form = parseForm(overallSchema, request.body);
    if (!form.ok) return render(request, reply, { values: form.values, errors: form.errors, status: 400 });
    const result = await returns.saveOverall(request.user, request.params.id, form.value, actorOf(request));
    if (!result.ok && result.problem === 'stale') {
      const current = result.current;
      const grade = OVERALL_SCALE.values.find((v) => v.value === current.overallGrade)?.label ?? 'none';
      const text =
        `Someone else changed this return while you were working (their grade: ${grade}; ` +
        `their rationale: “${current.overallRationale.slice(0, 200)}”). ` +
        'Your answers are below: check them and save again';
      const values = { ...form.values, version: current.version };
      return render(request, reply, { values, errors: singleError('grade', text), status: 409 });
    }
    if (!result.ok) {
      const errors = singleError('grade', 'This return can no longer be changed');
      return render(request, reply, { values: form.values, errors, status: 409 });
    }
    return reply.redirect(`/returns/${request.params.id}/actions`, 303);
  };

  return { get, post };
}
