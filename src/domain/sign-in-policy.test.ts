import { describe, expect, it } from 'vitest';
import { afterFailure, isLocked, passwordProblem, sessionExpired, SIGN_IN_POLICY } from './sign-in-policy.ts';

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 22, 9, 0) + minutes * 60_000);

describe('afterFailure', () => {
  it('locks on the fifth failure within the window, for 15 minutes', () => {
    let state = afterFailure(undefined, at(0), 5);
    for (let i = 1; i < 4; i++) state = afterFailure(state, at(i), 5);
    expect(state.failures).toBe(4);
    expect(state.lockedUntil).toBeNull();
    state = afterFailure(state, at(4), 5);
    expect(state.lockedUntil).toEqual(at(4 + SIGN_IN_POLICY.lockMinutes));
    expect(isLocked(state, at(10))).toBe(true);
    expect(isLocked(state, at(4 + SIGN_IN_POLICY.lockMinutes))).toBe(false);
  });

  it('starts counting again when the window has passed', () => {
    const state = afterFailure({ failures: 4, windowStartedAt: at(0), lockedUntil: null }, at(16), 5);
    expect(state).toEqual({ failures: 1, windowStartedAt: at(16), lockedUntil: null });
  });

  it('starts counting again after a lock has expired', () => {
    const state = afterFailure({ failures: 5, windowStartedAt: at(0), lockedUntil: at(15) }, at(15), 5);
    expect(state.failures).toBe(1);
  });
});

describe('sessionExpired', () => {
  it('ends a session idle for more than 30 minutes', () => {
    expect(sessionExpired({ createdAt: at(0), lastSeenAt: at(0) }, at(30))).toBe(false);
    expect(sessionExpired({ createdAt: at(0), lastSeenAt: at(0) }, at(31))).toBe(true);
  });

  it('ends a session 12 hours after sign-in however active', () => {
    expect(sessionExpired({ createdAt: at(0), lastSeenAt: at(719) }, at(720))).toBe(false);
    expect(sessionExpired({ createdAt: at(0), lastSeenAt: at(720) }, at(721))).toBe(true);
  });
});

describe('passwordProblem', () => {
  it('asks for 12 characters or more', () => {
    expect(passwordProblem('short')).toBe('Password must be 12 characters or more');
    expect(passwordProblem('three random words')).toBeUndefined();
  });

  it('refuses the commonest passwords whatever their case', () => {
    expect(passwordProblem('Password1234')).toBe('Choose a password that is harder to guess');
  });

  it('refuses absurdly long passwords', () => {
    expect(passwordProblem('x'.repeat(257))).toBe('Password must be 256 characters or fewer');
  });
});
