import { ageBandOf, type AnyAgeBand, type LegalStatusCode, type Sex } from './case-attributes.ts';
import {
  ageOn,
  BAND_WORDS,
  ETHNICITY_WORDS,
  LEGAL_STATUS_WORDS,
  looksLikeFormula,
  quoted,
  readDate,
  SEX_WORDS,
  squash,
} from './candidate-values.ts';

/** Also used by other importers (the chronology import reads formulas the same way). */
export { looksLikeFormula, readDate } from './candidate-values.ts';

/**
 * Reading a candidate list once its columns are mapped: every row either becomes a candidate or
 * is named with each reason it cannot ("Row 14: age 'abc' is not a number"). Pure: no I/O.
 * Row numbers are the spreadsheet's own (the header is row 1), so people can find the row.
 */
export const CANDIDATE_FIELDS = [
  { key: 'legalStatus', label: 'Legal status', identifying: false },
  { key: 'ageYears', label: 'Age in years', identifying: false },
  { key: 'dateOfBirth', label: 'Date of birth', identifying: true },
  { key: 'ageBand', label: 'Age band', identifying: false },
  { key: 'sex', label: 'Sex', identifying: false },
  { key: 'ethnicity', label: 'Ethnicity', identifying: false },
  { key: 'name', label: 'Name', identifying: true },
  { key: 'recordNumber', label: 'Record number', identifying: true },
  { key: 'address', label: 'Address', identifying: true },
] as const;
export type CandidateField = (typeof CANDIDATE_FIELDS)[number]['key'];
/** Column index (as text) for each mapped field; absent or '' when not mapped. */
export type ColumnMapping = Partial<Record<CandidateField, string>>;

export type ParsedRow = { number: number; cells: string[] };

export type CandidateIdentity = { name?: string; dateOfBirth?: string; recordNumber?: string; address?: string };
export type CandidateRow = {
  rowNumber: number;
  legalStatus: LegalStatusCode;
  ageBand: AnyAgeBand;
  ageYears: number | null;
  sex: Sex;
  ethnicity: string;
  identity: CandidateIdentity;
};
export type BadRow = { rowNumber: number; reasons: string[] };

const GUESSES: Record<CandidateField, RegExp> = {
  legalStatus: /legal.?status|^status$|plan.?type|category of need|cla|cin|cp.?status/i,
  ageYears: /^age$|age.?(in)?.?years|^age \(years\)$/i,
  dateOfBirth: /^dob$|date.?of.?birth|birth.?date/i,
  ageBand: /age.?band|age.?group|age.?range/i,
  sex: /^sex$|gender/i,
  ethnicity: /ethnic/i,
  name: /^name$|full.?name|child.?name|forename|surname/i,
  recordNumber: /record|case.?(no|number|id)|person.?id|\bid$|nhs|reference|mosaic|liquidlogic/i,
  address: /address|postcode/i,
};

/** A first guess at the mapping from the headings; the person checks and changes it. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  for (const field of CANDIDATE_FIELDS) {
    const index = headers.findIndex((h, i) => !used.has(i) && GUESSES[field.key].test(h.trim()));
    if (index >= 0) {
      mapping[field.key] = String(index);
      used.add(index);
    }
  }
  return mapping;
}

/** What is missing or wrong in a mapping, by field: an empty object means it can be used. */
export function checkMapping(
  mapping: ColumnMapping,
  columnCount: number,
): Partial<Record<CandidateField | 'age', string>> {
  const problems: Partial<Record<CandidateField | 'age', string>> = {};
  const chosen = new Map<string, CandidateField>();
  for (const field of CANDIDATE_FIELDS) {
    const value = mapping[field.key];
    if (value === undefined || value === '') continue;
    const index = Number(value);
    if (!Number.isInteger(index) || index < 0 || index >= columnCount) {
      problems[field.key] = `Select a column from the file for ${field.label.toLowerCase()}`;
      continue;
    }
    const other = chosen.get(value);
    if (other)
      problems[field.key] =
        `${field.label} and ${CANDIDATE_FIELDS.find((f) => f.key === other)!.label.toLowerCase()} ` +
        `cannot use the same column`;
    chosen.set(value, field.key);
  }
  const need = (key: CandidateField, text: string) => {
    if (!mapping[key] && !problems[key]) problems[key] = text;
  };
  need('legalStatus', 'Select the column that holds the legal status');
  need('sex', 'Select the column that holds the sex');
  need('ethnicity', 'Select the column that holds the ethnicity');
  if (!mapping.ageYears && !mapping.dateOfBirth && !mapping.ageBand)
    problems.age = 'Select the column that holds the age, the date of birth or the age band';
  return problems;
}

export function readCandidateRows(
  rows: readonly ParsedRow[],
  headers: readonly string[],
  mapping: ColumnMapping,
  today: string,
): { good: CandidateRow[]; bad: BadRow[]; problemsByField: Partial<Record<CandidateField, number>> } {
  const good: CandidateRow[] = [];
  const bad: BadRow[] = [];
  const problemsByField: Partial<Record<CandidateField, number>> = {};
  const column = (field: CandidateField) => (mapping[field] ? Number(mapping[field]) : -1);
  const columns = Object.fromEntries(CANDIDATE_FIELDS.map((f) => [f.key, column(f.key)])) as Record<
    CandidateField,
    number
  >;

  for (const row of rows) {
    if (row.cells.every((c) => c.trim() === '')) continue;
    const reasons: string[] = [];
    const problem = (field: CandidateField, text: string) => {
      reasons.push(text);
      problemsByField[field] = (problemsByField[field] ?? 0) + 1;
    };
    const formulaAt = row.cells.findIndex((c) => looksLikeFormula(c));
    if (formulaAt >= 0) {
      bad.push({
        rowNumber: row.number,
        reasons: [
          `column '${headers[formulaAt] ?? formulaAt + 1}' holds a spreadsheet formula, which is ` +
            `not accepted: paste the values instead`,
        ],
      });
      continue;
    }
    const cell = (field: CandidateField) => (columns[field] >= 0 ? (row.cells[columns[field]] ?? '').trim() : '');

    const legalText = cell('legalStatus');
    const legalStatus = LEGAL_STATUS_WORDS[squash(legalText)];
    if (!legalText) problem('legalStatus', 'legal status is empty');
    else if (!legalStatus)
      problem(
        'legalStatus',
        `legal status ${quoted(legalText)} is not one of none, early help, child in need, child ` +
          `protection, looked after`,
      );

    let ageBand: AnyAgeBand | undefined;
    let ageYears: number | null = null;
    let dateOfBirth: string | undefined;
    const dobText = cell('dateOfBirth');
    const ageText = cell('ageYears');
    const bandText = cell('ageBand');
    if (dobText) {
      const date = readDate(dobText);
      if (!date)
        problem(
          'dateOfBirth',
          `date of birth ${quoted(dobText)} is not a real date (use day/month/year, like 04/03/2019)`,
        );
      else if (date > today) problem('dateOfBirth', `date of birth ${quoted(dobText)} is in the future`);
      else {
        dateOfBirth = date;
        ageYears = ageOn(date, today);
        if (ageYears > 25) problem('dateOfBirth', `date of birth ${quoted(dobText)} makes the person older than 25`);
        else ageBand = ageBandOf(ageYears);
      }
    } else if (ageText) {
      if (!/^\d+(\.0+)?$/.test(ageText)) problem('ageYears', `age ${quoted(ageText)} is not a number`);
      else if (Number(ageText) > 25) problem('ageYears', `age ${quoted(ageText)} is not between 0 and 25`);
      else {
        ageYears = Math.floor(Number(ageText));
        ageBand = ageBandOf(ageYears);
      }
    } else if (bandText) {
      ageBand = BAND_WORDS[squash(bandText)];
      if (!ageBand)
        problem(
          'ageBand',
          `age band ${quoted(bandText)} is not one of unborn, under 1, 1 to 4, 5 to 9, 10 to 15, 16 to 17`,
        );
    } else {
      problem(
        columns.dateOfBirth >= 0 ? 'dateOfBirth' : columns.ageYears >= 0 ? 'ageYears' : 'ageBand',
        'there is no age, date of birth or age band',
      );
    }

    const sexText = cell('sex');
    const sex = SEX_WORDS[squash(sexText)];
    if (!sexText) problem('sex', 'sex is empty');
    else if (!sex) problem('sex', `sex ${quoted(sexText)} is not one of female, male, not known`);

    const ethnicityText = cell('ethnicity');
    const ethnicity = ETHNICITY_WORDS.get(squash(ethnicityText));
    if (!ethnicityText) problem('ethnicity', 'ethnicity is empty (use "Not known" when it is not recorded)');
    else if (!ethnicity)
      problem('ethnicity', `ethnicity ${quoted(ethnicityText)} is not one of the ONS 2021 categories or "Not known"`);

    if (reasons.length > 0 || !legalStatus || !ageBand || !sex || !ethnicity) {
      bad.push({ rowNumber: row.number, reasons });
      continue;
    }
    const identity: CandidateIdentity = {};
    if (cell('name')) identity.name = cell('name');
    if (dateOfBirth) identity.dateOfBirth = dateOfBirth;
    if (cell('recordNumber')) identity.recordNumber = cell('recordNumber');
    if (cell('address')) identity.address = cell('address');
    good.push({ rowNumber: row.number, legalStatus, ageBand, ageYears, sex, ethnicity, identity });
  }
  return { good, bad, problemsByField };
}
