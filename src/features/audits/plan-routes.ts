import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { nextAuditReference, REFERENCE_PREFIX, STANDARD_MILESTONES } from '../../domain/audit-plan.ts';
import { todayInLondon } from '../../domain/calendar-date.ts';
import type { Services } from '../../services.ts';
import { errorsFrom, formValues, type FormErrors } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import { auditForUser } from './audit-access.ts';
import { compareWithSaved } from './audit-conflict.ts';
import { MAX_OTHER_MILESTONES, otherMilestoneCount, readAuditForm, type FormFields } from './audit-form.ts';
import { formFieldsFor } from './audit-form-fields.ts';
import { referencesForYear } from './audit-plan-repository.ts';
import { listThemes, type AuditTheme } from './theme-repository.ts';

type AuditParams = { Params: { auditId: string } };
type FormPage = {
  values: FormFields;
  errors?: FormErrors;
  conflict?: { label: string; theirs: string; mine: string }[];
};

/** Planning an audit, and changing its plan: one form, with optimistic concurrency on edits. */
export async function planRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { audits, db } = services;
  const manage = { config: { access: 'audit:manage' as const } };

  async function themesFor(partnershipId: string, currentThemeId?: string | null): Promise<AuditTheme[]> {
    return (await listThemes(db, partnershipId)).filter((t) => t.active || t.id === currentThemeId);
  }

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    page: FormPage & { audit?: { id: string; title: string; themeId: string | null } },
    status = 200,
  ) {
    const user = request.user!;
    const year = Number(todayInLondon().slice(0, 4));
    const themes = await themesFor(user.partnershipId, page.audit?.themeId);
    const count = otherMilestoneCount(page.values);
    return reply.code(status).view('audits/pages/edit/view.njk', {
      pageTitle: page.audit ? `Change ${page.audit.title}` : 'Plan a new audit',
      audit: page.audit,
      action: page.audit ? `/audits/${page.audit.id}/edit` : '/audits',
      suggestedReference: nextAuditReference(
        year,
        await referencesForYear(db, user.partnershipId, REFERENCE_PREFIX, year),
      ),
      themes,
      values: page.values,
      errors: page.errors,
      conflict: page.conflict,
      standardMilestones: STANDARD_MILESTONES,
      otherIndexes: [...Array(count).keys()],
      canAddMilestone: count < MAX_OTHER_MILESTONES,
      backLink: page.audit ? `/audits/${page.audit.id}` : '/audits',
    });
  }

  /** "Add another milestone" re-shows the form with one more row; nothing is saved. */
  const addingMilestone = (values: FormFields) => values.action === 'add-milestone';
  const withExtraRow = (values: FormFields) => ({
    ...values,
    other_count: String(Math.min(MAX_OTHER_MILESTONES, otherMilestoneCount(values) + 1)),
  });

  app.get('/audits/new', manage, async (request, reply) =>
    render(request, reply, { values: { scope_kind: 'dates', joint: 'no', other_count: '1' } }),
  );

  app.post('/audits', manage, async (request, reply) => {
    const user = request.user!;
    const values = formValues(request.body);
    if (addingMilestone(values)) return render(request, reply, { values: withExtraRow(values) });
    const themes = await themesFor(user.partnershipId);
    const read = readAuditForm(values, { themeIds: themes.map((t) => t.id), today: todayInLondon() });
    if (!read.ok) return render(request, reply, { values, errors: read.errors }, 400);
    const saved = await audits.create(user, read.plan, actorOf(request));
    if (saved.kind !== 'saved') return render(request, reply, { values, errors: referenceTakenError() }, 400);
    request.session!.data.flash = {
      kind: 'success',
      heading: `Audit ${saved.reference} created`,
      text: 'Next, select the cases and invite the agencies.',
    };
    await services.auth.saveSessionData(request.session!);
    return reply.redirect(`/audits/${saved.id}`, 303);
  });

  app.get<AuditParams>('/audits/:auditId/edit', manage, async (request, reply) => {
    const audit = await auditForUser(db, request.user!, request.params.auditId, 'audit:manage');
    const record = (await audits.detail(audit.partnershipId, audit.id))!;
    return render(request, reply, { audit: record.audit, values: formFieldsFor(record.audit, record.milestones) });
  });

  app.post<AuditParams>('/audits/:auditId/edit', manage, async (request, reply) => {
    const user = request.user!;
    const audit = await auditForUser(db, user, request.params.auditId, 'audit:manage');
    const current = (await audits.detail(audit.partnershipId, audit.id))!.audit;
    const values = formValues(request.body);
    if (addingMilestone(values)) return render(request, reply, { audit: current, values: withExtraRow(values) });
    const themes = await themesFor(user.partnershipId, current.themeId);
    const read = readAuditForm(values, { themeIds: themes.map((t) => t.id), today: todayInLondon() });
    if (!read.ok) return render(request, reply, { audit: current, values, errors: read.errors }, 400);
    const version = Number(values.version);
    const saved = await audits.update(
      user,
      audit.id,
      read.plan,
      Number.isInteger(version) ? version : -1,
      actorOf(request),
    );
    if (saved.kind === 'reference-taken')
      return render(request, reply, { audit: current, values, errors: referenceTakenError() }, 400);
    if (saved.kind === 'conflict') {
      const conflict = compareWithSaved(saved.theirs, read.plan, (id) => themes.find((t) => t.id === id)?.label);
      const errors = errorsFrom({
        form: {
          text: 'Someone else changed this audit while you were editing it. Check their changes, then save again to keep yours, or go back to keep theirs',
        },
      });
      errors.list[0]!.href = '#conflict';
      return render(
        request,
        reply,
        {
          audit: saved.theirs.audit,
          values: { ...values, version: String(saved.theirs.audit.version) },
          errors,
          conflict,
        },
        409,
      );
    }
    request.session!.data.flash = { kind: 'success', heading: 'Audit plan saved' };
    await services.auth.saveSessionData(request.session!);
    return reply.redirect(`/audits/${audit.id}`, 303);
  });
}

function referenceTakenError(): FormErrors {
  return errorsFrom({
    reference: {
      text: 'An audit with this reference already exists. Enter a different reference, or leave it empty to use the next one',
    },
  });
}
