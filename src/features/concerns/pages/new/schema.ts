import { z } from 'zod';
import { londonInstant } from '../../../../domain/london-time.ts';
import { dateFromParts } from '../../../../web/date-field.ts';

/** Raising a concern: every field is checked at once, so the error summary lists all that is wrong. */
export const newConcernSchema = z
  .looseObject({
    child: z.string().optional(),
    whatFound: z.string().trim().optional(),
    toldWhom: z.string().trim().optional(),
    toldTime: z.string().optional(),
  })
  .transform((values, ctx) => {
    const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    const child = values.child ?? '';
    const whatFound = values.whatFound ?? '';
    const toldWhom = values.toldWhom ?? '';
    if (!child) issue('child', 'Select which child the concern is about, or that it is about all of them');
    if (!whatFound) issue('whatFound', 'Enter what you found');
    else if (whatFound.length > 5000) issue('whatFound', 'What you found must be 5000 characters or fewer');
    if (!toldWhom) issue('toldWhom', 'Enter who in your agency you told');
    const toldOn = dateFromParts(values, 'toldOn', 'the date you told them', true, ctx);
    let toldAt: Date | undefined;
    if (toldOn) {
      toldAt = londonInstant(toldOn, values.toldTime ?? '');
      if (!toldAt) issue('toldTime', 'Enter the time you told them, like 14:30');
      else if (toldAt.getTime() > Date.now() + 5 * 60_000)
        issue('toldOn-day', 'The date and time you told them must be in the past');
    }
    // Only reached by the controller when no issue was added, so toldAt is set then.
    return { childId: child === 'all' ? null : child, whatFound, toldWhom, toldAt: toldAt ?? new Date(NaN) };
  });
