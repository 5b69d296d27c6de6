import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { nextChildPseudonym } from '../../domain/case-attributes.ts';
import type { Services } from '../../services.ts';
import { NotFound } from '../../web/errors.ts';
import { errorsFrom, formValues } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import { auditForUser, caseInAudit, isUuid, type AuditInContext } from '../audits/audit-access.ts';
import { childFormValues, readChildForm } from './case-forms.ts';
import type { ChildRow } from './case-service.ts';
import { childRows, choices } from './case-view-model.ts';

type CaseParams = { Params: { auditId: string; caseId: string } };
type ChildParams = { Params: { auditId: string; caseId: string; childId: string } };
const manage = { config: { access: 'audit:manage' as const } };

/** Adding, changing and removing a case's children (pseudonymous: "Child A"). */
export async function childRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db, cases } = services;

  async function load(request: FastifyRequest<CaseParams | ChildParams>) {
    const audit = await auditForUser(db, request.user!, request.params.auditId, 'audit:manage');
    const { kase, children } = await cases.detail(audit, (await caseInAudit(db, audit, request.params.caseId)).id);
    const childId = 'childId' in request.params ? request.params.childId : undefined;
    const child =
      childId === undefined ? undefined : isUuid(childId) ? children.find((c) => c.id === childId) : undefined;
    if (childId !== undefined && !child) throw new NotFound();
    return { audit, kase, children, child };
  }

  function render(
    reply: FastifyReply,
    audit: AuditInContext,
    kase: { id: string; reference: string },
    options: {
      child?: ChildRow;
      values: Record<string, string | string[]>;
      errors?: unknown;
      theirs?: ChildRow;
      status?: number;
    },
  ) {
    const base = `/audits/${audit.id}/cases/${kase.id}`;
    return reply.code(options.status ?? 200).view('cases/pages/child-form/view.njk', {
      pageTitle: options.child ? `Change ${options.child.pseudonym}` : `Add a child to ${kase.reference}`,
      audit,
      kase,
      action: options.child ? `${base}/children/${options.child.id}` : `${base}/children`,
      values: options.values,
      choices: choices(options.values),
      errors: options.errors,
      theirs: options.theirs && { pseudonym: options.theirs.pseudonym, rows: childRows(options.theirs) },
      backLink: base,
    });
  }

  async function done(request: FastifyRequest, reply: FastifyReply, heading: string, url: string) {
    request.session!.data.flash = { kind: 'success', heading };
    await services.auth.saveSessionData(request.session!);
    return reply.redirect(url, 303);
  }

  app.get<CaseParams>('/audits/:auditId/cases/:caseId/children/new', manage, async (request, reply) => {
    const { audit, kase, children } = await load(request);
    return render(reply, audit, kase, { values: { pseudonym: nextChildPseudonym(children.map((c) => c.pseudonym)) } });
  });

  app.post<CaseParams>('/audits/:auditId/cases/:caseId/children', manage, async (request, reply) => {
    const { audit, kase } = await load(request);
    const values = formValues(request.body);
    const form = readChildForm(values);
    if (!form.ok) return render(reply, audit, kase, { values, errors: errorsFrom(form.errors), status: 400 });
    const result = await cases.addChild(audit, kase.id, form.value, actorOf(request));
    if (result.kind === 'invalid')
      return render(reply, audit, kase, { values, errors: errorsFrom(result.errors), status: 400 });
    return done(
      request,
      reply,
      `${form.value.pseudonym} added to ${kase.reference}`,
      `/audits/${audit.id}/cases/${kase.id}`,
    );
  });

  app.get<ChildParams>('/audits/:auditId/cases/:caseId/children/:childId/edit', manage, async (request, reply) => {
    const { audit, kase, child } = await load(request);
    return render(reply, audit, kase, {
      child,
      values: { ...childFormValues(child!), version: String(child!.version) },
    });
  });

  app.post<ChildParams>('/audits/:auditId/cases/:caseId/children/:childId', manage, async (request, reply) => {
    const { audit, kase, child } = await load(request);
    const values = formValues(request.body);
    const form = readChildForm(values);
    if (!form.ok) return render(reply, audit, kase, { child, values, errors: errorsFrom(form.errors), status: 400 });
    const result = await cases.changeChild(
      audit,
      kase.id,
      child!.id,
      Number(values.version) || 0,
      form.value,
      actorOf(request),
    );
    if (result.kind === 'invalid')
      return render(reply, audit, kase, { child, values, errors: errorsFrom(result.errors), status: 400 });
    if (result.kind === 'conflict') {
      const errors = errorsFrom({
        pseudonym: {
          text: `Someone else changed ${result.theirs.pseudonym} while you were editing. Check their changes, shown below, then save yours again`,
        },
      });
      return render(reply, audit, kase, {
        child: result.theirs,
        values: { ...values, version: String(result.theirs.version) },
        errors,
        theirs: result.theirs,
        status: 409,
      });
    }
    return done(request, reply, `${form.value.pseudonym} saved`, `/audits/${audit.id}/cases/${kase.id}`);
  });

  app.get<ChildParams>('/audits/:auditId/cases/:caseId/children/:childId/remove', manage, async (request, reply) => {
    const { audit, kase, child } = await load(request);
    return reply.view('cases/pages/confirm-remove/view.njk', {
      pageTitle: `Remove ${child!.pseudonym} from ${kase.reference}`,
      audit,
      question: `Are you sure you want to remove ${child!.pseudonym} from ${kase.reference}?`,
      warning: 'The child’s details, and their name and date of birth in the identifying details, will be deleted.',
      action: `/audits/${audit.id}/cases/${kase.id}/children/${child!.id}/remove`,
      backLink: `/audits/${audit.id}/cases/${kase.id}`,
    });
  });

  app.post<ChildParams>('/audits/:auditId/cases/:caseId/children/:childId/remove', manage, async (request, reply) => {
    const { audit, kase, child } = await load(request);
    await cases.removeChild(audit, kase.id, child!.id, actorOf(request));
    return done(
      request,
      reply,
      `${child!.pseudonym} removed from ${kase.reference}`,
      `/audits/${audit.id}/cases/${kase.id}`,
    );
  });
}
