import { z } from 'zod';
import { REMINDER_LIMITS } from '../../../../domain/deadline-reminder.ts';
import { trimmedText, wholeNumber, yesNo } from '../../form-fields.ts';

/** The rules that propose points to discuss: field, label, and the range allowed. */
export const POINT_FIELDS = [
  ['sharingDays', 'Days for another agency to show it knew of an event', 1, 365],
  ['closedDays', 'Days after a closure in which incidents are counted', 1, 730],
  ['missedCount', 'Missed appointments before a point is raised', 2, 50],
  ['driftDays', 'Days between conference and core groups before drift is raised', 7, 365],
] as const;

/** When audit leads are reminded of the returns deadline. */
export const REMINDER_FIELDS = [
  ['daysBefore', 'Days before the returns deadline to remind audit leads', ...REMINDER_LIMITS.daysBefore],
  ['overdueEveryDays', 'Days between reminders once returns are overdue', ...REMINDER_LIMITS.overdueEveryDays],
] as const;

export const settingsSchema = z
  .object({
    name: trimmedText().pipe(
      z.string().min(1, 'Enter the partnership’s name').max(150, 'The name must be 150 characters or fewer'),
    ),
    publicLibrary: yesNo('Select whether published briefings may have a public page'),
    ...Object.fromEntries(POINT_FIELDS.map(([field, label, min, max]) => [field, wholeNumber(label, min, max)])),
    ...Object.fromEntries(REMINDER_FIELDS.map(([field, label, min, max]) => [field, wholeNumber(label, min, max)])),
  })
  .transform((form) => {
    const numbers = form as Record<string, unknown>;
    const pick = (fields: readonly (readonly [string, ...unknown[]])[]) =>
      Object.fromEntries(fields.map(([field]) => [field, numbers[field] as number]));
    return {
      name: form.name,
      publicLibrary: form.publicLibrary,
      discussionPoints: pick(POINT_FIELDS),
      returnsReminders: pick(REMINDER_FIELDS),
    };
  });

export type SettingsInput = z.output<typeof settingsSchema>;
