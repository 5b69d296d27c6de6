import path from 'node:path';
import { z } from 'zod';

/** The uploaded file's name: required, and kept only as a safe, short name to show back. */
export const uploadSchema = z.object({
  filename: z
    .string({ error: 'Select a CSV or Excel file' })
    .min(1, 'Select a CSV or Excel file')
    .transform((name) =>
      path
        .basename(name)
        .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
        .slice(0, 200),
    ),
});
