import { z } from 'zod';

/** What `parseForm` hands a schema for one field: its text, several texts, or nothing. */
export const posted = z.union([z.string(), z.array(z.string())]).optional();

/** A field as one text, as `String()` read it before: several values joined by commas. */
export const postedText = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.join(',') : (value ?? '');

/** A posted field as trimmed text; a missing field reads as empty, as the forms have always read it. */
export const trimmedText = () => posted.transform((value) => postedText(value).trim());

/** A whole number within limits, with the GOV.UK message naming the field and its range. */
export function wholeNumber(label: string, min: number, max: number) {
  return posted.transform((value, ctx) => {
    const n = Number(postedText(value).trim());
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    ctx.addIssue({ code: 'custom', message: `${label} must be a whole number from ${min} to ${max}` });
    return z.NEVER;
  });
}

/** A yes/no radio group: anything else is the given message. */
export function yesNo(message: string) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx) => {
      if (value === 'yes' || value === 'no') return value === 'yes';
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    });
}

export const EMAIL_FORMAT = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const EMAIL_FORMAT_MESSAGE = 'Enter an email address in the correct format, like name@example.org';
