import { daysBetween } from './chronology-dates.ts';

/**
 * When an agency's audit lead is reminded of the returns deadline: once, `daysBefore` days before
 * it (or on the first run after that, up to the day itself), and once overdue every
 * `overdueEveryDays` days, counted from the day after the deadline. Each reminder has a period key,
 * unique for its audit and agency, so a reminder already sent is never sent again; moving the
 * deadline starts new periods.
 */
export type ReminderSettings = { daysBefore: number; overdueEveryDays: number };
export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = { daysBefore: 7, overdueEveryDays: 7 };
export const REMINDER_LIMITS = { daysBefore: [1, 60], overdueEveryDays: [1, 60] } as const;

export type DueReminder = {
  kind: 'before_deadline' | 'overdue';
  periodKey: string;
  daysLate: number;
  daysLeft: number;
};

export function dueReminder(
  deadline: string,
  today: string,
  settings: ReminderSettings = DEFAULT_REMINDER_SETTINGS,
): DueReminder | null {
  const daysLeft = daysBetween(today, deadline);
  if (daysLeft >= 0) {
    return daysLeft <= settings.daysBefore
      ? { kind: 'before_deadline', periodKey: `due-${deadline}`, daysLate: 0, daysLeft }
      : null;
  }
  const daysLate = -daysLeft;
  const period = Math.floor((daysLate - 1) / settings.overdueEveryDays);
  return { kind: 'overdue', periodKey: `overdue-${deadline}-${period}`, daysLate, daysLeft };
}

/** The partnership's saved settings, each value kept only if it is within its limits. */
export function reminderSettings(saved: unknown): ReminderSettings {
  const value = (saved ?? {}) as Partial<Record<keyof ReminderSettings, unknown>>;
  const pick = (key: keyof ReminderSettings) => {
    const n = value[key];
    const [min, max] = REMINDER_LIMITS[key];
    return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max ? n : DEFAULT_REMINDER_SETTINGS[key];
  };
  return { daysBefore: pick('daysBefore'), overdueEveryDays: pick('overdueEveryDays') };
}
