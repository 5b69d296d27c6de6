import { z } from 'zod';

/** A theme's name, as added on the themes page or changed on the rename page. */
export const themeLabelSchema = z.looseObject({
  label: z
    .string({ error: 'Enter the name of the theme' })
    .trim()
    .min(1, 'Enter the name of the theme')
    .max(100, 'The name of the theme must be 100 characters or fewer'),
});

export const themeActiveSchema = z.looseObject({}).transform((values) => ({ active: values.active === 'true' }));
