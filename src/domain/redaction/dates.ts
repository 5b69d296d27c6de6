import type { Found } from './text.ts';

/**
 * Dates of birth in every common UK form: 12/03/2015, 12.03.15, 12-3-2015, 12 03 2015, 12032015,
 * 2015-03-12, 2015/03/12, 12 March 2015, 12th Mar 2015, 12th of March 2015, 12-Mar-2015,
 * 12/Mar/15, 12Mar2015, March 12, 2015 and Mar 12th 2015. A two-digit year matches its last two
 * digits. The American reading of the digits (03/12/2015 for 12 March) is not a match.
 */
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|' +
  'sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const ORD = '(?:st|nd|rd|th)?';
/** Between day, month and year when the month is a word: spaces, dashes, slashes, dots or nothing. */
const SEP = '[\\s\\-/.]*';
type Reader = (m: RegExpExecArray) => [number, number, string];
const DATE_PATTERNS: { re: RegExp; read: Reader }[] = [
  {
    re: /(?<![\d])(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?![\d])/g,
    read: (m) => [Number(m[3]), Number(m[2]), m[1]!],
  },
  {
    re: /(?<![\d])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})(?![\d])/g,
    read: (m) => [Number(m[1]), Number(m[2]), m[3]!],
  },
  // Day, month and year as digits with spaces between (12 03 2015), or none at all (12032015).
  { re: /(?<![\d])(\d{2}) ?(\d{2}) ?(\d{4})(?![\d])/g, read: (m) => [Number(m[1]), Number(m[2]), m[3]!] },
  {
    re: new RegExp(
      `(?<![\\p{L}\\d])(\\d{1,2})${ORD}${SEP}(?:of\\s+)?${MONTH}\\.?,?${SEP}(\\d{4}|\\d{2})(?![\\d])`,
      'giu',
    ),
    read: (m) => [Number(m[1]), monthNumber(m[2]!), m[3]!],
  },
  {
    re: new RegExp(`(?<![\\p{L}])${MONTH}\\.?\\s+(\\d{1,2})${ORD},?\\s+(\\d{4})(?![\\d])`, 'giu'),
    read: (m) => [Number(m[2]), monthNumber(m[1]!), m[3]!],
  },
];

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** A date of birth as the coordinator recorded it: YYYY-MM-DD, DD/MM/YYYY, or any form above. */
export function parseDateOfBirth(value: string): { day: number; month: number; year: number } | undefined {
  const v = value.trim();
  for (const pattern of DATE_PATTERNS) {
    pattern.re.lastIndex = 0;
    const found = pattern.re.exec(v);
    if (found && found[0].length === v.length) {
      const [day, month, year] = pattern.read(found);
      if (year.length === 4 && month >= 1 && month <= 12 && day >= 1 && day <= 31)
        return { day, month, year: Number(year) };
    }
  }
  return undefined;
}

export type DateInText = { start: number; end: number; day: number; month: number; year: string };

/** Every date written in the text, in any of the forms above: read once per text. */
export function datesIn(text: string): DateInText[] {
  const dates: DateInText[] = [];
  for (const pattern of DATE_PATTERNS) {
    pattern.re.lastIndex = 0;
    for (const m of text.matchAll(pattern.re)) {
      const [day, month, year] = pattern.read(m);
      dates.push({ start: m.index, end: m.index + m[0].length, day, month, year });
    }
  }
  return dates;
}

export function findDate(dates: DateInText[], value: string): Found[] {
  const dob = parseDateOfBirth(value);
  if (!dob) return [];
  return dates
    .filter(
      (d) =>
        d.day === dob.day &&
        d.month === dob.month &&
        (d.year.length === 4 ? Number(d.year) === dob.year : Number(d.year) === dob.year % 100),
    )
    .map((d) => ({ start: d.start, end: d.end, rule: 'date' }));
}
