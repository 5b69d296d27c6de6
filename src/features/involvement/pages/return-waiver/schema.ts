import { z } from 'zod';

/** Why an expected return will not be received: said in words, since the report relies on it. */
export const waiverSchema = z.looseObject({
  reason: z
    .string({ error: 'Enter why this return will not be received' })
    .trim()
    .min(1, 'Enter why this return will not be received')
    .max(1000, 'The reason must be 1000 characters or fewer'),
});
