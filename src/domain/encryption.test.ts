import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decrypt, encrypt, hashSecret, newSecret, safeEqual } from './encryption.ts';

const key = crypto.randomBytes(32);

describe('encrypt and decrypt', () => {
  it('round-trips text, and never stores it readable', () => {
    const stored = encrypt(key, 'Child A, born 01/02/2020, NHS 943 476 5919');
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain('Child A');
    expect(decrypt(key, stored)).toBe('Child A, born 01/02/2020, NHS 943 476 5919');
  });

  it('uses a fresh IV each time', () => {
    expect(encrypt(key, 'same')).not.toBe(encrypt(key, 'same'));
  });

  it('refuses a value changed at rest or read with another key', () => {
    const stored = encrypt(key, 'secret');
    const parts = stored.split('.');
    const tampered = [...parts.slice(0, 3), Buffer.from('other').toString('base64url')].join('.');
    expect(() => decrypt(key, tampered)).toThrow();
    expect(() => decrypt(crypto.randomBytes(32), stored)).toThrow();
    expect(() => decrypt(key, 'not-encrypted')).toThrow('Unrecognised');
  });
});

describe('secrets', () => {
  it('makes long random secrets and stores only a hash', () => {
    const a = newSecret();
    expect(a.length).toBeGreaterThanOrEqual(43);
    expect(newSecret()).not.toBe(a);
    expect(hashSecret(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret(a)).toBe(hashSecret(a));
  });

  it('compares in constant time, including different lengths', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});
