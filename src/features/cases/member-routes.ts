import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.ts';
import { NotFound } from '../../web/errors.ts';
import { errorsFrom, formValues } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import { auditForUser, caseInAudit, isUuid, type AuditInContext } from '../audits/audit-access.ts';
import { memberFormValues, readMemberForm } from './case-forms.ts';
import type { MemberRow } from './case-service.ts';
import { choices, memberView } from './case-view-model.ts';

type CaseParams = { Params: { auditId: string; caseId: string } };
type MemberParams = { Params: { auditId: string; caseId: string; memberId: string } };
const manage = { config: { access: 'audit:manage' as const } };

/** Adding, changing and removing household members: a role and a description, never a name. */
export async function memberRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db, cases } = services;

  async function load(request: FastifyRequest<CaseParams | MemberParams>) {
    const audit = await auditForUser(db, request.user!, request.params.auditId, 'audit:manage');
    const { kase, members } = await cases.detail(audit, (await caseInAudit(db, audit, request.params.caseId)).id);
    const memberId = 'memberId' in request.params ? request.params.memberId : undefined;
    const member =
      memberId === undefined ? undefined : isUuid(memberId) ? members.find((m) => m.id === memberId) : undefined;
    if (memberId !== undefined && !member) throw new NotFound();
    return { audit, kase, member };
  }

  function render(
    reply: FastifyReply,
    audit: AuditInContext,
    kase: { id: string; reference: string },
    options: {
      member?: MemberRow;
      values: Record<string, string | string[]>;
      errors?: unknown;
      theirs?: MemberRow;
      status?: number;
    },
  ) {
    const base = `/audits/${audit.id}/cases/${kase.id}`;
    return reply.code(options.status ?? 200).view('cases/pages/member-form/view.njk', {
      pageTitle: options.member
        ? `Change a household member of ${kase.reference}`
        : `Add a household member to ${kase.reference}`,
      audit,
      kase,
      action: options.member ? `${base}/household/${options.member.id}` : `${base}/household`,
      values: options.values,
      choices: choices(options.values),
      errors: options.errors,
      theirs: options.theirs && memberView(options.theirs),
      backLink: base,
    });
  }

  async function done(request: FastifyRequest, reply: FastifyReply, heading: string, url: string) {
    request.session!.data.flash = { kind: 'success', heading };
    await services.auth.saveSessionData(request.session!);
    return reply.redirect(url, 303);
  }

  app.get<CaseParams>('/audits/:auditId/cases/:caseId/household/new', manage, async (request, reply) => {
    const { audit, kase } = await load(request);
    return render(reply, audit, kase, { values: {} });
  });

  app.post<CaseParams>('/audits/:auditId/cases/:caseId/household', manage, async (request, reply) => {
    const { audit, kase } = await load(request);
    const values = formValues(request.body);
    const form = readMemberForm(values);
    if (!form.ok) return render(reply, audit, kase, { values, errors: errorsFrom(form.errors), status: 400 });
    await cases.addMember(audit, kase.id, form.value, actorOf(request));
    return done(request, reply, `Household member added to ${kase.reference}`, `/audits/${audit.id}/cases/${kase.id}`);
  });

  app.get<MemberParams>('/audits/:auditId/cases/:caseId/household/:memberId/edit', manage, async (request, reply) => {
    const { audit, kase, member } = await load(request);
    return render(reply, audit, kase, {
      member,
      values: { ...memberFormValues(member!), version: String(member!.version) },
    });
  });

  app.post<MemberParams>('/audits/:auditId/cases/:caseId/household/:memberId', manage, async (request, reply) => {
    const { audit, kase, member } = await load(request);
    const values = formValues(request.body);
    const form = readMemberForm(values);
    if (!form.ok) return render(reply, audit, kase, { member, values, errors: errorsFrom(form.errors), status: 400 });
    const result = await cases.changeMember(
      audit,
      kase.id,
      member!.id,
      Number(values.version) || 0,
      form.value,
      actorOf(request),
    );
    if (result.kind === 'conflict') {
      const errors = errorsFrom({
        role: {
          text: 'Someone else changed this household member while you were editing. Check their changes, shown below, then save yours again',
        },
      });
      return render(reply, audit, kase, {
        member: result.theirs,
        values: { ...values, version: String(result.theirs.version) },
        errors,
        theirs: result.theirs,
        status: 409,
      });
    }
    return done(request, reply, 'Household member saved', `/audits/${audit.id}/cases/${kase.id}`);
  });

  app.get<MemberParams>('/audits/:auditId/cases/:caseId/household/:memberId/remove', manage, async (request, reply) => {
    const { audit, kase, member } = await load(request);
    const who = memberView(member!).roleText.toLowerCase();
    return reply.view('cases/pages/confirm-remove/view.njk', {
      pageTitle: `Remove a household member from ${kase.reference}`,
      audit,
      question: `Are you sure you want to remove the ${who}${member!.description ? ` (${member!.description})` : ''} from ${kase.reference}?`,
      warning: 'Their details, and their name in the identifying details, will be deleted.',
      action: `/audits/${audit.id}/cases/${kase.id}/household/${member!.id}/remove`,
      backLink: `/audits/${audit.id}/cases/${kase.id}`,
    });
  });

  app.post<MemberParams>(
    '/audits/:auditId/cases/:caseId/household/:memberId/remove',
    manage,
    async (request, reply) => {
      const { audit, kase, member } = await load(request);
      await cases.removeMember(audit, kase.id, member!.id, actorOf(request));
      return done(
        request,
        reply,
        `Household member removed from ${kase.reference}`,
        `/audits/${audit.id}/cases/${kase.id}`,
      );
    },
  );
}
