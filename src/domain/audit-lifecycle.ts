import type { Role } from './roles.ts';

/**
 * An audit's lifecycle: planning -> returns open -> discussion -> reporting -> monitoring -> closed.
 * Each move has a guard (what must be true) and the roles that may make it. Moving backwards needs
 * a reason, recorded with the move. Pure: the caller supplies the facts.
 */
export const AUDIT_STATUSES = ['planning', 'returns_open', 'discussion', 'reporting', 'monitoring', 'closed'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

export const AUDIT_STATUS_LABELS: Record<AuditStatus, string> = {
  planning: 'Planning',
  returns_open: 'Returns open',
  discussion: 'Discussion',
  reporting: 'Reporting',
  monitoring: 'Monitoring',
  closed: 'Closed',
};

export type AuditFacts = {
  caseCount: number;
  invitedAgencyCount: number;
  /** Agencies without an audit lead named. */
  agenciesWithoutLead: number;
  hasReturnsDeadline: boolean;
  unresolvedConcerns: number;
  openActions: number;
  /** Returns submitted or signed off. */
  returnsReceived: number;
};

export type Transition = { from: AuditStatus; to: AuditStatus; backwards: boolean; roles: readonly Role[] };

const order = (status: AuditStatus) => AUDIT_STATUSES.indexOf(status);

/** Forward one step, or back one step (with a reason). Closed audits can be reopened to monitoring. */
export function allowedTransitions(from: AuditStatus): Transition[] {
  const index = order(from);
  const result: Transition[] = [];
  const next = AUDIT_STATUSES[index + 1];
  const previous = AUDIT_STATUSES[index - 1];
  if (next) result.push({ from, to: next, backwards: false, roles: ['coordinator'] });
  if (previous) result.push({ from, to: previous, backwards: true, roles: ['coordinator'] });
  return result;
}

/** What is still missing before the audit may move to `to`; empty when it may. */
export function missingFor(to: AuditStatus, facts: AuditFacts): string[] {
  const missing: string[] = [];
  switch (to) {
    case 'returns_open':
      if (facts.caseCount < 1) missing.push('Add at least one case');
      if (facts.invitedAgencyCount < 1) missing.push('Invite at least one agency');
      if (!facts.hasReturnsDeadline) missing.push('Set the returns deadline');
      break;
    case 'discussion':
      if (facts.returnsReceived < 1) missing.push('Receive at least one agency return');
      break;
    case 'closed':
      if (facts.unresolvedConcerns > 0)
        missing.push(`Record the outcome of ${plural(facts.unresolvedConcerns, 'immediate concern')}`);
      if (facts.openActions > 0) missing.push(`Complete or close ${plural(facts.openActions, 'open action')}`);
      break;
    default:
      break;
  }
  return missing;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export type TransitionCheck =
  | { ok: true; transition: Transition }
  | { ok: false; problem: 'not-allowed' | 'not-permitted' | 'reason-required' | 'guard'; missing?: string[] };

export function checkTransition(input: {
  from: AuditStatus;
  to: AuditStatus;
  roles: readonly Role[];
  reason?: string;
  facts: AuditFacts;
}): TransitionCheck {
  const transition = allowedTransitions(input.from).find((t) => t.to === input.to);
  if (!transition) return { ok: false, problem: 'not-allowed' };
  if (!transition.roles.some((role) => input.roles.includes(role))) return { ok: false, problem: 'not-permitted' };
  if (transition.backwards) {
    if (!input.reason?.trim()) return { ok: false, problem: 'reason-required' };
    return { ok: true, transition };
  }
  const missing = missingFor(input.to, input.facts);
  if (missing.length > 0) return { ok: false, problem: 'guard', missing };
  return { ok: true, transition };
}

export function isAuditStatus(value: string): value is AuditStatus {
  return (AUDIT_STATUSES as readonly string[]).includes(value);
}
