import { MONTHS } from './calendar-date.ts';

/**
 * The words a case is described in, pseudonymously: legal status, age band, sex, ethnicity
 * (ONS 2021 categories), selection criteria and household roles. Codes are stored; labels shown.
 */
export const LEGAL_STATUSES = {
  none: 'None',
  early_help: 'Early help',
  child_in_need: 'Child in need',
  child_protection: 'Child protection plan',
  looked_after: 'Looked after',
} as const;
export type LegalStatusCode = keyof typeof LEGAL_STATUSES;

export const CP_CATEGORIES = {
  neglect: 'Neglect',
  physical: 'Physical abuse',
  emotional: 'Emotional abuse',
  sexual: 'Sexual abuse',
  multiple: 'Multiple categories',
} as const;
export type CpCategory = keyof typeof CP_CATEGORIES;

/** The bands a person can choose; `unborn` and `18_plus` are derived (expected month, age in years). */
export const AGE_BANDS = {
  under_1: 'Under 1',
  '1_4': '1 to 4',
  '5_9': '5 to 9',
  '10_15': '10 to 15',
  '16_17': '16 to 17',
} as const;
export type AgeBand = keyof typeof AGE_BANDS;
/** The bands a child's record can hold (a case management system's list may say "18 and over"). */
export const RECORDED_AGE_BANDS = { ...AGE_BANDS, '18_plus': '18 and over' } as const;
export const ALL_AGE_BANDS = { unborn: 'Unborn', ...RECORDED_AGE_BANDS } as const;
export type AnyAgeBand = keyof typeof ALL_AGE_BANDS;

export const SEXES = { female: 'Female', male: 'Male', not_known: 'Not known' } as const;
export type Sex = keyof typeof SEXES;

export const SELECTION_CRITERIA = {
  early_help: 'Early help',
  child_in_need: 'Child in need',
  child_protection: 'Child protection plan',
  looked_after: 'Looked after',
  unborn: 'Unborn',
  child_on_parent_violence: 'Child on parent violence',
} as const;
export type SelectionCriterion = keyof typeof SELECTION_CRITERIA;
/** Free-text criteria are stored beside the codes with this prefix, so they cannot be mistaken for one. */
export const OTHER_CRITERION_PREFIX = 'other:';

export const HOUSEHOLD_ROLES = {
  mother: 'Mother',
  father: 'Father',
  partner: 'Partner of a parent',
  step_parent: 'Step-parent',
  sibling: 'Sibling',
  grandparent: 'Grandparent',
  other_adult: 'Other adult',
} as const;
export type HouseholdRole = keyof typeof HOUSEHOLD_ROLES;

export const ETHNIC_GROUPS = {
  asian: 'Asian, Asian British or Asian Welsh',
  black: 'Black, Black British, Black Welsh, Caribbean or African',
  mixed: 'Mixed or Multiple ethnic groups',
  white: 'White',
  other: 'Other ethnic group',
  not_known: 'Not known',
} as const;
export type EthnicGroup = keyof typeof ETHNIC_GROUPS;

/**
 * ONS 2021 census categories (England and Wales), plus "Not known". `aliases` help read imports (DfE codes,
 * short names).
 */
export const ETHNICITIES: readonly { code: string; group: EthnicGroup; label: string; aliases: readonly string[] }[] = [
  { code: 'asian_bangladeshi', group: 'asian', label: 'Bangladeshi', aliases: ['ABAN'] },
  { code: 'asian_chinese', group: 'asian', label: 'Chinese', aliases: ['CHNE'] },
  { code: 'asian_indian', group: 'asian', label: 'Indian', aliases: ['AIND'] },
  { code: 'asian_pakistani', group: 'asian', label: 'Pakistani', aliases: ['APKN'] },
  { code: 'asian_other', group: 'asian', label: 'Any other Asian background', aliases: ['AOTH', 'Other Asian'] },
  { code: 'black_african', group: 'black', label: 'African', aliases: ['BAFR', 'Black African'] },
  { code: 'black_caribbean', group: 'black', label: 'Caribbean', aliases: ['BCRB', 'Black Caribbean'] },
  {
    code: 'black_other',
    group: 'black',
    label: 'Any other Black, Black British or Caribbean background',
    aliases: ['BOTH', 'Other Black'],
  },
  { code: 'mixed_white_asian', group: 'mixed', label: 'White and Asian', aliases: ['MWAS'] },
  { code: 'mixed_white_black_african', group: 'mixed', label: 'White and Black African', aliases: ['MWBA'] },
  { code: 'mixed_white_black_caribbean', group: 'mixed', label: 'White and Black Caribbean', aliases: ['MWBC'] },
  {
    code: 'mixed_other',
    group: 'mixed',
    label: 'Any other Mixed or Multiple background',
    aliases: ['MOTH', 'Other Mixed'],
  },
  {
    code: 'white_british',
    group: 'white',
    label: 'English, Welsh, Scottish, Northern Irish or British',
    aliases: ['WBRI', 'White British', 'British'],
  },
  { code: 'white_irish', group: 'white', label: 'Irish', aliases: ['WIRI', 'White Irish'] },
  {
    code: 'white_gypsy_traveller',
    group: 'white',
    label: 'Gypsy or Irish Traveller',
    aliases: ['WIRT', 'Traveller of Irish heritage'],
  },
  { code: 'white_roma', group: 'white', label: 'Roma', aliases: ['WROM', 'Gypsy/Roma'] },
  { code: 'white_other', group: 'white', label: 'Any other White background', aliases: ['WOTH', 'Other White'] },
  { code: 'other_arab', group: 'other', label: 'Arab', aliases: [] },
  { code: 'other_any', group: 'other', label: 'Any other ethnic group', aliases: ['OOTH', 'Other'] },
  {
    code: 'not_known',
    group: 'not_known',
    label: 'Not known',
    aliases: ['NOBT', 'REFU', 'Refused', 'Not obtained', 'Unknown', 'Not recorded', 'Prefer not to say'],
  },
];
export const ETHNICITY_CODES = ETHNICITIES.map((e) => e.code);

export function ethnicityLabel(code: string | null | undefined): string {
  const found = ETHNICITIES.find((e) => e.code === code);
  if (!found) return code ?? '';
  return found.group === 'not_known' ? found.label : `${ETHNIC_GROUPS[found.group]}: ${found.label}`;
}

export function ethnicGroupOf(code: string): EthnicGroup {
  return ETHNICITIES.find((e) => e.code === code)?.group ?? 'not_known';
}

export function ageBandOf(years: number): AnyAgeBand {
  if (years < 1) return 'under_1';
  if (years <= 4) return '1_4';
  if (years <= 9) return '5_9';
  if (years <= 15) return '10_15';
  if (years <= 17) return '16_17';
  return '18_plus';
}

/** A child's band, whichever way the age was given. */
export function childAgeBand(child: {
  unborn: boolean;
  age_years: number | null;
  age_band: string | null;
}): AnyAgeBand | null {
  if (child.unborn) return 'unborn';
  if (child.age_years !== null) return ageBandOf(child.age_years);
  return child.age_band && Object.hasOwn(ALL_AGE_BANDS, child.age_band) ? (child.age_band as AnyAgeBand) : null;
}

export function label<T extends Record<string, string>>(labels: T, code: string | null | undefined): string {
  if (code === null || code === undefined) return '';
  return Object.hasOwn(labels, code) ? labels[code as keyof T]! : code;
}

export function isCode<T extends Record<string, string>>(labels: T, value: unknown): value is keyof T & string {
  return typeof value === 'string' && Object.hasOwn(labels, value);
}

/** An expected month typed as month and year: it must be a real month ("13/2025" is not). */
export function readExpectedMonth(
  month: string,
  year: string,
): { ok: true; value: string } | { ok: false; message: string; part: 'month' | 'year' } {
  const m = month.trim();
  const y = year.trim();
  if (!m && !y) return { ok: false, message: 'Enter the month the baby is expected', part: 'month' };
  if (!m) return { ok: false, message: 'The expected month must include a month', part: 'month' };
  if (!y) return { ok: false, message: 'The expected month must include a year', part: 'year' };
  if (!/^\d{1,2}$/.test(m) || Number(m) < 1 || Number(m) > 12)
    return { ok: false, message: 'The expected month must be a real month', part: 'month' };
  if (!/^\d{4}$/.test(y))
    return { ok: false, message: 'The expected month must include a year with 4 numbers', part: 'year' };
  if (Number(y) < 2000 || Number(y) > 2100)
    return { ok: false, message: 'The expected month must be a real month', part: 'year' };
  return { ok: true, value: `${y}-${m.padStart(2, '0')}` };
}

/** "March 2025" from "2025-03". */
export function monthInWords(value: string | null | undefined): string {
  const match = /^(\d{4})-(\d{2})$/.exec(value ?? '');
  return match ? `${MONTHS[Number(match[2]) - 1]} ${match[1]}` : '';
}

/** The next unused "Case N" and "Child X" defaults. */
export function nextCaseReference(existing: readonly string[]): string {
  const used = new Set(existing.map((r) => r.trim().toLowerCase()));
  let n = existing.length + 1;
  for (const r of existing) {
    const match = /^case (\d+)$/i.exec(r.trim());
    if (match) n = Math.max(n, Number(match[1]) + 1);
  }
  while (used.has(`case ${n}`)) n++;
  return `Case ${n}`;
}

export function nextChildPseudonym(existing: readonly string[]): string {
  const used = new Set(existing.map((p) => p.trim().toLowerCase()));
  for (let i = 0; i < 26 * 27; i++) {
    const letters =
      i < 26
        ? String.fromCharCode(65 + i)
        : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26));
    if (!used.has(`child ${letters.toLowerCase()}`)) return `Child ${letters}`;
  }
  return `Child ${existing.length + 1}`;
}
