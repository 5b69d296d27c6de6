import { z } from 'zod';

export const emailField = z
  .string()
  .trim()
  .min(1, 'Enter your email address')
  .max(320, 'Email address must be 320 characters or fewer')
  .email('Enter an email address in the correct format, like name@example.org');

export const signInSchema = z.object({
  email: emailField,
  password: z.string().min(1, 'Enter your password').max(256, 'Password must be 256 characters or fewer'),
});
