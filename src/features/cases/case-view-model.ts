import {
  ALL_AGE_BANDS,
  AGE_BANDS,
  childAgeBand,
  CP_CATEGORIES,
  ETHNIC_GROUPS,
  ETHNICITIES,
  ethnicityLabel,
  HOUSEHOLD_ROLES,
  label,
  LEGAL_STATUSES,
  monthInWords,
  OTHER_CRITERION_PREFIX,
  SELECTION_CRITERIA,
  SEXES,
} from '../../domain/case-attributes.ts';
import type { ChildRow, MemberRow } from './case-service.ts';

/** What the pages show: codes turned into words, choices for the forms. */
const options = (labels: Record<string, string>, selected?: string | string[]) =>
  Object.entries(labels).map(([value, text]) => ({
    value,
    text,
    checked: Array.isArray(selected) ? selected.includes(value) : selected === value,
  }));

export function criteriaText(criteria: readonly string[]): string[] {
  return criteria.map((c) =>
    c.startsWith(OTHER_CRITERION_PREFIX) ? c.slice(OTHER_CRITERION_PREFIX.length) : label(SELECTION_CRITERIA, c),
  );
}

export function childAge(child: ChildRow): string {
  if (child.unborn) return child.expected_month ? `Unborn, expected ${monthInWords(child.expected_month)}` : 'Unborn';
  if (child.age_years !== null) {
    const years = `${child.age_years} ${child.age_years === 1 ? 'year' : 'years'}`;
    return `${years} (${label(ALL_AGE_BANDS, childAgeBand(child))})`;
  }
  return child.age_band ? label(ALL_AGE_BANDS, child.age_band) : 'Not recorded';
}

export function legalStatusText(child: { legal_status: string; cp_category: string | null }): string {
  const status = label(LEGAL_STATUSES, child.legal_status);
  return child.legal_status === 'child_protection' && child.cp_category
    ? `${status} (${label(CP_CATEGORIES, child.cp_category)})`
    : status;
}

export function childRows(child: ChildRow) {
  return [
    { key: { text: 'Age' }, value: { text: childAge(child) } },
    { key: { text: 'Sex' }, value: { text: label(SEXES, child.sex) || 'Not recorded' } },
    { key: { text: 'Ethnicity' }, value: { text: ethnicityLabel(child.ethnicity) || 'Not recorded' } },
    {
      key: { text: 'Special educational needs or disability' },
      value: { text: child.sen_disability || 'None recorded' },
    },
    { key: { text: 'Legal status' }, value: { text: legalStatusText(child) } },
  ];
}

export function memberView(member: MemberRow) {
  return {
    ...member,
    roleText: label(HOUSEHOLD_ROLES, member.role),
    inHouseholdText: member.in_household ? 'Yes' : 'No',
    posesRiskText: member.poses_risk ? 'Yes' : 'No',
  };
}

export function choices(values: Record<string, string | string[]>) {
  const text = (key: string) => {
    const value = values[key];
    return typeof value === 'string' ? value : '';
  };
  return {
    criteria: options(
      SELECTION_CRITERIA,
      Array.isArray(values.criteria) ? values.criteria : text('criteria') ? [text('criteria')] : [],
    ),
    ageBands: options(AGE_BANDS, text('ageBand')),
    sexes: options(SEXES, text('sex')),
    legalStatuses: options(LEGAL_STATUSES, text('legalStatus')),
    cpCategories: options(CP_CATEGORIES, text('cpCategory')),
    roles: options(HOUSEHOLD_ROLES, text('role')),
    ethnicities: [
      { value: '', text: 'Select ethnicity', selected: !text('ethnicity') },
      ...ETHNICITIES.map((e) => ({
        value: e.code,
        text: e.group === 'not_known' ? e.label : `${ETHNIC_GROUPS[e.group]}: ${e.label}`,
        selected: text('ethnicity') === e.code,
      })),
    ],
  };
}

export function agencyItems(
  agencies: { id: string; name: string; active: boolean }[],
  selected: string,
  emptyText = 'Not given',
) {
  return [
    { value: '', text: emptyText, selected: !selected },
    ...agencies
      .filter((a) => a.active || a.id === selected)
      .map((a) => ({ value: a.id, text: a.name, selected: a.id === selected })),
  ];
}
