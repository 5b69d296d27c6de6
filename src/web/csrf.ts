import crypto from 'node:crypto';
import { safeEqual } from '../domain/encryption.ts';

/**
 * Signed double-submit tokens: a random seed in an HttpOnly cookie, and in every form an HMAC of
 * that seed under the session secret. Another site can neither read the seed nor forge the HMAC.
 */
export function csrfTokenFor(secret: string, seed: string): string {
  return crypto.createHmac('sha256', secret).update(`csrf:${seed}`).digest('base64url');
}

export function csrfTokenValid(secret: string, seed: string | undefined, token: unknown): boolean {
  if (!seed || typeof token !== 'string' || token.length === 0) return false;
  return safeEqual(csrfTokenFor(secret, seed), token);
}
