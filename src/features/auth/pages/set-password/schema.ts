import { z } from 'zod';

export const newPasswordSchema = z
  .object({
    token: z.string().min(1).max(200),
    password: z.string().min(1, 'Enter a new password'),
    confirm: z.string().min(1, 'Confirm your new password'),
  })
  .refine((value) => value.password === value.confirm, { path: ['confirm'], message: 'The passwords do not match' });
