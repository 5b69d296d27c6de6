/**
 * Calendar dates as 'YYYY-MM-DD' text (what PostgreSQL `date` columns hold here): read strictly
 * from GOV.UK date inputs, compared as text, shown in words. No time zones, no Date objects kept.
 */
export type IsoDate = string;

export type DateParts = { day?: string | undefined; month?: string | undefined; year?: string | undefined };

export type DateRead =
  { ok: true; value: IsoDate | null } | { ok: false; message: string; part: 'day' | 'month' | 'year' };

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * A GOV.UK date input, strictly: 31/02/2024 is not a date. `name` is how the messages speak of
 * the field ("the date the scope starts"); an empty optional input reads as null.
 */
export function readDateParts(parts: DateParts, name: string, required: boolean): DateRead {
  const day = (parts.day ?? '').trim();
  const month = (parts.month ?? '').trim();
  const year = (parts.year ?? '').trim();
  if (!day && !month && !year)
    return required ? { ok: false, message: `Enter ${name}`, part: 'day' } : { ok: true, value: null };
  const missing = (['day', 'month', 'year'] as const).filter((part) => !{ day, month, year }[part]);
  if (missing.length > 0) {
    const words = missing.length === 2 ? `a ${missing[0]} and ${missing[1]}` : `a ${missing[0]}`;
    return { ok: false, message: `${sentence(name)} must include ${words}`, part: missing[0]! };
  }
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month))
    return {
      ok: false,
      message: `${sentence(name)} must be a real date`,
      part: /^\d{1,2}$/.test(day) ? 'month' : 'day',
    };
  if (!/^\d{4}$/.test(year))
    return { ok: false, message: `${sentence(name)} must include a year with 4 numbers`, part: 'year' };
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  if (m < 1 || m > 12) return { ok: false, message: `${sentence(name)} must be a real date`, part: 'month' };
  if (d < 1 || d > daysInMonth(y, m))
    return { ok: false, message: `${sentence(name)} must be a real date`, part: 'day' };
  if (y < 1900 || y > 2200) return { ok: false, message: `${sentence(name)} must be a real date`, part: 'year' };
  return { ok: true, value: iso(y, m, d) };
}

/** The parts of a stored date, for filling a GOV.UK date input. */
export function dateParts(value: IsoDate | null | undefined): { day: string; month: string; year: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
  if (!match) return { day: '', month: '', year: '' };
  return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1]! };
}

export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** "1 June 2018". */
export function dateInWords(value: IsoDate): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${Number(match[1])}`;
}

/** The same day `months` earlier (or later), clamped to the month's last day: 31 August - 6 = 28/29 February. */
export function addMonths(value: IsoDate, months: number): IsoDate {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return iso(year, month, Math.min(d, daysInMonth(year, month)));
}

export function addDays(value: IsoDate, days: number): IsoDate {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return iso(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** Today in England, as 'YYYY-MM-DD'. */
export function todayInLondon(now: Date = new Date()): IsoDate {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
