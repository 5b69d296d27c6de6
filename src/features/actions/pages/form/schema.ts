import { z } from 'zod';
import { dateFromParts } from '../../../../web/date-field.ts';
import type { ActionInput } from '../../action-service.ts';

export type ActionChoices = {
  agencyIds: string[];
  leadIds: string[];
  recommendationIds: string[];
  singleAgencyActionIds: string[];
};

/** A new action, its owner, lead and links checked against what belongs to the audit. */
export const actionSchema = (choices: ActionChoices) =>
  z.record(z.string(), z.union([z.string(), z.array(z.string())])).transform((body, ctx): ActionInput => {
    // One message per field: a later check on a field replaces an earlier one.
    const errors: Record<string, string> = {};
    const text = String(body.text ?? '').trim();
    if (!text) errors.text = 'Enter the action';
    else if (text.length > 2000) errors.text = 'The action must be 2000 characters or fewer';
    const agencyId = String(body.agencyId ?? '');
    if (!choices.agencyIds.includes(agencyId)) errors.agencyId = 'Select the agency that owns the action';
    const leadUserId = String(body.leadUserId ?? '');
    if (!choices.leadIds.includes(leadUserId)) errors.leadUserId = 'Select the named lead for the action';
    const recommendationId = String(body.recommendationId ?? '') || null;
    if (recommendationId && !choices.recommendationIds.includes(recommendationId))
      errors.recommendationId = 'Select a recommendation from this audit';
    const singleAgencyActionId = String(body.singleAgencyActionId ?? '') || null;
    if (singleAgencyActionId && !choices.singleAgencyActionIds.includes(singleAgencyActionId))
      errors.text = 'The single-agency action is not from this audit';
    for (const [field, message] of Object.entries(errors)) ctx.addIssue({ code: 'custom', path: [field], message });
    const startOn = dateFromParts(body, 'startOn', 'the start date', false, ctx);
    const dueOn = dateFromParts(body, 'dueOn', 'the due date', true, ctx);
    const reauditOn = dateFromParts(body, 'reauditOn', 'the re-audit date', false, ctx);
    if (startOn && dueOn && dueOn < startOn)
      ctx.addIssue({
        code: 'custom',
        path: ['dueOn-day'],
        message: 'The due date must be the same as or after the start date',
      });
    if (!dueOn) return z.NEVER;
    return { text, agencyId, leadUserId, recommendationId, singleAgencyActionId, startOn, dueOn, reauditOn };
  });

/** `?from=` names the single-agency action the new action is taken from. */
export const fromQuery = z.looseObject({ from: z.string().optional().catch(undefined) });
