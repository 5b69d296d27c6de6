import { z } from 'zod';
import {
  AGE_BANDS,
  CP_CATEGORIES,
  ETHNICITY_CODES,
  LEGAL_STATUSES,
  readExpectedMonth,
  SEXES,
} from '../../../../domain/case-attributes.ts';
import type { ChildForm, ChildRow } from '../../case-service.ts';
import { issue, keys, text } from '../../form-fields.ts';

const field = {
  pseudonym: text(30, 'Pseudonym must be 30 characters or fewer', 'Enter a pseudonym, like "Child A"'),
  ageKind: z.enum(['years', 'band', 'unborn'], { message: 'Select how you will give the child’s age' }),
  sex: z.enum(keys(SEXES), { message: 'Select the child’s sex' }),
  ethnicity: z.enum(ETHNICITY_CODES as [string, ...string[]], { message: 'Select the child’s ethnicity' }),
  senDisability: text(500, 'Special educational needs or disability must be 500 characters or fewer'),
  legalStatus: z.enum(keys(LEGAL_STATUSES), { message: 'Select the child’s legal status' }),
};

/**
 * A child: the age given one of three ways, a child protection category when on a plan. Fields are
 * checked in the order of the page, so the error summary lists problems in that order.
 */
export const childSchema = z.looseObject({}).transform((body, ctx): ChildForm => {
  const typed = (key: string) => (typeof body[key] === 'string' ? body[key] : '');
  const read = <S extends z.ZodType>(key: keyof typeof field, schema: S, value: unknown) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) issue(ctx, key, parsed.error.issues[0]?.message ?? 'Check this answer');
    return parsed.data;
  };
  // An unanswered choice is missing, not an empty string, so its own message is shown.
  const pseudonym = read('pseudonym', field.pseudonym, typed('pseudonym'));
  const kind = read('ageKind', field.ageKind, typed('ageKind') || undefined);
  let ageYears: number | null = null;
  let ageBand: string | null = null;
  let expectedMonth: string | null = null;
  if (kind === 'years') {
    const years = typed('ageYears').trim();
    if (!years) issue(ctx, 'ageYears', 'Enter the child’s age in years');
    else if (!/^\d{1,2}$/.test(years) || Number(years) > 25)
      issue(ctx, 'ageYears', 'Age must be a whole number of years from 0 to 25');
    else ageYears = Number(years);
  } else if (kind === 'band') {
    if (!Object.hasOwn(AGE_BANDS, typed('ageBand'))) issue(ctx, 'ageBand', 'Select the child’s age band');
    else ageBand = typed('ageBand');
  } else if (kind === 'unborn') {
    const month = readExpectedMonth(typed('expectedMonth'), typed('expectedYear'));
    if (!month.ok) issue(ctx, month.part === 'month' ? 'expectedMonth' : 'expectedYear', month.message);
    else expectedMonth = month.value;
  }
  const sex = read('sex', field.sex, typed('sex') || undefined);
  const ethnicity = read('ethnicity', field.ethnicity, typed('ethnicity') || undefined);
  const senDisability = read('senDisability', field.senDisability, typed('senDisability'));
  const legalStatus = read('legalStatus', field.legalStatus, typed('legalStatus') || undefined);
  const onPlan = typed('legalStatus') === 'child_protection';
  if (onPlan && !Object.hasOwn(CP_CATEGORIES, typed('cpCategory')))
    issue(ctx, 'cpCategory', 'Select the category of the child protection plan');
  // Only reached by the controller when no issue was added, so every answer is set then.
  return {
    pseudonym: pseudonym ?? '',
    ageYears,
    ageBand,
    unborn: kind === 'unborn',
    expectedMonth,
    sex: sex ?? '',
    ethnicity: ethnicity ?? '',
    senDisability: senDisability || null,
    legalStatus: legalStatus ?? 'none',
    cpCategory: legalStatus === 'child_protection' ? typed('cpCategory').trim() : null,
  };
});

export function childFormValues(row: ChildRow) {
  const [year, month] = (row.expected_month ?? '').split('-');
  return {
    pseudonym: row.pseudonym,
    ageKind: row.unborn ? 'unborn' : row.age_years !== null ? 'years' : row.age_band ? 'band' : '',
    ageYears: row.age_years === null ? '' : String(row.age_years),
    ageBand: row.age_band ?? '',
    expectedMonth: month ? String(Number(month)) : '',
    expectedYear: year ?? '',
    sex: row.sex ?? '',
    ethnicity: row.ethnicity ?? '',
    senDisability: row.sen_disability ?? '',
    legalStatus: row.legal_status,
    cpCategory: row.cp_category ?? '',
    version: String(row.version),
  };
}
