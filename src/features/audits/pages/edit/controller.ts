import type { FastifyReply } from 'fastify';
import { STANDARD_MILESTONES } from '../../../../domain/audit-plan.ts';
import { todayInLondon } from '../../../../domain/calendar-date.ts';
import type { Services } from '../../../../services.ts';
import { errorsFrom, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { compareWithSaved } from './conflict.ts';
import { formFieldsFor } from './form-fields.ts';
import { MAX_OTHER_MILESTONES, otherMilestoneCount, parsePlan, type FormFields } from './schema.ts';

type Params = { Params: { auditId: string } };
type FormPage = {
  values: FormFields;
  errors?: FormErrors;
  conflict?: { label: string; theirs: string; mine: string }[];
  audit?: { id: string; title: string; themeId: string | null };
};

const CONFLICT =
  'Someone else changed this audit while you were editing it. ' +
  'Check their changes, then save again to keep yours, or go back to keep theirs';
const REFERENCE_TAKEN =
  'An audit with this reference already exists. ' +
  'Enter a different reference, or leave it empty to use the next one';

const referenceTakenError = (): FormErrors => errorsFrom({ reference: { text: REFERENCE_TAKEN } });

/** "Add another milestone" re-shows the form with one more row; nothing is saved. */
const addingMilestone = (values: FormFields) => values.action === 'add-milestone';
const withExtraRow = (values: FormFields) => ({
  ...values,
  other_count: String(Math.min(MAX_OTHER_MILESTONES, otherMilestoneCount(values) + 1)),
});

/** Planning an audit, and changing its plan: one form, with optimistic concurrency on edits. */
function planForm({ audits }: Services) {
  return async function render(request: SignedInRequest, reply: FastifyReply, page: FormPage, status = 200) {
    const { themes, suggestedReference } = await audits.planOptions(request.user, page.audit?.themeId);
    const count = otherMilestoneCount(page.values);
    return reply.code(status).view('audits/pages/edit/view.njk', {
      pageTitle: page.audit ? `Change ${page.audit.title}` : 'Plan a new audit',
      audit: page.audit,
      action: page.audit ? `/audits/${page.audit.id}/edit` : '/audits',
      suggestedReference,
      themes,
      values: page.values,
      errors: page.errors,
      conflict: page.conflict,
      standardMilestones: STANDARD_MILESTONES,
      otherIndexes: [...Array(count).keys()],
      canAddMilestone: count < MAX_OTHER_MILESTONES,
      backLink: page.audit ? `/audits/${page.audit.id}` : '/audits',
    });
  };
}

/** The plan form's themes, as the ids a posted theme must be one of. */
async function themeIds(services: Services, request: SignedInRequest, currentThemeId?: string | null) {
  const { themes } = await services.audits.planOptions(request.user, currentThemeId);
  return { themes, ids: themes.map((t) => t.id) };
}

export function newAuditController(services: Services) {
  const render = planForm(services);

  const get: Controller = (request, reply) =>
    render(request, reply, { values: { scope_kind: 'dates', joint: 'no', other_count: '1' } });

  const post: Controller = async (request, reply) => {
    const { ids } = await themeIds(services, request);
    const form = parsePlan(request.body, { themeIds: ids, today: todayInLondon() });
    const values = form.values;
    if (addingMilestone(values)) return render(request, reply, { values: withExtraRow(values) });
    if (!form.ok) return render(request, reply, { values, errors: form.errors }, 400);
    const saved = await services.audits.create(request.user, form.value, actorOf(request));
    if (saved.kind !== 'saved') return render(request, reply, { values, errors: referenceTakenError() }, 400);
    await reply.flash({
      kind: 'success',
      heading: `Audit ${saved.reference} created`,
      text: 'Next, select the cases and invite the agencies.',
    });
    return reply.redirect(`/audits/${saved.id}`, 303);
  };

  return { get, post };
}

export function editAuditController(services: Services) {
  const { audits } = services;
  const render = planForm(services);

  const get: Controller<Params> = async (request, reply) => {
    const record = await audits.forEdit(request.user, request.params.auditId);
    return render(request, reply, { audit: record.audit, values: formFieldsFor(record.audit, record.milestones) });
  };

  const post: Controller<Params> = async (request, reply) => {
    const current = (await audits.forEdit(request.user, request.params.auditId)).audit;
    const { themes, ids } = await themeIds(services, request, current.themeId);
    const form = parsePlan(request.body, { themeIds: ids, today: todayInLondon() });
    const values = form.values;
    if (addingMilestone(values)) return render(request, reply, { audit: current, values: withExtraRow(values) });
    if (!form.ok) return render(request, reply, { audit: current, values, errors: form.errors }, 400);
    const version = Number(values.version);
    const saved = await audits.update(
      request.user,
      current.id,
      form.value,
      Number.isInteger(version) ? version : -1,
      actorOf(request),
    );
    if (saved.kind === 'reference-taken')
      return render(request, reply, { audit: current, values, errors: referenceTakenError() }, 400);
    if (saved.kind === 'conflict') {
      const conflict = compareWithSaved(saved.theirs, form.value, (id) => themes.find((t) => t.id === id)?.label);
      const errors: FormErrors = {
        list: [{ text: CONFLICT, href: '#conflict' }],
        fields: { form: { text: CONFLICT } },
      };
      const audit = saved.theirs.audit;
      return render(
        request,
        reply,
        { audit, values: { ...values, version: String(audit.version) }, errors, conflict },
        409,
      );
    }
    await reply.flash({ kind: 'success', heading: 'Audit plan saved' });
    return reply.redirect(`/audits/${current.id}`, 303);
  };

  return { get, post };
}
