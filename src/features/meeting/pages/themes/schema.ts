import { z } from 'zod';

export const newThemeSchema = z.looseObject({
  label: z
    .string({ error: 'Enter the name of the theme' })
    .trim()
    .min(1, 'Enter the name of the theme')
    .max(120, 'The theme must be 120 characters or fewer'),
});

const CHANGE_MESSAGE = 'Enter the name of the theme, 120 characters or fewer';

export const changeThemeSchema = z
  .looseObject({
    label: z.string({ error: CHANGE_MESSAGE }).trim().min(1, CHANGE_MESSAGE).max(120, CHANGE_MESSAGE),
    active: z.string().optional(),
  })
  .transform((values) => ({ label: values.label, active: values.active === 'yes' }));
