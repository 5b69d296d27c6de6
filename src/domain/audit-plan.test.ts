import { describe, expect, it } from 'vitest';
import {
  milestoneState,
  nextAuditReference,
  planDateProblems,
  scopeInWords,
  scopePeriod,
  type AuditScope,
  type PlannedMilestone,
} from './audit-plan.ts';

const dates = (from: string | null, to: string | null): AuditScope => ({
  kind: 'dates',
  from,
  to,
  months: null,
  referenceDate: null,
});
const months = (n: number | null, referenceDate: string | null): AuditScope => ({
  kind: 'months',
  from: null,
  to: null,
  months: n,
  referenceDate,
});

describe('an audit’s scope', () => {
  it('is said in words, as the briefings say it', () => {
    expect(scopeInWords(dates('2018-06-01', '2018-11-30'))).toBe('1 June 2018 to 30 November 2018');
    expect(scopeInWords(months(6, '2018-11-13'))).toBe('the 6 months before 13 November 2018');
    expect(scopeInWords(months(1, '2018-11-13'))).toBe('the month before 13 November 2018');
    expect(scopeInWords(months(6, null))).toBe('the last 6 months');
    expect(scopeInWords(dates('2018-06-01', null))).toBe('from 1 June 2018');
    expect(scopeInWords(dates(null, null))).toBe('Not set');
  });

  it('covers the months before the reference date, up to the day before it', () => {
    expect(scopePeriod(months(6, '2018-11-13'))).toEqual({ from: '2018-05-13', to: '2018-11-12' });
    expect(scopePeriod(dates('2018-06-01', '2018-11-30'))).toEqual({ from: '2018-06-01', to: '2018-11-30' });
    expect(scopePeriod(months(null, '2018-11-13'))).toEqual({ from: null, to: null });
  });
});

describe('audit references', () => {
  it('numbers the year’s audits after the highest in use, whatever the case', () => {
    expect(nextAuditReference(2026, [])).toBe('MACA-2026-01');
    expect(nextAuditReference(2026, ['MACA-2026-01', 'maca-2026-07', 'MACA-2025-12', 'LLR-FSA'])).toBe('MACA-2026-08');
    expect(nextAuditReference(2026, ['MACA-2026-99'])).toBe('MACA-2026-100');
  });
});

describe('the order of an audit’s dates', () => {
  const m = (kind: PlannedMilestone['kind'], due: string | null, done: string | null = null): PlannedMilestone => ({
    key: kind,
    kind,
    label: kind,
    due,
    done,
  });
  const today = '2026-01-01';

  it('accepts a plan whose dates follow each other', () => {
    const milestones = [
      m('auditors_briefing', '2018-12-01'),
      m('returns_deadline', '2018-12-14'),
      m('discussion_meeting', '2018-12-14'),
      m('report_to_subgroup', '2019-02-01'),
    ];
    expect(planDateProblems({ scope: dates('2018-06-01', '2018-11-30'), milestones, today })).toEqual([]);
  });

  it('names each field that is out of order', () => {
    const problems = planDateProblems({
      scope: dates('2018-12-01', '2018-11-30'),
      milestones: [
        m('auditors_briefing', '2018-12-20'),
        m('returns_deadline', '2018-11-30'),
        m('discussion_meeting', '2018-11-01'),
        m('report_to_subgroup', '2018-10-01', '2030-01-01'),
      ],
      today,
    });
    expect(problems).toEqual([
      { field: 'scope_to', message: 'The date the scope ends must be the same as or after the date it starts' },
      { field: 'returns_deadline_due', message: 'The returns deadline must be after the end of the scope period' },
      { field: 'auditors_briefing_due', message: 'The auditors’ briefing must be on or before the returns deadline' },
      { field: 'discussion_meeting_due', message: 'The discussion meeting must be on or after the returns deadline' },
      {
        field: 'report_to_subgroup_due',
        message: 'The report to the subgroup must be on or after the discussion meeting',
      },
      {
        field: 'report_to_subgroup_done',
        message: 'The date the report to the subgroup was done must be today or in the past',
      },
    ]);
  });

  it('checks the returns deadline against the end of a months scope', () => {
    const scope = months(6, '2018-11-13');
    expect(planDateProblems({ scope, milestones: [m('returns_deadline', '2018-11-12')], today })).toHaveLength(1);
    expect(planDateProblems({ scope, milestones: [m('returns_deadline', '2018-11-13')], today })).toEqual([]);
  });

  it('speaks of other milestones by their label', () => {
    const other: PlannedMilestone = { key: 'other_0', kind: 'other', label: 'Re-audit', due: null, done: '2030-01-01' };
    expect(planDateProblems({ scope: dates(null, null), milestones: [other], today })).toEqual([
      { field: 'other_0_done', message: 'The date ‘Re-audit’ was done must be today or in the past' },
    ]);
  });

  it('tags milestones done, overdue or to come', () => {
    expect(milestoneState({ due: '2025-12-31', done: null }, today)).toBe('overdue');
    expect(milestoneState({ due: '2026-01-01', done: null }, today)).toBe('due');
    expect(milestoneState({ due: '2025-12-31', done: '2025-12-30' }, today)).toBe('done');
    expect(milestoneState({ due: null, done: null }, today)).toBe('unscheduled');
  });
});
