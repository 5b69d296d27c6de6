import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import { parseForm, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import type { ActionService } from '../../action-service.ts';
import { actionSchema, fromQuery } from './schema.ts';

type Params = { Params: { auditId: string } };
type Choices = Awaited<ReturnType<ActionService['forEditing']>>['choices'];
type Form = { values: Record<string, unknown>; errors?: FormErrors; status?: number };

const short = (text: string) => (text.length > 90 ? `${text.slice(0, 89)}…` : text);

/** The form's values for a single-agency action taken into the plan: its text, agency and due date. */
function fromSingleAgency(choices: Choices, id: string | undefined): Record<string, unknown> {
  const from = choices.singleAgency.find((s) => s.id === id);
  if (!from) return {};
  const [y, m, d] = (from.due_on ?? '').split('-');
  return {
    text: from.action,
    agencyId: from.agency_id,
    singleAgencyActionId: from.id,
    'dueOn-day': d ? String(Number(d)) : '',
    'dueOn-month': m ? String(Number(m)) : '',
    'dueOn-year': y ?? '',
  };
}

/** Add an action to the plan, from scratch or from an agency's single-agency action. */
export function actionFormController({ actions }: Services) {
  async function render(request: SignedInRequest<Params>, reply: FastifyReply, form: (c: Choices) => Form) {
    const { audit, choices: c } = await actions.forEditing(request.user, request.params.auditId);
    const { values, errors, status } = form(c);
    return reply.code(status ?? 200).view('actions/pages/form/view.njk', {
      pageTitle: 'Add an action',
      audit,
      values,
      agencyItems: [
        { value: '', text: 'Select an agency' },
        ...c.agencies.map((a) => ({ value: a.id, text: a.name, selected: values.agencyId === a.id })),
      ],
      leadItems: [
        { value: '', text: 'Select a person' },
        ...c.leads.map((u) => ({
          value: u.id,
          text: u.agency_name ? `${u.display_name} (${u.agency_name})` : u.display_name,
          selected: values.leadUserId === u.id,
        })),
      ],
      recommendationItems: [
        { value: '', text: 'Not from a recommendation' },
        ...c.recommendations.map((r) => ({
          value: r.id,
          text: short(r.text),
          selected: values.recommendationId === r.id,
        })),
      ],
      errors,
      backLink: `/audits/${audit.id}/actions`,
    });
  }

  const get: Controller<Params> = (request, reply) =>
    render(request, reply, (c) => ({ values: fromSingleAgency(c, fromQuery.parse(request.query ?? {}).from) }));

  const post: Controller<Params> = async (request, reply) => {
    const { audit, choices: c } = await actions.forEditing(request.user, request.params.auditId);
    const schema = actionSchema({
      agencyIds: c.agencies.map((a) => a.id),
      leadIds: c.leads.map((u) => u.id),
      recommendationIds: c.recommendations.map((r) => r.id),
      singleAgencyActionIds: c.singleAgency.map((s) => s.id),
    });
    const form = parseForm(schema, request.body);
    if (!form.ok) return render(request, reply, () => ({ values: form.values, errors: form.errors, status: 400 }));
    const id = await actions.create(request.user, audit, form.value, actorOf(request));
    return reply.redirect(`/actions/${id}`, 303);
  };

  return { get, post };
}
