import { describe, expect, it } from 'vitest';
import { currentCode, matchingStep, newRecoveryCodes, newTotpSecret, normaliseRecoveryCode, totpUri } from './totp.ts';

describe('TOTP', () => {
  const secret = newTotpSecret();
  const now = Date.UTC(2026, 10, 22, 12, 0, 15);

  it('accepts the current code and the codes one step either side, with the step they belong to', () => {
    const step = Math.floor(now / 30_000);
    expect(matchingStep(secret, currentCode(secret, now), now)).toBe(step);
    expect(matchingStep(secret, currentCode(secret, now - 30_000), now)).toBe(step - 1);
    expect(matchingStep(secret, currentCode(secret, now + 30_000), now)).toBe(step + 1);
  });

  it('refuses old codes, wrong codes and codes that are not six digits', () => {
    expect(matchingStep(secret, currentCode(secret, now - 90_000), now)).toBeUndefined();
    expect(matchingStep(secret, 'abcdef', now)).toBeUndefined();
    expect(matchingStep(secret, '12345', now)).toBeUndefined();
  });

  it('tolerates spaces typed in the code', () => {
    const code = currentCode(secret, now);
    expect(matchingStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBeDefined();
  });

  it('builds an otpauth URI naming the service and the person', () => {
    expect(totpUri(secret, 'casey@example.org')).toMatch(/^otpauth:\/\/totp\/MACA:casey%40example\.org\?/);
  });
});

describe('recovery codes', () => {
  it('makes ten different codes that normalise to ten hex characters', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(normaliseRecoveryCode(code)).toMatch(/^[0-9a-f]{10}$/);
    expect(normaliseRecoveryCode(' ABCDE-12345 ')).toBe('abcde12345');
  });
});
