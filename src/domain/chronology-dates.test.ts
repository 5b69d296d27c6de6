import { describe, expect, it } from 'vitest';
import { daysBetween, formatChronologyDate, fromSpreadsheetDate, readChronologyDate } from './chronology-dates.ts';

const ok = (raw: string) => {
  const result = readChronologyDate(raw);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
};
const reason = (raw: string) => {
  const result = readChronologyDate(raw);
  return result.ok ? undefined : result.reason;
};

describe('readChronologyDate', () => {
  it.each([
    ['03/04/2019', '2019-04-03'],
    ['3/4/2019', '2019-04-03'],
    ['03.04.2019', '2019-04-03'],
    ['03-04-2019', '2019-04-03'],
    ['2019-04-03', '2019-04-03'],
    ['3 April 2019', '2019-04-03'],
    ['3rd April 2019', '2019-04-03'],
    ['3 Apr 2019', '2019-04-03'],
    ['29/02/2024', '2024-02-29'],
    ['2019-04-03T23:30:00+01:00', '2019-04-03'],
  ])('reads %s day-first as %s', (raw, iso) => {
    expect(ok(raw)).toEqual({ from: iso, to: iso, precision: 'day' });
  });

  it('reads a month on its own as the whole month', () => {
    expect(ok('April 2019')).toEqual({ from: '2019-04-01', to: '2019-04-30', precision: 'month' });
    expect(ok('02/2024')).toEqual({ from: '2024-02-01', to: '2024-02-29', precision: 'month' });
    expect(ok('2023-11')).toEqual({ from: '2023-11-01', to: '2023-11-30', precision: 'month' });
  });

  it('reads periods', () => {
    expect(ok('03/04/2019 - 10/04/2019')).toEqual({ from: '2019-04-03', to: '2019-04-10', precision: 'day' });
    expect(ok('3 April 2019 to 10 May 2019')).toEqual({ from: '2019-04-03', to: '2019-05-10', precision: 'day' });
    expect(ok('April to June 2019')).toEqual({ from: '2019-04-01', to: '2019-06-30', precision: 'month' });
    expect(ok('01/01/2019–31/03/2019')).toEqual({ from: '2019-01-01', to: '2019-03-31', precision: 'day' });
  });

  it('refuses impossible and ambiguous dates with a reason', () => {
    expect(reason('31/02/2024')).toBe('31/02/2024 is not a real date');
    expect(reason('29/02/2023')).toBe('29/02/2023 is not a real date');
    expect(reason('13/13/2019')).toBe('there is no month 13');
    expect(reason('03/04/19')).toContain('two-digit year');
    expect(reason('Smarch 2019')).toContain('is not a month');
    expect(reason('last Tuesday')).toContain('is not a date MACA can read');
    expect(reason('')).toBe('the date is missing');
    expect(reason('10/04/2019 - 03/04/2019')).toContain('ends before it starts');
  });

  it('never shifts a date whatever the machine’s time zone', () => {
    const before = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati';
    try {
      expect(ok('01/01/2020').from).toBe('2020-01-01');
      expect(fromSpreadsheetDate(new Date(Date.UTC(2020, 0, 1))).from).toBe('2020-01-01');
    } finally {
      process.env.TZ = before;
    }
  });
});

describe('helpers', () => {
  it('counts days and writes dates in words', () => {
    expect(daysBetween('2019-03-30', '2019-04-02')).toBe(3);
    expect(formatChronologyDate(ok('3 April 2019'))).toBe('3 April 2019');
    expect(formatChronologyDate(ok('April to June 2019'))).toBe('April 2019 to June 2019');
    expect(formatChronologyDate(ok('April 2019'))).toBe('April 2019');
  });
});
