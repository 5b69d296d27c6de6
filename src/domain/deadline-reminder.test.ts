import { describe, expect, it } from 'vitest';
import { dueReminder, reminderSettings } from './deadline-reminder.ts';

describe('dueReminder', () => {
  const deadline = '2026-12-14';

  it('says nothing until the window before the deadline opens', () => {
    expect(dueReminder(deadline, '2026-12-06')).toBeNull();
    expect(dueReminder(deadline, '2026-12-07')).toEqual({
      kind: 'before_deadline',
      periodKey: 'due-2026-12-14',
      daysLate: 0,
      daysLeft: 7,
    });
  });

  it('keeps one key for every day before the deadline, so one reminder is sent however late the job first runs', () => {
    const keys = ['2026-12-07', '2026-12-10', '2026-12-14'].map((day) => dueReminder(deadline, day)?.periodKey);
    expect(new Set(keys)).toEqual(new Set(['due-2026-12-14']));
  });

  it('reminds once per interval once overdue, counted from the day after the deadline', () => {
    const key = (day: string, every = 7) =>
      dueReminder(deadline, day, { daysBefore: 7, overdueEveryDays: every })?.periodKey;
    expect(key('2026-12-15')).toBe('overdue-2026-12-14-0');
    expect(key('2026-12-21')).toBe('overdue-2026-12-14-0');
    expect(key('2026-12-22')).toBe('overdue-2026-12-14-1');
    expect(key('2026-12-16', 1)).toBe('overdue-2026-12-14-1');
    expect(dueReminder(deadline, '2026-12-22')).toMatchObject({ kind: 'overdue', daysLate: 8 });
  });

  it('starts again when the deadline moves', () => {
    expect(dueReminder('2026-12-21', '2026-12-15')?.periodKey).toBe('due-2026-12-21');
  });
});

describe('reminderSettings', () => {
  it('uses the defaults for anything missing or out of range', () => {
    expect(reminderSettings(undefined)).toEqual({ daysBefore: 7, overdueEveryDays: 7 });
    expect(reminderSettings({ daysBefore: 3, overdueEveryDays: 0 })).toEqual({ daysBefore: 3, overdueEveryDays: 7 });
    expect(reminderSettings({ daysBefore: '5', overdueEveryDays: 14 })).toEqual({
      daysBefore: 7,
      overdueEveryDays: 14,
    });
  });
});
