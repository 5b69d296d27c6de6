/**
 * Dates as chronologies state them: a day ("03/04/2019", "3 April 2019", "2019-04-03"), a month
 * only ("April 2019", "04/2019"), or a period ("03/04/2019 - 10/04/2019", "April to June 2019").
 * UK day-first order; two-digit years are refused (ambiguous); no time zone is ever involved.
 */
export type Precision = 'day' | 'month';
export type ChronologyDate = { from: string; to: string; precision: Precision };
export type DateReadResult = { ok: true; value: ChronologyDate } | { ok: false; reason: string };

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function monthIndex(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return undefined;
  const i = MONTHS.findIndex((m) => m.startsWith(w));
  return i >= 0 ? i + 1 : undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function day(y: number, m: number, d: number): { ok: true; iso: string } | { ok: false; reason: string } {
  if (y < 1900 || y > 2100) return { ok: false, reason: `the year ${y} is not plausible` };
  if (m < 1 || m > 12) return { ok: false, reason: `there is no month ${m}` };
  if (d < 1 || d > daysIn(y, m)) return { ok: false, reason: `${d}/${pad(m)}/${y} is not a real date` };
  return { ok: true, iso: `${y}-${pad(m)}-${pad(d)}` };
}

type Point = { ok: true; from: string; to: string; precision: Precision } | { ok: false; reason: string };

/** One date or month, from the formats people and case systems write. */
function readPoint(raw: string): Point {
  const text = raw
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/(\d)(st|nd|rd|th)\b/gi, '$1');
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (match) return fromDay(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})(?: [\d:.]+)?$/.exec(text);
  if (match) {
    if (match[3]!.length !== 4)
      return { ok: false, reason: `“${raw.trim()}” has a two-digit year: write the year in full` };
    return fromDay(Number(match[3]), Number(match[2]), Number(match[1]));
  }
  match = /^(\d{1,2}) ([A-Za-z]+\.?),? (\d{4})$/.exec(text);
  if (match) {
    const m = monthIndex(match[2]!);
    return m ? fromDay(Number(match[3]), m, Number(match[1])) : { ok: false, reason: `“${match[2]}” is not a month` };
  }
  match = /^([A-Za-z]+\.?),? (\d{4})$/.exec(text);
  if (match) {
    const m = monthIndex(match[1]!);
    return m ? fromMonth(Number(match[2]), m) : { ok: false, reason: `“${match[1]}” is not a month` };
  }
  match = /^(\d{1,2})[/.-](\d{4})$/.exec(text) ?? /^(\d{4})-(\d{1,2})$/.exec(text);
  if (match) {
    const [a, b] = [Number(match[1]), Number(match[2])];
    return a > 12 ? fromMonth(a, b) : fromMonth(b, a);
  }
  return {
    ok: false,
    reason: `“${raw.trim()}” is not a date MACA can read (use 03/04/2019, 3 April 2019 or April 2019)`,
  };
}

function fromDay(y: number, m: number, d: number): Point {
  const result = day(y, m, d);
  return result.ok ? { ok: true, from: result.iso, to: result.iso, precision: 'day' } : result;
}

function fromMonth(y: number, m: number): Point {
  const first = day(y, m, 1);
  if (!first.ok) return first;
  return { ok: true, from: first.iso, to: `${y}-${pad(m)}-${pad(daysIn(y, m))}`, precision: 'month' };
}

/** A date, a month, or a period written with "-", "–", "to" or "until". */
export function readChronologyDate(raw: string): DateReadResult {
  const text = raw.trim();
  if (!text) return { ok: false, reason: 'the date is missing' };
  const parts = text.split(/\s+(?:-|–|—|to|until)\s+|\s*[–—]\s*/i);
  if (parts.length === 2) {
    // "April to June 2019": the first half borrows the year of the second.
    let left = parts[0]!;
    const right = parts[1]!;
    if (/^[A-Za-z]+\.?$/.test(left.trim()) && /\d{4}$/.test(right)) left = `${left} ${right.slice(-4)}`;
    const a = readPoint(left);
    const b = readPoint(right);
    if (!a.ok) return a;
    if (!b.ok) return b;
    if (a.from > b.to) return { ok: false, reason: `the period ends before it starts (“${text}”)` };
    return {
      ok: true,
      value: { from: a.from, to: b.to, precision: a.precision === 'day' && b.precision === 'day' ? 'day' : 'month' },
    };
  }
  if (parts.length > 2) return { ok: false, reason: `“${text}” has more than two dates` };
  const point = readPoint(text);
  return point.ok ? { ok: true, value: { from: point.from, to: point.to, precision: point.precision } } : point;
}

/** A spreadsheet's own date cell (exceljs gives a Date at UTC midnight): the calendar day it shows. */
export function fromSpreadsheetDate(value: Date): ChronologyDate {
  const iso = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  return { from: iso, to: iso, precision: 'day' };
}

export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function formatChronologyDate(d: ChronologyDate): string {
  const words = (iso: string, precision: Precision) => {
    const [y, m, dd] = iso.split('-').map(Number) as [number, number, number];
    const month = MONTHS[m - 1]!;
    const title = month.charAt(0).toUpperCase() + month.slice(1);
    return precision === 'month' ? `${title} ${y}` : `${dd} ${title} ${y}`;
  };
  if (d.precision === 'month') {
    const start = words(d.from, 'month');
    const end = words(d.to, 'month');
    return start === end ? start : `${start} to ${end}`;
  }
  return d.from === d.to ? words(d.from, 'day') : `${words(d.from, 'day')} to ${words(d.to, 'day')}`;
}
