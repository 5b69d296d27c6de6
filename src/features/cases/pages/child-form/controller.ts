import type { FastifyReply } from 'fastify';
import { nextChildPseudonym } from '../../../../domain/case-attributes.ts';
import type { Services } from '../../../../services.ts';
import { errorsFrom, parseForm } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';
import type { AuditInContext } from '../../../audits/audit-access.ts';
import type { ChildRow } from '../../case-service.ts';
import { childRows, choices } from '../../case-view-model.ts';
import { versionOf, type FormState } from '../../form-fields.ts';
import { childFormValues, childSchema } from './schema.ts';

type CaseParams = { Params: { auditId: string; caseId: string } };
type ChildParams = { Params: { auditId: string; caseId: string; childId: string } };
type Form = FormState<ChildRow> & { child?: ChildRow };

function render(reply: FastifyReply, audit: AuditInContext, kase: { id: string; reference: string }, form: Form) {
  const base = `/audits/${audit.id}/cases/${kase.id}`;
  return reply.code(form.status ?? 200).view('cases/pages/child-form/view.njk', {
    pageTitle: form.child ? `Change ${form.child.pseudonym}` : `Add a child to ${kase.reference}`,
    audit,
    kase,
    action: form.child ? `${base}/children/${form.child.id}` : `${base}/children`,
    values: form.values,
    choices: choices(form.values),
    errors: form.errors,
    theirs: form.theirs && { pseudonym: form.theirs.pseudonym, rows: childRows(form.theirs) },
    backLink: base,
  });
}

/** Adding a child to a case, pseudonymous: "Child A", then "Child B". */
export function newChildController({ audits, cases }: Services) {
  const get: Controller<CaseParams> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    const { kase, children } = await cases.detail(audit, request.params.caseId);
    return render(reply, audit, kase, { values: { pseudonym: nextChildPseudonym(children.map((c) => c.pseudonym)) } });
  };

  const post: Controller<CaseParams> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    const { kase } = await cases.detail(audit, request.params.caseId);
    const form = parseForm(childSchema, request.body);
    if (!form.ok) return render(reply, audit, kase, { values: form.values, errors: form.errors, status: 400 });
    const result = await cases.addChild(audit, kase.id, form.value, actorOf(request));
    if (result.kind === 'invalid')
      return render(reply, audit, kase, { values: form.values, errors: errorsFrom(result.errors), status: 400 });
    await reply.flash({ kind: 'success', heading: `${form.value.pseudonym} added to ${kase.reference}` });
    return reply.redirect(`/audits/${audit.id}/cases/${kase.id}`, 303);
  };

  return { get, post };
}

/** Changing a child; a save against a stale version shows what the other person saved. */
export function editChildController({ audits, cases }: Services) {
  const get: Controller<ChildParams> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    const { kase, child } = await cases.withChild(audit, request.params.caseId, request.params.childId);
    return render(reply, audit, kase, { child, values: childFormValues(child) });
  };

  const post: Controller<ChildParams> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    const { kase, child } = await cases.withChild(audit, request.params.caseId, request.params.childId);
    const form = parseForm(childSchema, request.body);
    const values = form.values;
    if (!form.ok) return render(reply, audit, kase, { child, values, errors: form.errors, status: 400 });
    const result = await cases.changeChild(audit, kase.id, child.id, versionOf(values), form.value, actorOf(request));
    if (result.kind === 'invalid')
      return render(reply, audit, kase, { child, values, errors: errorsFrom(result.errors), status: 400 });
    if (result.kind === 'conflict') {
      const text =
        `Someone else changed ${result.theirs.pseudonym} while you were editing. ` +
        'Check their changes, shown below, then save yours again';
      return render(reply, audit, kase, {
        child: result.theirs,
        values: { ...values, version: String(result.theirs.version) },
        errors: errorsFrom({ pseudonym: { text } }),
        theirs: result.theirs,
        status: 409,
      });
    }
    await reply.flash({ kind: 'success', heading: `${form.value.pseudonym} saved` });
    return reply.redirect(`/audits/${audit.id}/cases/${kase.id}`, 303);
  };

  return { get, post };
}
