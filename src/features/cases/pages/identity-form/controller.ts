import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import { errorsFrom, formValues, parseForm, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';
import { agencyItems, memberView } from '../../case-view-model.ts';
import { versionOf } from '../../form-fields.ts';
import type { StoredIdentity } from '../../identity-repository.ts';
import { identityView } from '../../identity-view-model.ts';
import {
  applyIntent,
  identityFormValues,
  identitySchema,
  identityValuesSchema,
  type IdentityFormValues,
} from './schema.ts';

type CaseParams = { Params: { auditId: string; caseId: string } };
type Context = Awaited<ReturnType<Services['identity']['context']>>;
type Form = {
  values: IdentityFormValues;
  version: number;
  errors?: FormErrors;
  theirs?: StoredIdentity;
  status?: number;
};

const CONFLICT =
  'Someone else changed these details while you were editing. ' +
  'Their details are shown first; the form still holds yours. Check both, then save again';

function render(reply: FastifyReply, { audit, kase, children, members, agencies }: Context, form: Form) {
  const url = `/audits/${audit.id}/cases/${kase.id}/identifying-details`;
  return reply.code(form.status ?? 200).view('cases/pages/identity-form/view.njk', {
    pageTitle: `Change the identifying details for ${kase.reference}`,
    audit,
    kase,
    values: form.values,
    version: form.version,
    children: children.map((c, i) => ({ ...c, value: form.values.children[i] })),
    adults: members.map((m, i) => ({ ...memberView(m), value: form.values.adults[i] })),
    records: form.values.records.map((r) => ({
      ...r,
      agencyItems: agencyItems(agencies, r.agencyId, 'Select an agency'),
    })),
    theirs: form.theirs && identityView(form.theirs, children, members, agencies),
    errors: form.errors,
    action: url,
    backLink: url,
  });
}

/** Changing a case's identifying details, against the version the person started from. */
export function identityFormController({ identity }: Services) {
  const get: Controller<CaseParams> = async (request, reply) => {
    const { auditId, caseId } = request.params;
    const { stored, ...context } = await identity.open(request.user, auditId, caseId, actorOf(request), 'edit');
    const values = identityFormValues(stored.identity, context.children, context.members);
    return render(reply, context, { values, version: stored.version });
  };

  const post: Controller<CaseParams> = async (request, reply) => {
    const context = await identity.context(request.user, request.params.auditId, request.params.caseId);
    const { children, members, agencies } = context;
    const posted = formValues(request.body);
    const { values, intent } = identityValuesSchema(children, members).parse(posted);
    const version = versionOf(posted);
    if (intent.kind !== 'save') return render(reply, context, { values: applyIntent(values, intent), version });
    const form = parseForm(
      identitySchema(
        children,
        members,
        agencies.map((a) => a.id),
      ),
      request.body,
    );
    if (!form.ok) return render(reply, context, { values, version, errors: form.errors, status: 400 });
    const result = await identity.save(context.audit, context.kase.id, form.value, version, actorOf(request));
    if (result.kind === 'conflict')
      return render(reply, context, {
        values,
        version: result.theirs.version,
        errors: errorsFrom({ form: { text: CONFLICT } }),
        theirs: result.theirs,
        status: 409,
      });
    await reply.flash({ kind: 'success', heading: `Identifying details for ${context.kase.reference} saved` });
    return reply.redirect(`/audits/${context.audit.id}/cases/${context.kase.id}/identifying-details`, 303);
  };

  return { get, post };
}
