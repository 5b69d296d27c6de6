import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { nextCaseReference } from '../../domain/case-attributes.ts';
import { can } from '../../domain/authorisation.ts';
import type { Services } from '../../services.ts';
import { errorsFrom, formValues } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import { auditForUser, caseInAudit, type AuditInContext } from '../audits/audit-access.ts';
import { caseFormValues, readCaseForm } from './case-forms.ts';
import type { CaseRow } from './case-service.ts';
import { agencyItems, childRows, choices, criteriaText, memberView } from './case-view-model.ts';

type AuditParams = { Params: { auditId: string } };
type CaseParams = { Params: { auditId: string; caseId: string } };
const read = { config: { access: 'audit:read' as const } };
const manage = { config: { access: 'audit:manage' as const } };

/** The list of an audit's cases, a case's page, and adding or changing a case. */
export async function casePages(app: FastifyInstance, services: Services): Promise<void> {
  const { db, cases } = services;

  async function flash(request: FastifyRequest, heading: string) {
    request.session!.data.flash = { kind: 'success', heading };
    await services.auth.saveSessionData(request.session!);
  }

  app.get<AuditParams>('/audits/:auditId/cases', read, async (request, reply) => {
    const audit = await auditForUser(db, request.user!, request.params.auditId, 'audit:read');
    const rows = await cases.summaries(audit, actorOf(request));
    return reply.view('cases/pages/cases/view.njk', {
      pageTitle: `Cases in ${audit.title}`,
      audit,
      rows,
      canManage: can(request.user, 'audit:manage', audit.resource),
      backLink: `/audits/${audit.id}`,
    });
  });

  async function renderForm(
    reply: FastifyReply,
    audit: AuditInContext,
    options: {
      kase?: CaseRow;
      values: Record<string, string | string[]>;
      errors?: unknown;
      theirs?: CaseRow;
      status?: number;
    },
  ) {
    const agencies = await cases.agencies(audit.partnershipId);
    const theirs = options.theirs && {
      reference: options.theirs.reference,
      selectionReason: options.theirs.selection_reason,
      selectedBy: options.theirs.selected_by,
      sourceAgency: agencies.find((a) => a.id === options.theirs!.source_agency_id)?.name ?? 'Not given',
      criteria: criteriaText(options.theirs.criteria).join(', ') || 'None',
    };
    const base = `/audits/${audit.id}/cases`;
    return reply.code(options.status ?? 200).view('cases/pages/case-form/view.njk', {
      pageTitle: options.kase ? `Change ${options.kase.reference}` : 'Add a case',
      audit,
      kase: options.kase,
      action: options.kase ? `${base}/${options.kase.id}` : base,
      values: options.values,
      choices: choices(options.values),
      agencyItems: agencyItems(agencies, String(options.values.sourceAgencyId ?? '')),
      errors: options.errors,
      theirs,
      backLink: options.kase ? `${base}/${options.kase.id}` : base,
    });
  }

  app.get<AuditParams>('/audits/:auditId/cases/new', manage, async (request, reply) => {
    const audit = await auditForUser(db, request.user!, request.params.auditId, 'audit:manage');
    return renderForm(reply, audit, {
      values: { reference: nextCaseReference(await cases.references(audit.id)), selectedBy: request.user!.displayName },
    });
  });

  app.post<AuditParams>('/audits/:auditId/cases', manage, async (request, reply) => {
    const audit = await auditForUser(db, request.user!, request.params.auditId, 'audit:manage');
    const values = formValues(request.body);
    const agencies = await cases.agencies(audit.partnershipId);
    const form = readCaseForm(
      values,
      agencies.map((a) => a.id),
    );
    if (!form.ok) return renderForm(reply, audit, { values, errors: errorsFrom(form.errors), status: 400 });
    const result = await cases.create(request.user!, audit, form.value, actorOf(request));
    if (result.kind === 'invalid')
      return renderForm(reply, audit, { values, errors: errorsFrom(result.errors), status: 400 });
    await flash(request, `${form.value.reference} added`);
    return reply.redirect(`/audits/${audit.id}/cases/${result.id}`, 303);
  });

  app.get<CaseParams>('/audits/:auditId/cases/:caseId', read, async (request, reply) => {
    const audit = await auditForUser(db, request.user!, request.params.auditId, 'audit:read');
    const { kase, children, members } = await cases.detail(
      audit,
      (await caseInAudit(db, audit, request.params.caseId)).id,
      actorOf(request),
    );
    const agencies = await cases.agencies(audit.partnershipId);
    return reply.view('cases/pages/case/view.njk', {
      pageTitle: `${kase.reference} – ${audit.title}`,
      audit,
      kase,
      sourceAgency: agencies.find((a) => a.id === kase.source_agency_id)?.name,
      criteria: criteriaText(kase.criteria),
      children: children.map((child) => ({ ...child, rows: childRows(child) })),
      members: members.map(memberView),
      canManage: can(request.user, 'audit:manage', audit.resource),
      canIdentity: can(request.user, 'case:identity', audit.resource),
      backLink: `/audits/${audit.id}/cases`,
    });
  });

  app.get<CaseParams>('/audits/:auditId/cases/:caseId/edit', manage, async (request, reply) => {
    const audit = await auditForUser(db, request.user!, request.params.auditId, 'audit:manage');
    const { kase } = await cases.detail(audit, (await caseInAudit(db, audit, request.params.caseId)).id);
    return renderForm(reply, audit, { kase, values: { ...caseFormValues(kase), version: String(kase.version) } });
  });

  app.post<CaseParams>('/audits/:auditId/cases/:caseId', manage, async (request, reply) => {
    const audit = await auditForUser(db, request.user!, request.params.auditId, 'audit:manage');
    const { kase } = await cases.detail(audit, (await caseInAudit(db, audit, request.params.caseId)).id);
    const values = formValues(request.body);
    const agencies = await cases.agencies(audit.partnershipId);
    const form = readCaseForm(
      values,
      agencies.map((a) => a.id),
    );
    if (!form.ok) return renderForm(reply, audit, { kase, values, errors: errorsFrom(form.errors), status: 400 });
    const result = await cases.update(audit, kase.id, Number(values.version) || 0, form.value, actorOf(request));
    if (result.kind === 'invalid')
      return renderForm(reply, audit, { kase, values, errors: errorsFrom(result.errors), status: 400 });
    if (result.kind === 'conflict') {
      const errors = errorsFrom({
        reference: {
          text: 'Someone else changed this case while you were editing it. Check their changes, shown below, then save yours again',
        },
      });
      return renderForm(reply, audit, {
        kase: result.theirs,
        values: { ...values, version: String(result.theirs.version) },
        errors,
        theirs: result.theirs,
        status: 409,
      });
    }
    await flash(request, `${form.value.reference} saved`);
    return reply.redirect(`/audits/${audit.id}/cases/${kase.id}`, 303);
  });
}
