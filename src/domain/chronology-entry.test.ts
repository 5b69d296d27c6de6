import { describe, expect, it } from 'vitest';
import { checkEntry, readCategory, readImpact } from './chronology-entry.ts';

const scope = { from: '2018-06-01', to: '2018-11-30' };

describe('checkEntry', () => {
  it('accepts a good entry and reads its category and impact from everyday words', () => {
    const result = checkEntry(
      {
        date: '12/07/2018',
        event: 'Police called to the home',
        category: 'Incident',
        impact: 'negative',
        significant: 'yes',
      },
      scope,
    );
    expect(result).toEqual({
      ok: true,
      entry: {
        date: { from: '2018-07-12', to: '2018-07-12', precision: 'day' },
        event: 'Police called to the home',
        source: '',
        category: 'incident',
        impact: 'negative',
        actionTaken: '',
        significant: true,
      },
    });
  });

  it('names each problem: unreadable date, outside the scope, unknown category, missing text', () => {
    expect(checkEntry({ date: '31/02/2018', event: 'x', category: 'incident' }, scope)).toEqual({
      ok: false,
      errors: { date: 'The date is not readable: 31/02/2018 is not a real date' },
    });
    expect(checkEntry({ date: '01/01/2017', event: 'x', category: 'incident' }, scope)).toMatchObject({
      ok: false,
      errors: { date: expect.stringContaining('outside the audit’s scope') as string },
    });
    expect(checkEntry({ date: '01/07/2018', event: 'x', category: 'gossip' }, scope)).toEqual({
      ok: false,
      errors: { category: 'The category “gossip” is not one MACA knows' },
    });
    expect(checkEntry({ date: '01/07/2018', event: '  ', category: 'incident' }, scope)).toEqual({
      ok: false,
      errors: { event: 'Enter what happened' },
    });
  });

  it('accepts a period that overlaps the scope', () => {
    expect(checkEntry({ date: 'May to July 2018', event: 'x', category: 'school absence' }, scope).ok).toBe(true);
  });
});

describe('readCategory and readImpact', () => {
  it.each([
    ['MARAC', 'marac'],
    ['strategy meeting', 'strategy_discussion'],
    ['ICPC', 'cp_conference'],
    ['Was not brought', 'missed_appointment'],
    ['DNA', 'missed_appointment'],
    ['case_closed', 'case_closed'],
    ['New partner or adult in the household', 'new_adult'],
  ])('%s is %s', (raw, code) => expect(readCategory(raw)).toBe(code));

  it('reads impact, empty meaning neutral', () => {
    expect(readImpact('')).toBe('neutral');
    expect(readImpact('Positive')).toBe('positive');
    expect(readImpact('sideways')).toBeUndefined();
  });
});
