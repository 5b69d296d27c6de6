import { addDays, addMonths, dateInWords, type IsoDate } from './calendar-date.ts';

/**
 * An audit's plan, as pure rules: its scope period and how it is said, its reference, its standard
 * milestones and the order their dates must keep.
 */
export type AuditScope = {
  kind: 'dates' | 'months';
  from: IsoDate | null;
  to: IsoDate | null;
  months: number | null;
  referenceDate: IsoDate | null;
};

/**
 * The period the scope covers, first and last day. "The 6 months before 13 November 2018" runs from
 * 13 May 2018 to 12 November 2018.
 */
export function scopePeriod(scope: AuditScope): { from: IsoDate | null; to: IsoDate | null } {
  if (scope.kind === 'months') {
    if (!scope.referenceDate || !scope.months) return { from: null, to: null };
    return { from: addMonths(scope.referenceDate, -scope.months), to: addDays(scope.referenceDate, -1) };
  }
  return { from: scope.from, to: scope.to };
}

/** "1 June 2018 to 30 November 2018", or "the 6 months before 13 November 2018". */
export function scopeInWords(scope: AuditScope): string {
  if (scope.kind === 'months') {
    if (!scope.months) return 'Not set';
    const span = scope.months === 1 ? 'the month' : `the ${scope.months} months`;
    return scope.referenceDate
      ? `${span} before ${dateInWords(scope.referenceDate)}`
      : `${span === 'the month' ? 'the last month' : `the last ${scope.months} months`}`;
  }
  if (scope.from && scope.to) return `${dateInWords(scope.from)} to ${dateInWords(scope.to)}`;
  if (scope.from) return `from ${dateInWords(scope.from)}`;
  if (scope.to) return `up to ${dateInWords(scope.to)}`;
  return 'Not set';
}

export const REFERENCE_PREFIX = 'MACA';

/** The next free reference for the year: MACA-2026-01, MACA-2026-02... after the highest in use. */
export function nextAuditReference(year: number, existing: readonly string[], prefix = REFERENCE_PREFIX): string {
  const pattern = new RegExp(`^${prefix}-${year}-(\\d+)$`, 'i');
  let highest = 0;
  for (const reference of existing) {
    const match = pattern.exec(reference.trim());
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return `${prefix}-${year}-${String(highest + 1).padStart(2, '0')}`;
}

export const STANDARD_MILESTONES = [
  { kind: 'auditors_briefing', label: 'Auditors’ briefing', phrase: 'the auditors’ briefing' },
  { kind: 'returns_deadline', label: 'Returns deadline', phrase: 'the returns deadline' },
  { kind: 'discussion_meeting', label: 'Discussion meeting', phrase: 'the discussion meeting' },
  { kind: 'report_to_subgroup', label: 'Report to subgroup', phrase: 'the report to the subgroup' },
] as const;
export type StandardMilestoneKind = (typeof STANDARD_MILESTONES)[number]['kind'];

/** A milestone as the form gives it: `key` names its fields (`${key}_due`, `${key}_done`). */
export type PlannedMilestone = {
  key: string;
  kind: StandardMilestoneKind | 'other';
  label: string;
  due: IsoDate | null;
  done: IsoDate | null;
};

export type DateProblem = { field: string; message: string };

/**
 * Dates that contradict each other, each named by the field to correct: the scope's end before
 * its start, the returns deadline inside the scope, meetings before the returns are in.
 */
export function planDateProblems(input: {
  scope: AuditScope;
  milestones: readonly PlannedMilestone[];
  today: IsoDate;
}): DateProblem[] {
  const problems: DateProblem[] = [];
  const { scope, milestones, today } = input;
  if (scope.kind === 'dates' && scope.from && scope.to && scope.from > scope.to) {
    problems.push({
      field: 'scope_to',
      message: 'The date the scope ends must be the same as or after the date it starts',
    });
  }
  const due = (kind: StandardMilestoneKind) => milestones.find((m) => m.kind === kind && m.due);
  const briefing = due('auditors_briefing');
  const deadline = due('returns_deadline');
  const discussion = due('discussion_meeting');
  const report = due('report_to_subgroup');
  const scopeEnd = scopePeriod(scope).to;
  if (deadline && scopeEnd && deadline.due! <= scopeEnd) {
    problems.push({
      field: `${deadline.key}_due`,
      message: 'The returns deadline must be after the end of the scope period',
    });
  }
  if (briefing && deadline && briefing.due! > deadline.due!) {
    problems.push({
      field: `${briefing.key}_due`,
      message: 'The auditors’ briefing must be on or before the returns deadline',
    });
  }
  if (discussion && deadline && discussion.due! < deadline.due!) {
    problems.push({
      field: `${discussion.key}_due`,
      message: 'The discussion meeting must be on or after the returns deadline',
    });
  }
  if (report && discussion && report.due! < discussion.due!) {
    problems.push({
      field: `${report.key}_due`,
      message: 'The report to the subgroup must be on or after the discussion meeting',
    });
  }
  for (const milestone of milestones) {
    if (milestone.done && milestone.done > today) {
      problems.push({
        field: `${milestone.key}_done`,
        message: `The date ${phraseOf(milestone)} was done must be today or in the past`,
      });
    }
  }
  return problems;
}

export function phraseOf(milestone: { kind: string; label: string }): string {
  const standard = STANDARD_MILESTONES.find((s) => s.kind === milestone.kind);
  return standard ? standard.phrase : `‘${milestone.label}’`;
}

/** Due, done, or overdue (due before today and not done). */
export function milestoneState(
  milestone: { due: IsoDate | null; done: IsoDate | null },
  today: IsoDate,
): 'done' | 'overdue' | 'due' | 'unscheduled' {
  if (milestone.done) return 'done';
  if (!milestone.due) return 'unscheduled';
  return milestone.due < today ? 'overdue' : 'due';
}

/** An audit's plan as checked and ready to store. */
export type AuditPlan = {
  title: string;
  /** Null: generate the next MACA-YYYY-NN. */
  reference: string | null;
  themeId: string | null;
  themeText: string | null;
  linesOfEnquiry: string;
  scope: AuditScope;
  methodology: string;
  jointPartnerships: string[];
  milestones: { kind: StandardMilestoneKind | 'other'; label: string; due: IsoDate | null; done: IsoDate | null }[];
};
