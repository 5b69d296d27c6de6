import { z } from 'zod';
import { asArray } from '../../../../web/forms.ts';

/** The agencies to invite: one or more of the partnership's (checked against them by the service). */
export const inviteSchema = z
  .record(z.string(), z.union([z.string(), z.array(z.string())]))
  .transform((values, ctx) => {
    const agencies = asArray(values.agencies);
    if (agencies.length === 0)
      ctx.addIssue({ code: 'custom', path: ['agencies'], message: 'Select one or more agencies to invite' });
    return { agencies };
  });

/** The audit lead chosen for an agency; the service checks the person is one of its leads. */
export const leadSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())])).transform((values) => ({
  leadUserId: String(values.leadUserId ?? ''),
}));
