import { readDateParts } from '../../domain/calendar-date.ts';

/** A new or changed action, as the coordinator or panel types it. */
export type ActionInput = {
  text: string;
  agencyId: string;
  leadUserId: string;
  recommendationId: string | null;
  singleAgencyActionId: string | null;
  startOn: string | null;
  dueOn: string;
  reauditOn: string | null;
};

const parts = (body: Record<string, string | string[]>, name: string) => ({
  day: String(body[`${name}-day`] ?? ''),
  month: String(body[`${name}-month`] ?? ''),
  year: String(body[`${name}-year`] ?? ''),
});

export function readAction(
  body: Record<string, string | string[]>,
  choices: { agencyIds: string[]; leadIds: string[]; recommendationIds: string[]; singleAgencyActionIds: string[] },
) {
  const errors: Record<string, { text: string }> = {};
  const text = String(body.text ?? '').trim();
  if (!text) errors.text = { text: 'Enter the action' };
  else if (text.length > 2000) errors.text = { text: 'The action must be 2000 characters or fewer' };
  const agencyId = String(body.agencyId ?? '');
  if (!choices.agencyIds.includes(agencyId)) errors.agencyId = { text: 'Select the agency that owns the action' };
  const leadUserId = String(body.leadUserId ?? '');
  if (!choices.leadIds.includes(leadUserId)) errors.leadUserId = { text: 'Select the named lead for the action' };
  const recommendationId = String(body.recommendationId ?? '') || null;
  if (recommendationId && !choices.recommendationIds.includes(recommendationId))
    errors.recommendationId = { text: 'Select a recommendation from this audit' };
  const singleAgencyActionId = String(body.singleAgencyActionId ?? '') || null;
  if (singleAgencyActionId && !choices.singleAgencyActionIds.includes(singleAgencyActionId))
    errors.text = { text: 'The single-agency action is not from this audit' };
  const start = readDateParts(parts(body, 'startOn'), 'the start date', false);
  const due = readDateParts(parts(body, 'dueOn'), 'the due date', true);
  const reaudit = readDateParts(parts(body, 'reauditOn'), 'the re-audit date', false);
  if (!start.ok) errors[`startOn-${start.part}`] = { text: start.message };
  if (!due.ok) errors[`dueOn-${due.part}`] = { text: due.message };
  if (!reaudit.ok) errors[`reauditOn-${reaudit.part}`] = { text: reaudit.message };
  if (start.ok && due.ok && start.value && due.value && due.value < start.value)
    errors['dueOn-day'] = { text: 'The due date must be the same as or after the start date' };
  if (Object.keys(errors).length || !due.ok || !due.value) return { ok: false as const, errors };
  return {
    ok: true as const,
    value: {
      text,
      agencyId,
      leadUserId,
      recommendationId,
      singleAgencyActionId,
      startOn: start.ok ? start.value : null,
      dueOn: due.value,
      reauditOn: reaudit.ok ? reaudit.value : null,
    } satisfies ActionInput,
  };
}
