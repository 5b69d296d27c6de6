import { setTimeout as sleep } from 'node:timers/promises';
import { currentCode } from '../../../src/features/auth/totp.ts';
import type { Journey } from './journey.ts';

// An authenticator app, as the tests play it: the key typed in from the set-up page, RFC 6238 codes.

/** The key shown on the set-up page (`#totp-key`, grouped in fours), as a person types it into an app. */
export async function totpKeyFrom(journey: Journey): Promise<string> {
  const shown = await journey.page.locator('#totp-key').innerText();
  return shown.replace(/\s+/g, '');
}

const STEP_MS = 30_000;
export type TotpCode = { code: string; step: number };

/** The code an authenticator app shows now, and the 30-second step it belongs to. */
export function codeNow(secret: string): TotpCode {
  const now = Date.now();
  return { code: currentCode(secret, now), step: Math.floor(now / STEP_MS) };
}

/** A code cannot be used twice: waits for the first step after `usedStep`, then gives its code. */
export async function codeAfter(secret: string, usedStep: number): Promise<TotpCode> {
  const waitMs = (usedStep + 1) * STEP_MS - Date.now();
  if (waitMs > 0) await sleep(waitMs + 250);
  return codeNow(secret);
}
