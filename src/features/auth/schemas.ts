import { z } from 'zod';

export const signInSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address')
    .max(320, 'Email address must be 320 characters or fewer')
    .email('Enter an email address in the correct format, like name@example.org'),
  password: z.string().min(1, 'Enter your password').max(256, 'Password must be 256 characters or fewer'),
});

export const codeSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, 'Enter the 6-digit code from your authenticator app, or a recovery code')
    .max(20, 'Enter the 6-digit code from your authenticator app, or a recovery code'),
});

export const emailSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address')
    .max(320, 'Email address must be 320 characters or fewer')
    .email('Enter an email address in the correct format, like name@example.org'),
});

export const newPasswordSchema = z
  .object({
    token: z.string().min(1).max(200),
    password: z.string().min(1, 'Enter a new password'),
    confirm: z.string().min(1, 'Confirm your new password'),
  })
  .refine((value) => value.password === value.confirm, { path: ['confirm'], message: 'The passwords do not match' });
