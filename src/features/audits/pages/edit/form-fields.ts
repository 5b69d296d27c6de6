import { STANDARD_MILESTONES } from '../../../../domain/audit-plan.ts';
import { dateParts, type IsoDate } from '../../../../domain/calendar-date.ts';
import { MAX_OTHER_MILESTONES, type FormFields } from './schema.ts';
import type { AuditDetail, Milestone } from '../../audit-repository.ts';

/** Filling the plan form from a stored audit, in the shape a post has. */
function putDate(values: FormFields, name: string, value: IsoDate | null) {
  const parts = dateParts(value);
  values[`${name}-day`] = parts.day;
  values[`${name}-month`] = parts.month;
  values[`${name}-year`] = parts.year;
}

/** The form's fields for a stored audit, in the same shape a post has. */
export function formFieldsFor(audit: AuditDetail, milestones: Milestone[]): FormFields {
  const values: FormFields = {
    title: audit.title,
    reference: audit.reference,
    theme: audit.themeId ?? (audit.themeText ? 'other' : ''),
    theme_text: audit.themeText ?? '',
    lines_of_enquiry: audit.linesOfEnquiry,
    methodology: audit.methodology,
    scope_kind: audit.scope.kind,
    scope_months: audit.scope.months ? String(audit.scope.months) : '',
    joint: audit.jointPartnerships.length ? 'yes' : 'no',
    joint_partnerships: audit.jointPartnerships.join('\n'),
    version: String(audit.version),
  };
  putDate(values, 'scope_from', audit.scope.from);
  putDate(values, 'scope_to', audit.scope.to);
  putDate(values, 'scope_reference_date', audit.scope.referenceDate);
  for (const standard of STANDARD_MILESTONES) {
    const stored = milestones.find((m) => m.kind === standard.kind);
    putDate(values, `${standard.kind}_due`, stored?.due ?? null);
    putDate(values, `${standard.kind}_done`, stored?.done ?? null);
  }
  const others = milestones.filter((m) => m.kind === 'other');
  others.forEach((m, i) => {
    values[`other_${i}_label`] = m.label;
    putDate(values, `other_${i}_due`, m.due);
    putDate(values, `other_${i}_done`, m.done);
  });
  values.other_count = String(Math.min(MAX_OTHER_MILESTONES, others.length + 1));
  return values;
}
