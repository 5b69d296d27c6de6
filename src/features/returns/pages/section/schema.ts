import { z } from 'zod';
import { readPostedSection } from '../../../../domain/return-answers.ts';

/**
 * A section's form. The answers are checked against the audit tool by the service (the same check
 * the API has), so this schema only reads them: it never refuses a form.
 */
export const sectionSchema = z
  .looseObject({ version: z.string().optional(), mode: z.string().optional() })
  .transform((values) => ({
    expectedVersion: Number(values.version) || 0,
    mode: values.mode === 'draft' ? ('draft' as const) : ('complete' as const),
    posted: readPostedSection(values as Record<string, string | string[]>),
  }));
