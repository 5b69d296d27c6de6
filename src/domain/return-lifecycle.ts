/**
 * An agency return: not started -> in progress -> submitted -> signed off, or back to the auditor
 * (returned, with the lead's comments) to amend and submit again. A signed-off return is locked;
 * only the coordinator can reopen it, with a reason.
 */
export const RETURN_STATUSES = ['not_started', 'in_progress', 'submitted', 'returned', 'signed_off'] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export const RETURN_STATUS_LABELS: Record<ReturnStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  submitted: 'Submitted',
  returned: 'Returned for changes',
  signed_off: 'Signed off',
};

export type ReturnActor = 'auditor' | 'lead' | 'coordinator';
export type ReturnEvent = 'save' | 'submit' | 'sign_off' | 'send_back' | 'reopen';

type Move = {
  from: readonly ReturnStatus[];
  to: ReturnStatus;
  by: readonly ReturnActor[];
  needs?: 'comments' | 'reason';
};

const MOVES: Record<ReturnEvent, Move> = {
  save: { from: ['not_started', 'in_progress', 'returned'], to: 'in_progress', by: ['auditor', 'lead'] },
  submit: { from: ['not_started', 'in_progress', 'returned'], to: 'submitted', by: ['auditor', 'lead'] },
  sign_off: { from: ['submitted'], to: 'signed_off', by: ['lead'] },
  send_back: { from: ['submitted'], to: 'returned', by: ['lead'], needs: 'comments' },
  reopen: { from: ['signed_off', 'submitted'], to: 'in_progress', by: ['coordinator'], needs: 'reason' },
};

export type ReturnMoveCheck =
  | { ok: true; to: ReturnStatus }
  | { ok: false; problem: 'locked' | 'not-now' | 'not-permitted' | 'comments-required' | 'reason-required' };

export function checkReturnMove(
  event: ReturnEvent,
  from: ReturnStatus,
  actors: readonly ReturnActor[],
  text?: string,
): ReturnMoveCheck {
  const move = MOVES[event];
  if (!move.by.some((a) => actors.includes(a))) return { ok: false, problem: 'not-permitted' };
  if (!move.from.includes(from))
    return { ok: false, problem: from === 'signed_off' || from === 'submitted' ? 'locked' : 'not-now' };
  if (move.needs === 'comments' && !text?.trim()) return { ok: false, problem: 'comments-required' };
  if (move.needs === 'reason' && !text?.trim()) return { ok: false, problem: 'reason-required' };
  return { ok: true, to: move.to };
}

/** Whether the auditor may still change answers. */
export function isEditable(status: ReturnStatus): boolean {
  return status === 'not_started' || status === 'in_progress' || status === 'returned';
}
