/**
 * An action's RAG (red, amber, green) from its status and dates: what a subgroup reads at a
 * glance. Status is what the owner says; the dates can overrule it (a late action is red whatever
 * its status says). Pure: "today" is passed in.
 */
export const ACTION_STATUSES = {
  not_started: 'Not started',
  on_track: 'On track',
  at_risk: 'At risk',
  overdue: 'Overdue',
  complete: 'Complete',
} as const;
export type ActionStatus = keyof typeof ACTION_STATUSES;
export type Rag = 'red' | 'amber' | 'green' | 'complete';

const DUE_SOON_DAYS = 14;

function daysUntil(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export function deriveRag(input: { status: ActionStatus; startOn: string | null; dueOn: string; today: string }): Rag {
  if (input.status === 'complete') return 'complete';
  const left = daysUntil(input.today, input.dueOn);
  if (left < 0 || input.status === 'overdue') return 'red';
  if (input.status === 'at_risk') return 'amber';
  if (input.status === 'not_started' && input.startOn && daysUntil(input.today, input.startOn) < 0) return 'amber';
  if (left <= DUE_SOON_DAYS && input.status !== 'on_track') return 'amber';
  return 'green';
}

/** The status to show: an action past its due date and not complete is overdue, whatever was set. */
export function effectiveStatus(status: ActionStatus, dueOn: string, today: string): ActionStatus {
  return status !== 'complete' && daysUntil(today, dueOn) < 0 ? 'overdue' : status;
}
