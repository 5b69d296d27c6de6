import { describe, expect, it } from 'vitest';
import { allowedTransitions, AUDIT_STATUSES, checkTransition, missingFor, type AuditFacts } from './audit-lifecycle.ts';

const ready: AuditFacts = {
  caseCount: 5,
  invitedAgencyCount: 8,
  agenciesWithoutLead: 0,
  hasReturnsDeadline: true,
  unresolvedConcerns: 0,
  openActions: 0,
  returnsReceived: 12,
};

describe('audit lifecycle', () => {
  it('moves forward one step at a time, in order', () => {
    for (let i = 0; i < AUDIT_STATUSES.length - 1; i++) {
      const from = AUDIT_STATUSES[i]!;
      const to = AUDIT_STATUSES[i + 1]!;
      expect(checkTransition({ from, to, roles: ['coordinator'], facts: ready })).toMatchObject({ ok: true });
    }
    expect(checkTransition({ from: 'planning', to: 'discussion', roles: ['coordinator'], facts: ready })).toEqual({
      ok: false,
      problem: 'not-allowed',
    });
    expect(allowedTransitions('closed').map((t) => t.to)).toEqual(['monitoring']);
  });

  it('lets only the coordinator move it', () => {
    for (const role of [
      'administrator',
      'audit_lead',
      'auditor',
      'panel_member',
      'action_owner',
      'practitioner',
    ] as const) {
      expect(checkTransition({ from: 'planning', to: 'returns_open', roles: [role], facts: ready })).toEqual({
        ok: false,
        problem: 'not-permitted',
      });
    }
  });

  it('cannot open returns without a case, an invited agency and a deadline', () => {
    const facts = { ...ready, caseCount: 0, invitedAgencyCount: 0, hasReturnsDeadline: false };
    const result = checkTransition({ from: 'planning', to: 'returns_open', roles: ['coordinator'], facts });
    expect(result).toEqual({
      ok: false,
      problem: 'guard',
      missing: ['Add at least one case', 'Invite at least one agency', 'Set the returns deadline'],
    });
  });

  it('cannot close while a concern is unresolved or an action is open', () => {
    expect(missingFor('closed', { ...ready, unresolvedConcerns: 1, openActions: 3 })).toEqual([
      'Record the outcome of 1 immediate concern',
      'Complete or close 3 open actions',
    ]);
    expect(missingFor('closed', ready)).toEqual([]);
  });

  it('needs a reason to go backwards, and then skips the forward guards', () => {
    expect(checkTransition({ from: 'returns_open', to: 'planning', roles: ['coordinator'], facts: ready })).toEqual({
      ok: false,
      problem: 'reason-required',
    });
    expect(
      checkTransition({ from: 'returns_open', to: 'planning', roles: ['coordinator'], reason: '  ', facts: ready }),
    ).toEqual({ ok: false, problem: 'reason-required' });
    const result = checkTransition({
      from: 'returns_open',
      to: 'planning',
      roles: ['coordinator'],
      reason: 'A case was withdrawn',
      facts: { ...ready, caseCount: 0 },
    });
    expect(result).toMatchObject({ ok: true, transition: { backwards: true } });
  });

  it('needs a return before discussion', () => {
    expect(missingFor('discussion', { ...ready, returnsReceived: 0 })).toEqual(['Receive at least one agency return']);
  });
});
