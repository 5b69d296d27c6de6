import { z } from 'zod';
import { ACTION_STATUSES, type ActionStatus } from '../../../../domain/action-rag.ts';
import type { ActionProgress } from '../../action-service.ts';

const isStatus = (value: string): value is ActionStatus => Object.hasOwn(ACTION_STATUSES, value);

/** Progress on an action: its status, what has happened, and the evidence so far. */
export const progressSchema = z
  .record(z.string(), z.union([z.string(), z.array(z.string())]))
  .transform((body, ctx): ActionProgress => {
    // One message per field: a later check on a field replaces an earlier one.
    const errors: Record<string, string> = {};
    const status = String(body.status ?? '');
    if (!isStatus(status)) errors.status = 'Select the action’s status';
    const text = String(body.text ?? '').trim();
    if (!text) errors.text = 'Enter what has happened since the last update';
    for (const field of ['text', 'evidenceCompletion', 'evidenceImpact'] as const)
      if (String(body[field] ?? '').length > 4000) errors[field] = 'Use 4000 characters or fewer';
    const evidenceCompletion = String(body.evidenceCompletion ?? '').trim();
    if (status === 'complete' && !evidenceCompletion)
      errors.evidenceCompletion = 'Enter the evidence that the action is complete';
    for (const [field, message] of Object.entries(errors)) ctx.addIssue({ code: 'custom', path: [field], message });
    if (!isStatus(status)) return z.NEVER;
    return {
      status,
      text,
      evidenceCompletion,
      evidenceImpact: String(body.evidenceImpact ?? '').trim(),
      version: Number(body.version),
    };
  });
