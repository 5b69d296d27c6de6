import type { FastifyReply } from 'fastify';
import { nextCaseReference } from '../../../../domain/case-attributes.ts';
import type { Services } from '../../../../services.ts';
import { errorsFrom, parseForm } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';
import type { AuditInContext } from '../../../audits/audit-access.ts';
import type { CaseRow } from '../../case-service.ts';
import { agencyItems, choices, criteriaText } from '../../case-view-model.ts';
import { versionOf, type FormState } from '../../form-fields.ts';
import { caseFormValues, caseSchema } from './schema.ts';

type AuditParams = { Params: { auditId: string } };
type CaseParams = { Params: { auditId: string; caseId: string } };
type Form = FormState<CaseRow> & { kase?: CaseRow };

const CONFLICT =
  'Someone else changed this case while you were editing it. ' +
  'Check their changes, shown below, then save yours again';

function caseForm({ cases }: Services) {
  return async function render(reply: FastifyReply, audit: AuditInContext, form: Form) {
    const agencies = await cases.agencies(audit.partnershipId);
    const theirs = form.theirs && {
      reference: form.theirs.reference,
      selectionReason: form.theirs.selection_reason,
      selectedBy: form.theirs.selected_by,
      sourceAgency: agencies.find((a) => a.id === form.theirs?.source_agency_id)?.name ?? 'Not given',
      criteria: criteriaText(form.theirs.criteria).join(', ') || 'None',
    };
    const base = `/audits/${audit.id}/cases`;
    return reply.code(form.status ?? 200).view('cases/pages/case-form/view.njk', {
      pageTitle: form.kase ? `Change ${form.kase.reference}` : 'Add a case',
      audit,
      kase: form.kase,
      action: form.kase ? `${base}/${form.kase.id}` : base,
      values: form.values,
      choices: choices(form.values),
      agencyItems: agencyItems(agencies, String(form.values.sourceAgencyId ?? '')),
      errors: form.errors,
      theirs,
      backLink: form.kase ? `${base}/${form.kase.id}` : base,
    });
  };
}

/** Adding a case to an audit: "Case N" offered, the person's name as who selected it. */
export function newCaseController(services: Services) {
  const { audits, cases } = services;
  const render = caseForm(services);

  const get: Controller<AuditParams> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    const reference = nextCaseReference(await cases.references(audit.id));
    return render(reply, audit, { values: { reference, selectedBy: request.user.displayName } });
  };

  const post: Controller<AuditParams> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    const agencies = await cases.agencies(audit.partnershipId);
    const form = parseForm(caseSchema(agencies.map((a) => a.id)), request.body);
    if (!form.ok) return render(reply, audit, { values: form.values, errors: form.errors, status: 400 });
    const result = await cases.create(request.user, audit, form.value, actorOf(request));
    if (result.kind === 'invalid')
      return render(reply, audit, { values: form.values, errors: errorsFrom(result.errors), status: 400 });
    await reply.flash({ kind: 'success', heading: `${form.value.reference} added` });
    return reply.redirect(`/audits/${audit.id}/cases/${result.id}`, 303);
  };

  return { get, post };
}

/** Changing a case; a save against a stale version shows what the other person saved. */
export function editCaseController(services: Services) {
  const { audits, cases } = services;
  const render = caseForm(services);

  const get: Controller<CaseParams> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    const { kase } = await cases.detail(audit, request.params.caseId);
    return render(reply, audit, { kase, values: caseFormValues(kase) });
  };

  const post: Controller<CaseParams> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    const { kase } = await cases.detail(audit, request.params.caseId);
    const agencies = await cases.agencies(audit.partnershipId);
    const form = parseForm(caseSchema(agencies.map((a) => a.id)), request.body);
    const values = form.values;
    if (!form.ok) return render(reply, audit, { kase, values, errors: form.errors, status: 400 });
    const result = await cases.update(audit, kase.id, versionOf(values), form.value, actorOf(request));
    if (result.kind === 'invalid')
      return render(reply, audit, { kase, values, errors: errorsFrom(result.errors), status: 400 });
    if (result.kind === 'conflict')
      return render(reply, audit, {
        kase: result.theirs,
        values: { ...values, version: String(result.theirs.version) },
        errors: errorsFrom({ reference: { text: CONFLICT } }),
        theirs: result.theirs,
        status: 409,
      });
    await reply.flash({ kind: 'success', heading: `${form.value.reference} saved` });
    return reply.redirect(`/audits/${audit.id}/cases/${kase.id}`, 303);
  };

  return { get, post };
}
