import type { FastifyReply } from 'fastify';
import { AUDIT_STATUS_LABELS, type AuditStatus } from '../../../../domain/audit-lifecycle.ts';
import { RETURN_STATUS_LABELS, type ReturnStatus } from '../../../../domain/return-lifecycle.ts';
import { milestoneState, scopeInWords, STANDARD_MILESTONES } from '../../../../domain/audit-plan.ts';
import { can } from '../../../../domain/authorisation.ts';
import { todayInLondon } from '../../../../domain/calendar-date.ts';
import type { Services } from '../../../../services.ts';
import { parseForm, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import type { AuditInContext } from '../../audit-access.ts';
import { auditMoves, auditTasks, lifecycleSteps, STATUS_TAG_CLASSES, type Task } from '../../audit-tasks.ts';
import { moveSchema } from './schema.ts';

type Params = { Params: { auditId: string } };
type Form = { errors?: FormErrors; reason?: string; status?: number };

/** What a move does, said before it is made (issue 12): who gains or loses what, and who is told. */
const MOVE_EFFECTS: Partial<Record<AuditStatus, string[]>> = {
  discussion: [
    'Auditors and audit leads of the invited agencies can no longer see the families’ identifying details.',
    'Each agency’s submitted and signed-off returns and chronologies are shared with the other invited agencies.',
    'The meeting record, findings and recommendations open for the coordinator and panel.',
    'Agencies can still submit the returns listed above; they count once they are submitted.',
    'No one is e-mailed by this move: tell the agencies listed above yourself.',
  ],
  reporting: [
    'The audit leads of the invited agencies can read the report to the subgroup.',
    'Agencies can still submit the returns listed above; the report counts them once they are submitted.',
    'No one is e-mailed by this move: tell the agencies listed above yourself.',
  ],
};

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const TASK_STATUS: Record<Task['state'], Record<string, unknown>> = {
  completed: { text: 'Completed' },
  incomplete: { tag: { text: 'Incomplete', classes: 'govuk-tag--blue' } },
  optional: { text: 'Optional' },
  'not-yet': { text: 'Cannot start yet', classes: 'govuk-task-list__status--cannot-start-yet' },
};

/** The audit's page at `path`, if it exists and this person may open it (other features add them). */
function linker(request: SignedInRequest, audit: AuditInContext) {
  return (path: string) => {
    const route = request.server.routeCatalogue.find(
      (r) => r.method === 'GET' && !r.api && r.url === `/audits/:auditId${path}`,
    );
    return route && can(request.user, route.access, audit.resource) ? `/audits/${audit.id}${path}` : undefined;
  };
}

const oneError = (text: string, href: string): FormErrors => ({
  list: [{ text, href }],
  fields: href === '#reason' ? { reason: { text } } : {},
});

/** The audit page: its plan, milestones, where it is in its lifecycle, and the moves from here. */
export function auditController({ audits }: Services) {
  async function render(request: SignedInRequest<Params>, reply: FastifyReply, form: Form = {}) {
    const user = request.user;
    const { audit, record, facts } = await audits.withFacts(user, request.params.auditId);
    const { audit: detail, milestones, history } = record;
    const today = todayInLondon();
    const manage = can(user, 'audit:manage', audit.resource);
    const link = linker(request, audit);
    const taskGroups = auditTasks(detail.status, facts, link).map((group) => ({
      heading: group.heading,
      items: group.tasks.map((task) => ({
        title: { text: task.title },
        hint: task.hint ? { text: task.hint } : undefined,
        href: task.state === 'not-yet' ? undefined : task.href,
        status: TASK_STATUS[task.state],
      })),
    }));
    return reply.code(form.status ?? 200).view('audits/pages/show/view.njk', {
      pageTitle: detail.title,
      audit: detail,
      scopeText: sentence(scopeInWords(detail.scope)),
      statusLabel: AUDIT_STATUS_LABELS[detail.status],
      statusClass: STATUS_TAG_CLASSES[detail.status],
      steps: lifecycleSteps(detail.status),
      milestones: milestones.map((m) => ({
        ...m,
        label: STANDARD_MILESTONES.find((s) => s.kind === m.kind)?.label ?? m.label,
        state: milestoneState(m, today),
      })),
      history: history.map((h) => ({
        ...h,
        fromLabel: AUDIT_STATUS_LABELS[h.from],
        toLabel: AUDIT_STATUS_LABELS[h.to],
      })),
      taskGroups,
      unresolvedConcerns: facts.unresolvedConcerns,
      concernsHref: link('/concerns'),
      moves: manage ? auditMoves(detail.status, facts) : [],
      manage,
      errors: form.errors,
      reason: form.reason ?? '',
      backLink: '/audits',
    });
  }

  const get: Controller<Params> = (request, reply) => render(request, reply);

  /** One lifecycle move; a refusal shows the audit page again with what stopped it. */
  const post: Controller<Params> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    const form = parseForm(moveSchema, request.body);
    const typedReason = String(form.values.reason ?? '').slice(0, 2000);
    if (!form.ok) return render(request, reply, { status: 400, reason: typedReason, errors: form.errors });
    const { to, reason } = form.value;
    const fail = (status: number, text: string, href: string) =>
      render(request, reply, { status, reason, errors: oneError(text, href) });
    const result = await audits.move(request.user, audit.id, form.value, actorOf(request));
    switch (result.kind) {
      case 'moved':
        await reply.flash({ kind: 'success', heading: `The audit has moved to ${AUDIT_STATUS_LABELS[result.to]}` });
        return reply.redirect(`/audits/${audit.id}`, 303);
      case 'confirm':
        return reply.view('audits/pages/show/confirm-move.njk', {
          pageTitle: `Move the audit to ${AUDIT_STATUS_LABELS[result.to]} with returns outstanding?`,
          audit,
          to: result.to,
          toLabel: AUDIT_STATUS_LABELS[result.to],
          outstanding: result.outstanding.map((o) => ({
            ...o,
            statusLabel: RETURN_STATUS_LABELS[(o.status ?? 'not_started') as ReturnStatus] ?? 'Not started',
          })),
          effects: MOVE_EFFECTS[result.to] ?? [],
          version: form.value.version,
          reason,
          backLink: `/audits/${audit.id}`,
        });
      case 'stale':
        return fail(
          409,
          'Someone else changed this audit since you opened this page. Check where it is now, then try again',
          '#lifecycle',
        );
      case 'reason-required':
        return fail(400, `Enter why the audit is moving back to ${AUDIT_STATUS_LABELS[to]}`, '#reason');
      case 'guard':
        return render(request, reply, {
          status: 400,
          reason,
          errors: { list: result.missing.map((text) => ({ text, href: '#tasks' })), fields: {} },
        });
      default:
        return fail(
          400,
          `The audit cannot move from ${AUDIT_STATUS_LABELS[audit.status]} to ${AUDIT_STATUS_LABELS[to]}`,
          '#moves',
        );
    }
  };

  return { get, post };
}
