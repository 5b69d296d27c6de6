/**
 * Throttling of failed sign-ins, per account (keyed by the e-mail typed, whether or not an account
 * exists, so the lockout reveals nothing) and per address.
 */
export const SIGN_IN_POLICY = {
  accountFailuresBeforeLock: 5,
  addressFailuresBeforeLock: 30,
  failureWindowMinutes: 15,
  lockMinutes: 15,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  resetLinkMinutes: 60,
  inviteLinkDays: 7,
} as const;

export type ThrottleState = { failures: number; windowStartedAt: Date; lockedUntil: Date | null };

export function isLocked(state: ThrottleState | undefined, now: Date): boolean {
  return !!state?.lockedUntil && state.lockedUntil > now;
}

/** The state after one more failure: a new window when the old one has passed, a lock at the limit. */
export function afterFailure(state: ThrottleState | undefined, now: Date, limit: number): ThrottleState {
  const windowMs = SIGN_IN_POLICY.failureWindowMinutes * 60_000;
  const fresh =
    !state ||
    now.getTime() - state.windowStartedAt.getTime() > windowMs ||
    (state.lockedUntil !== null && state.lockedUntil <= now);
  const failures = fresh ? 1 : state.failures + 1;
  const windowStartedAt = fresh ? now : state.windowStartedAt;
  const lockedUntil = failures >= limit ? new Date(now.getTime() + SIGN_IN_POLICY.lockMinutes * 60_000) : null;
  return { failures, windowStartedAt, lockedUntil };
}

export type SessionTimes = { createdAt: Date; lastSeenAt: Date };

export function sessionExpired(session: SessionTimes, now: Date): boolean {
  const idle = now.getTime() - session.lastSeenAt.getTime() > SIGN_IN_POLICY.sessionIdleMinutes * 60_000;
  const absolute = now.getTime() - session.createdAt.getTime() > SIGN_IN_POLICY.sessionAbsoluteHours * 3_600_000;
  return idle || absolute;
}

/** Passwords: length over composition rules (NCSC guidance), and not one of the most common. */
const COMMON_PASSWORDS = new Set([
  'password1234',
  'passwordpassword',
  '123456789012',
  'qwertyuiopas',
  'letmeinletmein',
  'welcome12345',
  'iloveyou1234',
  'administrator',
  'changemechangeme',
  'password12345',
]);

export function passwordProblem(password: string): string | undefined {
  if (password.length < 12) return 'Password must be 12 characters or more';
  if (password.length > 256) return 'Password must be 256 characters or fewer';
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return 'Choose a password that is harder to guess';
  return undefined;
}
