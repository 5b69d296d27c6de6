import { z } from 'zod';

export const outcomeSchema = z.looseObject({
  outcome: z
    .string({ error: 'Enter the outcome' })
    .trim()
    .min(1, 'Enter the outcome')
    .max(5000, 'The outcome must be 5000 characters or fewer'),
});
