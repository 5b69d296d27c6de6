import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  dateInWords,
  dateParts,
  isIsoDate,
  readDateParts,
  todayInLondon,
} from './calendar-date.ts';

describe('reading a GOV.UK date input', () => {
  const read = (day: string, month: string, year: string, required = true) =>
    readDateParts({ day, month, year }, 'the date the scope starts', required);

  it('reads real dates, padding the parts', () => {
    expect(read('1', '6', '2018')).toEqual({ ok: true, value: '2018-06-01' });
    expect(read(' 29 ', '02', '2024')).toEqual({ ok: true, value: '2024-02-29' });
  });

  it('treats an empty optional input as no date, and an empty required one as missing', () => {
    expect(read('', '', '', false)).toEqual({ ok: true, value: null });
    expect(read('', '', '')).toEqual({ ok: false, message: 'Enter the date the scope starts', part: 'day' });
  });

  it('names the missing parts', () => {
    expect(read('1', '', '2018')).toEqual({
      ok: false,
      message: 'The date the scope starts must include a month',
      part: 'month',
    });
    expect(read('', '', '2018')).toEqual({
      ok: false,
      message: 'The date the scope starts must include a day and month',
      part: 'day',
    });
    expect(read('1', '6', '', false)).toMatchObject({
      ok: false,
      message: 'The date the scope starts must include a year',
      part: 'year',
    });
  });

  it('refuses dates that do not exist and years without four digits', () => {
    expect(read('31', '2', '2024')).toEqual({
      ok: false,
      message: 'The date the scope starts must be a real date',
      part: 'day',
    });
    expect(read('29', '2', '2023')).toMatchObject({ ok: false, part: 'day' });
    expect(read('1', '13', '2024')).toMatchObject({ ok: false, part: 'month' });
    expect(read('x', '1', '2024')).toMatchObject({ ok: false, part: 'day' });
    expect(read('1', 'June', '2024')).toMatchObject({ ok: false, part: 'month' });
    expect(read('1', '1', '24')).toEqual({
      ok: false,
      message: 'The date the scope starts must include a year with 4 numbers',
      part: 'year',
    });
    expect(read('1', '1', '1066')).toMatchObject({ ok: false, part: 'year' });
  });
});

describe('calendar arithmetic and wording', () => {
  it('says a date in words and splits it back into parts', () => {
    expect(dateInWords('2018-06-01')).toBe('1 June 2018');
    expect(dateInWords('2018-11-30')).toBe('30 November 2018');
    expect(dateParts('2018-06-01')).toEqual({ day: '1', month: '6', year: '2018' });
    expect(dateParts(null)).toEqual({ day: '', month: '', year: '' });
  });

  it('moves by months, clamping to the end of shorter months, and by days across years', () => {
    expect(addMonths('2018-11-13', -6)).toBe('2018-05-13');
    expect(addMonths('2018-08-31', -6)).toBe('2018-02-28');
    expect(addMonths('2024-08-31', -6)).toBe('2024-02-29');
    expect(addMonths('2018-01-15', -1)).toBe('2017-12-15');
    expect(addDays('2019-01-01', -1)).toBe('2018-12-31');
  });

  it('knows a valid ISO date and today in England', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    // 23:30 UTC on 30 June is already 1 July in London (summer time).
    expect(todayInLondon(new Date('2024-06-30T23:30:00Z'))).toBe('2024-07-01');
    expect(todayInLondon(new Date('2024-12-31T23:30:00Z'))).toBe('2024-12-31');
  });
});
