import { describe, expect, it } from 'vitest';
import { londonInstant } from './london-time.ts';

describe('londonInstant', () => {
  it('reads winter times as UTC and summer times as UTC+1', () => {
    expect(londonInstant('2026-01-15', '09:30')?.toISOString()).toBe('2026-01-15T09:30:00.000Z');
    expect(londonInstant('2026-07-15', '09:30')?.toISOString()).toBe('2026-07-15T08:30:00.000Z');
  });

  it('accepts 9.30 and 9:30, and refuses nonsense', () => {
    expect(londonInstant('2026-07-15', '9.30')?.toISOString()).toBe('2026-07-15T08:30:00.000Z');
    expect(londonInstant('2026-07-15', '25:00')).toBeUndefined();
    expect(londonInstant('2026-07-15', 'noon')).toBeUndefined();
    expect(londonInstant('15/07/2026', '09:30')).toBeUndefined();
  });

  it('handles the day the clocks go forward', () => {
    expect(londonInstant('2026-03-29', '00:30')?.toISOString()).toBe('2026-03-29T00:30:00.000Z');
    expect(londonInstant('2026-03-29', '03:00')?.toISOString()).toBe('2026-03-29T02:00:00.000Z');
  });
});
