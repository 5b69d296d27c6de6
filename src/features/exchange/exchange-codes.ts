import {
  CP_CATEGORIES,
  ETHNICITIES,
  ethnicityLabel,
  HOUSEHOLD_ROLES,
  LEGAL_STATUSES,
  OTHER_CRITERION_PREFIX,
  RECORDED_AGE_BANDS,
  SELECTION_CRITERIA,
  SEXES,
} from '../../domain/case-attributes.ts';
import { AGENCY_TYPES } from '../../domain/roles.ts';

/**
 * The coded values an exchange file may hold, taken from the lists the service itself offers and
 * counts by (src/domain), so a code the report would not count can never be imported. The schema
 * generator (scripts/generate-exchange-schema.mjs) writes them into the published schema as enums.
 */
type CodeList = {
  /** What the code is, in words, for the problem an import reports. */
  words: string;
  labels: Readonly<Record<string, string>>;
  nullable: boolean;
};

export const EXCHANGE_CODE_LISTS = {
  ageBand: { words: 'an age band', labels: RECORDED_AGE_BANDS, nullable: true },
  sex: { words: 'a sex', labels: SEXES, nullable: true },
  ethnicity: {
    words: 'an ethnicity',
    labels: Object.fromEntries(ETHNICITIES.map((e) => [e.code, ethnicityLabel(e.code)])),
    nullable: true,
  },
  legalStatus: { words: 'a legal status', labels: LEGAL_STATUSES, nullable: false },
  cpCategory: { words: 'a child protection category', labels: CP_CATEGORIES, nullable: true },
  selectionCriterion: { words: 'a selection criterion', labels: SELECTION_CRITERIA, nullable: false },
  householdRole: { words: 'a household role', labels: HOUSEHOLD_ROLES, nullable: false },
  agencyType: { words: 'an agency type', labels: AGENCY_TYPES, nullable: false },
} satisfies Record<string, CodeList>;
export type CodeListName = keyof typeof EXCHANGE_CODE_LISTS;

/** A case's criteria are codes, or the coordinator's own words after this prefix. */
export const OTHER_CRITERION_PATTERN = `^${OTHER_CRITERION_PREFIX}.+`;

export const isCodeList = (name: string): name is CodeListName => Object.hasOwn(EXCHANGE_CODE_LISTS, name);

export function allowedCodes(name: CodeListName): (string | null)[] {
  const list: CodeList = EXCHANGE_CODE_LISTS[name];
  return [...Object.keys(list.labels), ...(list.nullable ? [null] : [])];
}

function describeList(name: CodeListName): string {
  const list: CodeList = EXCHANGE_CODE_LISTS[name];
  const codes = Object.entries(list.labels).map(([code, label]) => `${code} (${label})`);
  const extra =
    name === 'selectionCriterion' ? `, or "${OTHER_CRITERION_PREFIX}" followed by the partnership's own words` : '';
  return `${list.words[0]!.toUpperCase()}${list.words.slice(1)}, as a code: ${codes.join(', ')}${extra}${
    list.nullable ? '; or null when not recorded' : ''
  }.`;
}

/** The schema's $defs for the coded values: an enum each, described with the labels shown for them. */
export function codedValueDefs(): Record<CodeListName, Record<string, unknown>> {
  const defs = {} as Record<CodeListName, Record<string, unknown>>;
  for (const name of Object.keys(EXCHANGE_CODE_LISTS) as CodeListName[]) {
    const codes = { enum: allowedCodes(name) };
    const description = describeList(name);
    defs[name] =
      name === 'selectionCriterion'
        ? { description, anyOf: [codes, { type: 'string', pattern: OTHER_CRITERION_PATTERN }] }
        : { description, ...codes };
  }
  return defs;
}

/** The problem an unknown code makes: the value found, what it should be, and every allowed value. */
export function unknownCodeMessage(name: CodeListName, value: unknown): string {
  const shown = JSON.stringify(value) ?? String(value);
  const given = shown.length > 60 ? `${shown.slice(0, 57)}...` : shown;
  const codes = allowedCodes(name).map((c) => (c === null ? 'null' : c));
  const other = name === 'selectionCriterion' ? `, or "${OTHER_CRITERION_PREFIX}" and words` : '';
  const what = EXCHANGE_CODE_LISTS[name].words;
  return `${given} is not ${what} this service knows: must be one of: ${codes.join(', ')}${other}`;
}
