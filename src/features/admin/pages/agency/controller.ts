import type { FastifyReply } from 'fastify';
import { AGENCY_TYPES } from '../../../../domain/roles.ts';
import type { Services } from '../../../../services.ts';
import { parseForm, singleError, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';
import type { AgencyInput } from '../../agency-service.ts';
import { agencySchema } from './schema.ts';

type Params = { Params: { id: string } };

const typeItems = (selected?: unknown) => [
  { value: '', text: 'Select a type' },
  ...Object.entries(AGENCY_TYPES).map(([value, text]) => ({ value, text, selected: value === selected })),
];

const DUPLICATE = singleError('name', 'There is already an agency with this name');

/** Adding an agency, or changing one (its id in the path). */
export function agencyController({ agencies }: Services) {
  function render(reply: FastifyReply, id: string | undefined, values: Record<string, unknown>, errors?: FormErrors) {
    return reply.code(errors ? 400 : 200).view('admin/pages/agency/view.njk', {
      pageTitle: id ? 'Change an agency' : 'Add an agency',
      action: id ? `/admin/agencies/${id}` : '/admin/agencies',
      editing: !!id,
      values,
      typeItems: typeItems(values.type),
      errors,
      backLink: '/admin/agencies',
    });
  }

  const toInput = (value: { name: string; type: string; safeguardingLeadEmail: string | null; active: boolean }) =>
    ({ name: value.name, type: value.type, email: value.safeguardingLeadEmail, active: value.active }) as AgencyInput;

  const getNew: Controller = (_request, reply) => Promise.resolve(render(reply, undefined, { active: 'yes' }));

  const postNew: Controller = async (request, reply) => {
    const form = parseForm(agencySchema, request.body);
    if (!form.ok) return render(reply, undefined, form.values, form.errors);
    const saved = await agencies.add(request.user, toInput(form.value), actorOf(request));
    if (!saved.ok) return render(reply, undefined, form.values, DUPLICATE);
    return reply.redirect('/admin/agencies', 303);
  };

  const get: Controller<Params> = async (request, reply) => {
    const a = await agencies.find(request.user, request.params.id);
    return render(reply, a.id, {
      name: a.name,
      type: a.type,
      safeguardingLeadEmail: a.safeguarding_lead_email ?? '',
      active: a.active ? 'yes' : 'no',
    });
  };

  const post: Controller<Params> = async (request, reply) => {
    const form = parseForm(agencySchema, request.body);
    if (!form.ok) {
      const a = await agencies.find(request.user, request.params.id);
      return render(reply, a.id, form.values, form.errors);
    }
    const saved = await agencies.change(request.user, request.params.id, toInput(form.value), actorOf(request));
    if (!saved.ok) return render(reply, request.params.id, form.values, DUPLICATE);
    return reply.redirect('/admin/agencies', 303);
  };

  return { getNew, postNew, get, post };
}
