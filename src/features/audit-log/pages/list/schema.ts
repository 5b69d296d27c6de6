import { z } from 'zod';
import { readDateParts } from '../../../../domain/calendar-date.ts';
import { errorsFrom, type FormErrors } from '../../../../web/forms.ts';
import type { AuditLogFilter } from '../../audit-log-repository.ts';

export type AuditLogQuery = Record<string, string | undefined>;

const optionalText = z
  .string()
  .optional()
  .catch(undefined)
  .transform((value) => value?.trim() || undefined);

/** Who, what and which record: a value that cannot match anything is simply not applied. */
const filterSchema = z.object({
  user: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => (v && /^[0-9a-f-]{36}$/i.test(v) ? v : undefined)),
  action: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  recordType: optionalText,
  recordId: optionalText,
  page: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => Math.max(1, Number(v) || 1)),
});

/**
 * The filter from the page's query. A wrong date is reported on its part and left out of the
 * filter, so the page still lists what the rest of the filter finds.
 */
export function readAuditLogFilter(
  query: AuditLogQuery,
  partnershipId: string,
): { filter: AuditLogFilter; page: number; errors?: FormErrors } {
  const fields = filterSchema.parse(query);
  const errors: Record<string, { text: string }> = {};
  const date = (prefix: 'from' | 'to', name: string) => {
    const parts = { day: query[`${prefix}-day`], month: query[`${prefix}-month`], year: query[`${prefix}-year`] };
    const read = readDateParts(parts, name, false);
    if (!read.ok) errors[`${prefix}-${read.part}`] = { text: read.message };
    return read.ok ? (read.value ?? undefined) : undefined;
  };
  const from = date('from', 'the from date');
  const to = date('to', 'the to date');
  if (from && to && from > to) errors['to-day'] = { text: 'The to date must be the same as or after the from date' };
  const filter: AuditLogFilter = {
    partnershipId,
    userId: fields.user,
    action: fields.action,
    recordType: fields.recordType,
    recordId: fields.recordId,
    from,
    to,
  };
  return { filter, page: fields.page, errors: Object.keys(errors).length ? errorsFrom(errors) : undefined };
}
