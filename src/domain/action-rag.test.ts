import { describe, expect, it } from 'vitest';
import { deriveRag, effectiveStatus } from './action-rag.ts';

const today = '2026-11-22';

describe('deriveRag', () => {
  it('is complete for a complete action, even if it finished late', () => {
    expect(deriveRag({ status: 'complete', startOn: null, dueOn: '2026-01-01', today })).toBe('complete');
  });

  it('is red past the due date, whatever the owner says', () => {
    expect(deriveRag({ status: 'on_track', startOn: null, dueOn: '2026-11-21', today })).toBe('red');
    expect(deriveRag({ status: 'overdue', startOn: null, dueOn: '2027-01-01', today })).toBe('red');
  });

  it('is amber when at risk, not started after its start date, or due within two weeks and not on track', () => {
    expect(deriveRag({ status: 'at_risk', startOn: null, dueOn: '2027-06-01', today })).toBe('amber');
    expect(deriveRag({ status: 'not_started', startOn: '2026-11-01', dueOn: '2027-06-01', today })).toBe('amber');
    expect(deriveRag({ status: 'not_started', startOn: null, dueOn: '2026-12-01', today })).toBe('amber');
  });

  it('is green when on track, or not started and not yet due to start', () => {
    expect(deriveRag({ status: 'on_track', startOn: null, dueOn: '2026-11-30', today })).toBe('green');
    expect(deriveRag({ status: 'not_started', startOn: '2027-01-01', dueOn: '2027-06-01', today })).toBe('green');
  });
});

describe('effectiveStatus', () => {
  it('shows an unfinished action past its date as overdue', () => {
    expect(effectiveStatus('on_track', '2026-11-21', today)).toBe('overdue');
    expect(effectiveStatus('on_track', '2026-11-22', today)).toBe('on_track');
    expect(effectiveStatus('complete', '2026-01-01', today)).toBe('complete');
  });
});
