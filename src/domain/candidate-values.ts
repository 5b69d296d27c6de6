import { ETHNIC_GROUPS, ETHNICITIES, type AnyAgeBand, type LegalStatusCode, type Sex } from './case-attributes.ts';
import { isIsoDate } from './calendar-date.ts';

/**
 * How the values in a case management system's export are read: the words and codes such systems
 * use for legal status, sex, age band and ethnicity (including DfE codes), dates, and formulas.
 */
/** Case, spacing and separators do not matter; anything else (such as a '?') does. */
export const squash = (value: string) =>
  value
    .toLowerCase()
    .replace(/[.()']/g, '')
    .replace(/[\s_\-/–,:]+/g, ' ')
    .trim();

export const LEGAL_STATUS_WORDS: Record<string, LegalStatusCode> = {
  none: 'none',
  'no plan': 'none',
  'no status': 'none',
  nfa: 'none',
  universal: 'none',
  'early help': 'early_help',
  eh: 'early_help',
  'early help assessment': 'early_help',
  tac: 'early_help',
  'team around the child': 'early_help',
  'child in need': 'child_in_need',
  cin: 'child_in_need',
  'cin plan': 'child_in_need',
  'section 17': 'child_in_need',
  s17: 'child_in_need',
  'child protection': 'child_protection',
  cp: 'child_protection',
  cpp: 'child_protection',
  'cp plan': 'child_protection',
  'child protection plan': 'child_protection',
  'section 47': 'child_protection',
  'looked after': 'looked_after',
  lac: 'looked_after',
  cla: 'looked_after',
  cic: 'looked_after',
  'child looked after': 'looked_after',
  'looked after child': 'looked_after',
  'child in care': 'looked_after',
  'in care': 'looked_after',
};
export const SEX_WORDS: Record<string, Sex> = {
  f: 'female',
  female: 'female',
  girl: 'female',
  m: 'male',
  male: 'male',
  boy: 'male',
  u: 'not_known',
  unknown: 'not_known',
  'not known': 'not_known',
  'not recorded': 'not_known',
  indeterminate: 'not_known',
  'not stated': 'not_known',
  i: 'not_known',
};
export const BAND_WORDS: Record<string, AnyAgeBand> = {
  unborn: 'unborn',
  'pre birth': 'unborn',
  prebirth: 'unborn',
  'pre natal': 'unborn',
  'under 1': 'under_1',
  '<1': 'under_1',
  '0': 'under_1',
  '0 1': 'under_1',
  'less than 1': 'under_1',
  'under one': 'under_1',
  '1 4': '1_4',
  '1 to 4': '1_4',
  '5 9': '5_9',
  '5 to 9': '5_9',
  '10 15': '10_15',
  '10 to 15': '10_15',
  '16 17': '16_17',
  '16 to 17': '16_17',
  '18': '18_plus',
  '18 plus': '18_plus',
  '18 and over': '18_plus',
};
export const ETHNICITY_WORDS = new Map<string, string>();
for (const e of ETHNICITIES) {
  for (const word of [e.code, e.label, ...e.aliases]) ETHNICITY_WORDS.set(squash(word), e.code);
}
for (const e of ETHNICITIES) {
  if (e.group === 'not_known') continue;
  ETHNICITY_WORDS.set(squash(`${e.group} ${e.label}`), e.code);
  ETHNICITY_WORDS.set(squash(`${ETHNIC_GROUPS[e.group]}: ${e.label}`), e.code);
}

/** A cell a spreadsheet would run: it is refused, never evaluated. */
export function looksLikeFormula(value: string): boolean {
  return /^[=@]/.test(value) || /^[+-][^\d\s.,]/.test(value) || /^[\t\r]/.test(value);
}

export const quoted = (value: string) => `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;

/** A date of birth as 'YYYY-MM-DD' from '2019-03-04', '04/03/2019' or '4.3.2019'. */
export function readDate(value: string): string | null {
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (match) {
    const iso = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
    return isIsoDate(iso) ? iso : null;
  }
  match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (match) {
    const iso = `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
    return isIsoDate(iso) ? iso : null;
  }
  return null;
}

export function ageOn(dateOfBirth: string, today: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}
