import type { z } from 'zod';
import { readDateParts, type IsoDate } from '../domain/calendar-date.ts';

/**
 * A GOV.UK date input inside a page's zod schema: call it from the schema's `.transform()` with
 * the posted strings. A wrong date becomes an issue on the part to correct (`due-day`, ...), so the
 * error summary links to it; the value is the ISO date, or null when an optional input is empty.
 */
export function dateFromParts(
  values: Record<string, unknown>,
  prefix: string,
  name: string,
  required: boolean,
  ctx: z.RefinementCtx,
): IsoDate | null {
  const part = (key: string) => {
    const value = values[`${prefix}-${key}`];
    return typeof value === 'string' ? value : '';
  };
  const read = readDateParts({ day: part('day'), month: part('month'), year: part('year') }, name, required);
  if (read.ok) return read.value;
  ctx.addIssue({ code: 'custom', message: read.message, path: [`${prefix}-${read.part}`] });
  return null;
}
