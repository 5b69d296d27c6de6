import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import { errorsFrom, parseForm } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';
import type { AuditInContext } from '../../../audits/audit-access.ts';
import type { MemberRow } from '../../case-service.ts';
import { choices, memberView } from '../../case-view-model.ts';
import { versionOf, type FormState } from '../../form-fields.ts';
import { memberFormValues, memberSchema } from './schema.ts';

type CaseParams = { Params: { auditId: string; caseId: string } };
type MemberParams = { Params: { auditId: string; caseId: string; memberId: string } };
type Form = FormState<MemberRow> & { member?: MemberRow };

const CONFLICT =
  'Someone else changed this household member while you were editing. ' +
  'Check their changes, shown below, then save yours again';

function render(reply: FastifyReply, audit: AuditInContext, kase: { id: string; reference: string }, form: Form) {
  const base = `/audits/${audit.id}/cases/${kase.id}`;
  return reply.code(form.status ?? 200).view('cases/pages/member-form/view.njk', {
    pageTitle: form.member
      ? `Change a household member of ${kase.reference}`
      : `Add a household member to ${kase.reference}`,
    audit,
    kase,
    action: form.member ? `${base}/household/${form.member.id}` : `${base}/household`,
    values: form.values,
    choices: choices(form.values),
    errors: form.errors,
    theirs: form.theirs && memberView(form.theirs),
    backLink: base,
  });
}

/** Adding a household member to a case. */
export function newMemberController({ audits, cases }: Services) {
  const get: Controller<CaseParams> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    const { kase } = await cases.detail(audit, request.params.caseId);
    return render(reply, audit, kase, { values: {} });
  };

  const post: Controller<CaseParams> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    const { kase } = await cases.detail(audit, request.params.caseId);
    const form = parseForm(memberSchema, request.body);
    if (!form.ok) return render(reply, audit, kase, { values: form.values, errors: form.errors, status: 400 });
    await cases.addMember(audit, kase.id, form.value, actorOf(request));
    await reply.flash({ kind: 'success', heading: `Household member added to ${kase.reference}` });
    return reply.redirect(`/audits/${audit.id}/cases/${kase.id}`, 303);
  };

  return { get, post };
}

/** Changing a household member; a save against a stale version shows what the other person saved. */
export function editMemberController({ audits, cases }: Services) {
  const get: Controller<MemberParams> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    const { kase, member } = await cases.withMember(audit, request.params.caseId, request.params.memberId);
    return render(reply, audit, kase, { member, values: memberFormValues(member) });
  };

  const post: Controller<MemberParams> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    const { kase, member } = await cases.withMember(audit, request.params.caseId, request.params.memberId);
    const form = parseForm(memberSchema, request.body);
    const values = form.values;
    if (!form.ok) return render(reply, audit, kase, { member, values, errors: form.errors, status: 400 });
    const version = versionOf(values);
    const result = await cases.changeMember(audit, kase.id, member.id, version, form.value, actorOf(request));
    if (result.kind === 'conflict')
      return render(reply, audit, kase, {
        member: result.theirs,
        values: { ...values, version: String(result.theirs.version) },
        errors: errorsFrom({ role: { text: CONFLICT } }),
        theirs: result.theirs,
        status: 409,
      });
    await reply.flash({ kind: 'success', heading: 'Household member saved' });
    return reply.redirect(`/audits/${audit.id}/cases/${kase.id}`, 303);
  };

  return { get, post };
}
