import { z } from 'zod';
import {
  AGE_BANDS,
  CP_CATEGORIES,
  ETHNICITY_CODES,
  HOUSEHOLD_ROLES,
  LEGAL_STATUSES,
  OTHER_CRITERION_PREFIX,
  readExpectedMonth,
  SELECTION_CRITERIA,
  SEXES,
  type LegalStatusCode,
} from '../../domain/case-attributes.ts';
import { asArray } from '../../web/forms.ts';

/** One zod schema per form; each field owns its GOV.UK message. */
type Fields = Record<string, { text: string }>;
export type FormRead<T> = { ok: true; value: T } | { ok: false; errors: Fields };

const keys = <T extends Record<string, string>>(labels: T) =>
  Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];
const trimmed = (max: number, tooLong: string) => z.string().trim().max(max, tooLong);

function fieldsOf(error: z.ZodError): Fields {
  const fields: Fields = {};
  for (const issue of error.issues) fields[String(issue.path[0] ?? 'form')] ??= { text: issue.message };
  return fields;
}

const caseSchema = z.object({
  reference: trimmed(50, 'Reference must be 50 characters or fewer').min(1, 'Enter a reference, like "Case 1"'),
  selectionReason: trimmed(2000, 'Why the case was selected must be 2,000 characters or fewer'),
  selectedBy: trimmed(200, 'Who selected it must be 200 characters or fewer'),
  sourceAgencyId: z.string().trim(),
  criteria: z.array(z.enum(keys(SELECTION_CRITERIA), { message: 'Select criteria from the list' })),
  criteriaOther: trimmed(200, 'Other criteria must be 200 characters or fewer'),
});
export type CaseForm = {
  reference: string;
  selectionReason: string;
  selectedBy: string;
  sourceAgencyId: string | null;
  criteria: string[];
};

export function readCaseForm(body: Record<string, unknown>, agencyIds: readonly string[]): FormRead<CaseForm> {
  const parsed = caseSchema.safeParse({
    ...body,
    criteria: asArray(body.criteria),
    sourceAgencyId: body.sourceAgencyId ?? '',
    criteriaOther: body.criteriaOther ?? '',
    selectionReason: body.selectionReason ?? '',
    selectedBy: body.selectedBy ?? '',
    reference: body.reference ?? '',
  });
  if (!parsed.success) return { ok: false, errors: fieldsOf(parsed.error) };
  const v = parsed.data;
  if (v.sourceAgencyId && !agencyIds.includes(v.sourceAgencyId))
    return { ok: false, errors: { sourceAgencyId: { text: 'Select an agency from the list' } } };
  const criteria = [...v.criteria, ...(v.criteriaOther ? [`${OTHER_CRITERION_PREFIX}${v.criteriaOther}`] : [])];
  return {
    ok: true,
    value: {
      reference: v.reference,
      selectionReason: v.selectionReason,
      selectedBy: v.selectedBy,
      sourceAgencyId: v.sourceAgencyId || null,
      criteria,
    },
  };
}

/** The form's values from a stored case: coded criteria as checkboxes, the free text apart. */
export function caseFormValues(row: {
  reference: string;
  selection_reason: string;
  selected_by: string;
  source_agency_id: string | null;
  criteria: string[];
}) {
  return {
    reference: row.reference,
    selectionReason: row.selection_reason,
    selectedBy: row.selected_by,
    sourceAgencyId: row.source_agency_id ?? '',
    criteria: row.criteria.filter((c) => !c.startsWith(OTHER_CRITERION_PREFIX)),
    criteriaOther:
      row.criteria.find((c) => c.startsWith(OTHER_CRITERION_PREFIX))?.slice(OTHER_CRITERION_PREFIX.length) ?? '',
  };
}

const childSchema = z.object({
  pseudonym: trimmed(30, 'Pseudonym must be 30 characters or fewer').min(1, 'Enter a pseudonym, like "Child A"'),
  ageKind: z.enum(['years', 'band', 'unborn'], { message: 'Select how you will give the child’s age' }),
  ageYears: z.string().trim(),
  ageBand: z.string().trim(),
  expectedMonth: z.string(),
  expectedYear: z.string(),
  sex: z.enum(keys(SEXES), { message: 'Select the child’s sex' }),
  ethnicity: z.enum(ETHNICITY_CODES as [string, ...string[]], { message: 'Select the child’s ethnicity' }),
  senDisability: trimmed(500, 'Special educational needs or disability must be 500 characters or fewer'),
  legalStatus: z.enum(keys(LEGAL_STATUSES), { message: 'Select the child’s legal status' }),
  cpCategory: z.string().trim(),
});
export type ChildForm = {
  pseudonym: string;
  ageYears: number | null;
  ageBand: string | null;
  unborn: boolean;
  expectedMonth: string | null;
  sex: string;
  ethnicity: string;
  senDisability: string | null;
  legalStatus: LegalStatusCode;
  cpCategory: string | null;
};

export function readChildForm(body: Record<string, unknown>): FormRead<ChildForm> {
  const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');
  const parsed = childSchema.safeParse({
    ...Object.fromEntries(Object.keys(childSchema.shape).map((k) => [k, text(k)])),
    // An unanswered choice is missing, not an empty string, so its own message is shown.
    ageKind: text('ageKind') || undefined,
    sex: text('sex') || undefined,
    ethnicity: text('ethnicity') || undefined,
    legalStatus: text('legalStatus') || undefined,
  });
  const errors: Fields = parsed.success ? {} : fieldsOf(parsed.error);
  const v = parsed.data;
  const kind = text('ageKind');
  let ageYears: number | null = null;
  let ageBand: string | null = null;
  let expectedMonth: string | null = null;
  if (kind === 'years') {
    const years = text('ageYears').trim();
    if (!years) errors.ageYears ??= { text: 'Enter the child’s age in years' };
    else if (!/^\d{1,2}$/.test(years) || Number(years) > 25)
      errors.ageYears ??= { text: 'Age must be a whole number of years from 0 to 25' };
    else ageYears = Number(years);
  } else if (kind === 'band') {
    if (!Object.hasOwn(AGE_BANDS, text('ageBand'))) errors.ageBand ??= { text: 'Select the child’s age band' };
    else ageBand = text('ageBand');
  } else if (kind === 'unborn') {
    const month = readExpectedMonth(text('expectedMonth'), text('expectedYear'));
    if (!month.ok) errors[month.part === 'month' ? 'expectedMonth' : 'expectedYear'] ??= { text: month.message };
    else expectedMonth = month.value;
  }
  const legal = text('legalStatus');
  if (legal === 'child_protection' && !Object.hasOwn(CP_CATEGORIES, text('cpCategory')))
    errors.cpCategory ??= { text: 'Select the category of the child protection plan' };
  if (Object.keys(errors).length > 0 || !v) {
    // The error summary lists problems in the order of the page.
    const order = [
      'pseudonym',
      'ageKind',
      'ageYears',
      'ageBand',
      'expectedMonth',
      'expectedYear',
      'sex',
      'ethnicity',
      'senDisability',
      'legalStatus',
      'cpCategory',
    ];
    return { ok: false, errors: Object.fromEntries(order.filter((k) => errors[k]).map((k) => [k, errors[k]!])) };
  }
  return {
    ok: true,
    value: {
      pseudonym: v.pseudonym,
      ageYears,
      ageBand,
      unborn: kind === 'unborn',
      expectedMonth,
      sex: v.sex,
      ethnicity: v.ethnicity,
      senDisability: v.senDisability || null,
      legalStatus: v.legalStatus,
      cpCategory: v.legalStatus === 'child_protection' ? v.cpCategory : null,
    },
  };
}

export function childFormValues(row: {
  pseudonym: string;
  age_years: number | null;
  age_band: string | null;
  unborn: boolean;
  expected_month: string | null;
  sex: string | null;
  ethnicity: string | null;
  sen_disability: string | null;
  legal_status: string;
  cp_category: string | null;
}) {
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
  };
}

const memberSchema = z.object({
  role: z.enum(keys(HOUSEHOLD_ROLES), { message: 'Select the person’s role in the family' }),
  description: trimmed(200, 'Description must be 200 characters or fewer'),
  inHousehold: z.enum(['yes', 'no'], { message: 'Select yes if the person lives in the household' }),
  posesRisk: z.enum(['yes', 'no'], { message: 'Select yes if the person poses a risk to the children' }),
});
export type MemberForm = { role: string; description: string; inHousehold: boolean; posesRisk: boolean };

export function readMemberForm(body: Record<string, unknown>): FormRead<MemberForm> {
  const text = (key: string) => (typeof body[key] === 'string' && body[key] !== '' ? (body[key] as string) : undefined);
  const parsed = memberSchema.safeParse({
    role: text('role'),
    description: text('description') ?? '',
    inHousehold: text('inHousehold'),
    posesRisk: text('posesRisk'),
  });
  if (!parsed.success) return { ok: false, errors: fieldsOf(parsed.error) };
  return {
    ok: true,
    value: {
      role: parsed.data.role,
      description: parsed.data.description,
      inHousehold: parsed.data.inHousehold === 'yes',
      posesRisk: parsed.data.posesRisk === 'yes',
    },
  };
}

export function memberFormValues(row: {
  role: string;
  description: string;
  in_household: boolean;
  poses_risk: boolean;
}) {
  return {
    role: row.role,
    description: row.description,
    inHousehold: row.in_household ? 'yes' : 'no',
    posesRisk: row.poses_risk ? 'yes' : 'no',
  };
}
