import { planDateProblems, STANDARD_MILESTONES, type AuditPlan, type AuditScope } from '../../domain/audit-plan.ts';
import { readDateParts, type IsoDate } from '../../domain/calendar-date.ts';
import type { FormErrors } from '../../web/forms.ts';

/**
 * The plan form: field names, reading a posted form into an `AuditPlan` with GOV.UK messages
 * naming each field. Date inputs post `${name}-day`, `${name}-month` and `${name}-year`.
 */
export type FormFields = Record<string, string | string[]>;

export const MAX_OTHER_MILESTONES = 20;
const TEXT_LIMIT = 5000;
const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9 ./_-]*$/;

const text = (values: FormFields, name: string) => {
  const value = values[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
};

/** How many "other" milestone rows the form has (posted count, at least one blank row). */
export function otherMilestoneCount(values: FormFields): number {
  const posted = Number(text(values, 'other_count'));
  return Math.min(MAX_OTHER_MILESTONES, Math.max(1, Number.isInteger(posted) ? posted : 1));
}

type ErrorMap = Map<string, { text: string; href: string }>;

function addError(errors: ErrorMap, field: string, message: string, href = field) {
  if (!errors.has(field)) errors.set(field, { text: message, href: `#${href}` });
}

export function toFormErrors(errors: ErrorMap): FormErrors {
  const fields: Record<string, { text: string }> = {};
  for (const [field, { text: message }] of errors) fields[field] = { text: message };
  return { list: [...errors.values()], fields };
}

export type ReadResult = { ok: true; plan: AuditPlan } | { ok: false; errors: FormErrors };

export function readAuditForm(
  values: FormFields,
  options: { themeIds: readonly string[]; today: IsoDate },
): ReadResult {
  const errors: ErrorMap = new Map();
  const date = (name: string, phrase: string, required: boolean): IsoDate | null => {
    const read = readDateParts(
      { day: text(values, `${name}-day`), month: text(values, `${name}-month`), year: text(values, `${name}-year`) },
      phrase,
      required,
    );
    if (read.ok) return read.value;
    addError(errors, name, read.message, `${name}-${read.part}`);
    return null;
  };
  const long = (name: string, label: string) => {
    const value = text(values, name);
    if (value.length > TEXT_LIMIT) addError(errors, name, `${label} must be 5,000 characters or fewer`);
    return value;
  };

  const title = text(values, 'title');
  if (!title) addError(errors, 'title', 'Enter a title for the audit');
  else if (title.length > 200) addError(errors, 'title', 'Title must be 200 characters or fewer');

  const reference = text(values, 'reference');
  if (reference && reference.length > 40) addError(errors, 'reference', 'Reference must be 40 characters or fewer');
  else if (reference && !REFERENCE.test(reference))
    addError(
      errors,
      'reference',
      'Reference must only include letters, numbers, spaces, hyphens, full stops and slashes',
    );

  const theme = text(values, 'theme');
  let themeId: string | null = null;
  let themeText: string | null = null;
  if (theme === 'other') {
    themeText = text(values, 'theme_text');
    if (!themeText) addError(errors, 'theme_text', 'Enter the theme');
    else if (themeText.length > 200) addError(errors, 'theme_text', 'Theme must be 200 characters or fewer');
  } else if (theme && options.themeIds.includes(theme)) {
    themeId = theme;
  } else {
    addError(errors, 'theme', 'Select the audit’s theme', 'theme');
  }

  const linesOfEnquiry = long('lines_of_enquiry', 'Key lines of enquiry');
  const methodology = long('methodology', 'Methodology notes');

  const scopeKind = text(values, 'scope_kind');
  const scope: AuditScope = {
    kind: scopeKind === 'months' ? 'months' : 'dates',
    from: null,
    to: null,
    months: null,
    referenceDate: null,
  };
  if (scopeKind === 'dates') {
    scope.from = date('scope_from', 'the date the scope starts', true);
    scope.to = date('scope_to', 'the date the scope ends', true);
  } else if (scopeKind === 'months') {
    const months = text(values, 'scope_months');
    if (!months) addError(errors, 'scope_months', 'Enter the number of months');
    else if (!/^\d+$/.test(months)) addError(errors, 'scope_months', 'Number of months must be a whole number, like 6');
    else if (Number(months) < 1 || Number(months) > 120)
      addError(errors, 'scope_months', 'Number of months must be between 1 and 120');
    else scope.months = Number(months);
    scope.referenceDate = date('scope_reference_date', 'the date the months run up to', true);
  } else {
    addError(errors, 'scope_kind', 'Select how the scope period is set', 'scope_kind');
  }

  let jointPartnerships: string[] = [];
  if (text(values, 'joint') === 'yes') {
    jointPartnerships = [
      ...new Set(
        text(values, 'joint_partnerships')
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter(Boolean),
      ),
    ];
    if (jointPartnerships.length === 0)
      addError(errors, 'joint_partnerships', 'Enter the other partnerships, one on each line');
    else if (jointPartnerships.length > 20 || jointPartnerships.some((p) => p.length > 200))
      addError(errors, 'joint_partnerships', 'Enter up to 20 partnerships, each 200 characters or fewer');
  }

  const milestones: (AuditPlan['milestones'][number] & { key: string })[] = [];
  for (const standard of STANDARD_MILESTONES) {
    const due = date(`${standard.kind}_due`, `the date of ${standard.phrase}`, false);
    const done = date(`${standard.kind}_done`, `the date ${standard.phrase} was done`, false);
    if (due || done) milestones.push({ key: standard.kind, kind: standard.kind, label: standard.label, due, done });
  }
  for (let i = 0; i < otherMilestoneCount(values); i++) {
    const key = `other_${i}`;
    const label = text(values, `${key}_label`);
    const due = date(`${key}_due`, `the date of milestone ${i + 1}`, false);
    const done = date(`${key}_done`, `the date milestone ${i + 1} was done`, false);
    if (!label && !due && !done) continue;
    if (!label) addError(errors, `${key}_label`, `Enter a name for milestone ${i + 1}`);
    else if (label.length > 200)
      addError(errors, `${key}_label`, `The name of milestone ${i + 1} must be 200 characters or fewer`);
    else if (!due && !done) addError(errors, `${key}_due`, `Enter the date of ‘${label}’`, `${key}_due-day`);
    milestones.push({ key, kind: 'other', label, due, done });
  }

  for (const problem of planDateProblems({ scope, milestones, today: options.today })) {
    addError(
      errors,
      problem.field,
      problem.message,
      problem.field === 'scope_to' || problem.field.endsWith('_due') || problem.field.endsWith('_done')
        ? `${problem.field}-day`
        : problem.field,
    );
  }

  if (errors.size > 0) return { ok: false, errors: toFormErrors(errors) };
  return {
    ok: true,
    plan: {
      title,
      reference: reference || null,
      themeId,
      themeText,
      linesOfEnquiry,
      scope,
      methodology,
      jointPartnerships,
      milestones: milestones.map(({ kind, label, due, done }) => ({ kind, label, due, done })),
    },
  };
}
