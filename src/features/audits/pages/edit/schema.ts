import { z } from 'zod';
import {
  planDateProblems,
  STANDARD_MILESTONES,
  type AuditPlan,
  type AuditScope,
} from '../../../../domain/audit-plan.ts';
import { readDateParts, type IsoDate } from '../../../../domain/calendar-date.ts';
import { formValues, type FormErrors, type ParsedForm } from '../../../../web/forms.ts';

/**
 * The plan form: field names, reading a posted form into an `AuditPlan` with GOV.UK messages
 * naming each field. Date inputs post `${name}-day`, `${name}-month` and `${name}-year`.
 */
export type FormFields = Record<string, string | string[]>;

export const MAX_OTHER_MILESTONES = 20;
const TEXT_LIMIT = 5000;
const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9 ./_-]*$/;

const text = (values: Record<string, unknown>, name: string) => {
  const value = values[name];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return (typeof first === 'string' ? first : '').trim();
};

/** How many "other" milestone rows the form has (posted count, at least one blank row). */
export function otherMilestoneCount(values: Record<string, unknown>): number {
  const posted = Number(text(values, 'other_count'));
  return Math.min(MAX_OTHER_MILESTONES, Math.max(1, Number.isInteger(posted) ? posted : 1));
}

/**
 * Issues carry the field they belong to and the element the summary links to (a date's first wrong
 * part), as `[field, anchor]`; the first message for a field is the one shown.
 */
function planErrors(error: z.ZodError): FormErrors {
  const list: FormErrors['list'] = [];
  const fields: FormErrors['fields'] = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (fields[field]) continue;
    fields[field] = { text: issue.message };
    list.push({ text: issue.message, href: `#${String(issue.path[1] ?? field)}` });
  }
  return { list, fields };
}

type PlanOptions = { themeIds: readonly string[]; today: IsoDate };

/** The plan form's schema for this partnership's themes; every problem is reported at once. */
export function planSchema(options: PlanOptions) {
  return z.looseObject({}).transform((values, ctx): AuditPlan => {
    const addError = (field: string, message: string, href = field) =>
      ctx.addIssue({ code: 'custom', path: [field, href], message });
    const date = (name: string, phrase: string, required: boolean): IsoDate | null => {
      const read = readDateParts(
        { day: text(values, `${name}-day`), month: text(values, `${name}-month`), year: text(values, `${name}-year`) },
        phrase,
        required,
      );
      if (read.ok) return read.value;
      addError(name, read.message, `${name}-${read.part}`);
      return null;
    };
    const long = (name: string, label: string) => {
      const value = text(values, name);
      if (value.length > TEXT_LIMIT) addError(name, `${label} must be 5,000 characters or fewer`);
      return value;
    };

    const title = text(values, 'title');
    if (!title) addError('title', 'Enter a title for the audit');
    else if (title.length > 200) addError('title', 'Title must be 200 characters or fewer');

    const reference = text(values, 'reference');
    if (reference && reference.length > 40) addError('reference', 'Reference must be 40 characters or fewer');
    else if (reference && !REFERENCE.test(reference))
      addError('reference', 'Reference must only include letters, numbers, spaces, hyphens, full stops and slashes');

    const theme = text(values, 'theme');
    let themeId: string | null = null;
    let themeText: string | null = null;
    if (theme === 'other') {
      themeText = text(values, 'theme_text');
      if (!themeText) addError('theme_text', 'Enter the theme');
      else if (themeText.length > 200) addError('theme_text', 'Theme must be 200 characters or fewer');
    } else if (theme && options.themeIds.includes(theme)) {
      themeId = theme;
    } else {
      addError('theme', 'Select the audit’s theme', 'theme');
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
      if (!months) addError('scope_months', 'Enter the number of months');
      else if (!/^\d+$/.test(months)) addError('scope_months', 'Number of months must be a whole number, like 6');
      else if (Number(months) < 1 || Number(months) > 120)
        addError('scope_months', 'Number of months must be between 1 and 120');
      else scope.months = Number(months);
      scope.referenceDate = date('scope_reference_date', 'the date the months run up to', true);
    } else {
      addError('scope_kind', 'Select how the scope period is set', 'scope_kind');
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
        addError('joint_partnerships', 'Enter the other partnerships, one on each line');
      else if (jointPartnerships.length > 20 || jointPartnerships.some((p) => p.length > 200))
        addError('joint_partnerships', 'Enter up to 20 partnerships, each 200 characters or fewer');
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
      if (!label) addError(`${key}_label`, `Enter a name for milestone ${i + 1}`);
      else if (label.length > 200)
        addError(`${key}_label`, `The name of milestone ${i + 1} must be 200 characters or fewer`);
      else if (!due && !done) addError(`${key}_due`, `Enter the date of ‘${label}’`, `${key}_due-day`);
      milestones.push({ key, kind: 'other', label, due, done });
    }

    for (const problem of planDateProblems({ scope, milestones, today: options.today })) {
      addError(
        problem.field,
        problem.message,
        problem.field === 'scope_to' || problem.field.endsWith('_due') || problem.field.endsWith('_done')
          ? `${problem.field}-day`
          : problem.field,
      );
    }

    return {
      title,
      reference: reference || null,
      themeId,
      themeText,
      linesOfEnquiry,
      scope,
      methodology,
      jointPartnerships,
      milestones: milestones.map(({ kind, label, due, done }) => ({ kind, label, due, done })),
    };
  });
}

/** The posted plan, or the error summary with what was typed. */
export function parsePlan(body: unknown, options: PlanOptions): ParsedForm<AuditPlan> {
  const values = formValues(body);
  const parsed = planSchema(options).safeParse(values);
  if (parsed.success) return { ok: true, value: parsed.data, values };
  return { ok: false, errors: planErrors(parsed.error), values };
}
