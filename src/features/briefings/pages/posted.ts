import { z } from 'zod';

/** A form as `formValues` hands it over: every field a string, a repeated field an array. */
export type Posted = Record<string, string | string[] | undefined>;

/** One posted field as text; a repeated field reads as its values joined, as the forms always have. */
export const postedText = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(',') : (v ?? ''));

export const postedField = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform(postedText);

/** The whole posted form, for schemas that read fields by a computed name. */
export const postedForm = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
