import { z } from 'zod';
import { dateFromParts } from '../../../../web/date-field.ts';

/** The record itself: the date it was held (optional) and the notes, from the version it started at. */
export const meetingRecordSchema = z.looseObject({ notes: z.string().optional() }).transform((values, ctx) => {
  const heldOn = dateFromParts(values, 'heldOn', 'the date of the meeting', false, ctx);
  const notes = (values.notes ?? '').trim();
  if (notes.length > 20000)
    ctx.addIssue({ code: 'custom', path: ['notes'], message: 'The notes must be 20,000 characters or fewer' });
  return { heldOn, notes, version: Number(values.version) };
});

/** One attendee: an agency, when given, must be one invited to the audit. */
export const attendeeSchema = (agencyIds: string[]) =>
  z
    .looseObject({ name: z.string().optional(), agencyId: z.string().optional(), role: z.string().optional() })
    .transform((values, ctx) => {
      const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
      const name = (values.name ?? '').trim();
      const agencyId = values.agencyId || null;
      if (!name) issue('name', 'Enter the attendee’s name');
      else if (name.length > 200) issue('name', 'The name must be 200 characters or fewer');
      if (agencyId && !agencyIds.includes(agencyId)) issue('agencyId', 'Select an agency invited to this audit');
      return { name, agencyId, role: (values.role ?? '').trim().slice(0, 200), apologies: values.apologies === 'yes' };
    });
