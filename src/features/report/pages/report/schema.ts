import { z } from 'zod';

/** Marking one hit on the report "not identifying here": which hit, and why. */
export const notIdentifyingSchema = z.looseObject({
  key: z.string().regex(/^[0-9a-f]{32}$/, 'Choose the detail to mark'),
  reason: z
    .string({ error: 'Enter why this is not identifying here' })
    .trim()
    .min(1, 'Enter why this is not identifying here')
    .max(2000, 'The reason must be 2000 characters or fewer'),
});
