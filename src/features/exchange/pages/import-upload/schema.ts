import path from 'node:path';
import { z } from 'zod';
import type { checkDocument } from '../../exchange-import.ts';

/** The uploaded file: a name safe to show back, and text that is JSON. The exchange checks come after. */
export const uploadSchema = z.object({
  filename: z.string().transform((name) =>
    path
      .basename(name)
      .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
      .slice(0, 200),
  ),
  text: z
    .string()
    .refine((text) => text.trim() !== '', 'The selected file is empty')
    .transform((text, ctx) => {
      try {
        return { text, document: JSON.parse(text) as unknown };
      } catch {
        ctx.addIssue({ code: 'custom', message: 'The selected file must be an audit exchange file (JSON)' });
        return z.NEVER;
      }
    }),
});

/** What the error summary says of a file that is JSON but not a valid exchange file. */
export function refusalText(checked: Exclude<ReturnType<typeof checkDocument>, { ok: true }>): string {
  if (checked.kind !== 'invalid' || !checked.problems.length) return checked.message;
  const n = checked.problems.length;
  const count = n === 20 ? '20 or more problems' : `${n} problem${n === 1 ? '' : 's'}`;
  // The first problem in the summary itself (all are in the table below): where it is, and what is allowed there.
  const first = checked.problems[0]!;
  const where = `${n === 1 ? 'At' : 'The first, at'} ${first.path}: ${first.message}`;
  return `The selected file has ${count}: ${checked.message} ${where}`;
}
