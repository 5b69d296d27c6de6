import { z } from 'zod';
import { readDateParts } from '../../../../domain/calendar-date.ts';

/** A single-agency action; a wrong due date is shown against its day field, whichever part is wrong. */
export const actionSchema = z
  .record(z.string(), z.union([z.string(), z.array(z.string())]))
  .transform((values, ctx) => {
    const text = (name: string) => String(values[name] ?? '').trim();
    const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    const action = text('action');
    const owner = text('owner');
    if (!action) issue('action', 'Enter the action');
    else if (action.length > 2000) issue('action', 'The action must be 2000 characters or fewer');
    if (!owner) issue('owner', 'Enter who owns the action');
    else if (owner.length > 200) issue('owner', 'The owner must be 200 characters or fewer');
    const raw = (part: string) => String(values[`due-${part}`] ?? '');
    const due = readDateParts({ day: raw('day'), month: raw('month'), year: raw('year') }, 'the due date', false);
    if (!due.ok) issue('due-day', due.message);
    return { action, owner, dueOn: due.ok ? due.value : null };
  });
