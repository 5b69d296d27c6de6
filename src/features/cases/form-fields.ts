import { z } from 'zod';
import type { FormErrors } from '../../web/forms.ts';

/** Pieces the cases feature's form schemas share. */
export const keys = <T extends Record<string, string>>(labels: T) =>
  Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];

/** A text field, trimmed; a field the browser did not send reads as empty. */
export function text(max: number, tooLong: string, missing?: string) {
  const typed = z.string().trim().max(max, tooLong);
  return z.preprocess((value) => value ?? '', missing ? typed.min(1, missing) : typed);
}

/** A radio or select answer: nothing chosen reads as missing, so the field's own message is shown. */
export function choice<S extends z.ZodType>(schema: S) {
  return z.preprocess((value) => (typeof value === 'string' && value !== '' ? value : undefined), schema);
}

/** The version a stale edit is detected by: what the form carried, or 0 when it carried nothing usable. */
export const versionOf = (values: Record<string, unknown>): number => Number(values.version) || 0;

/** An issue on one field, so the error summary links to it. */
export function issue(ctx: z.RefinementCtx, field: string, message: string): void {
  ctx.addIssue({ code: 'custom', path: [field], message });
}

/** What an add-or-change page is rendered with: what was typed, what is wrong, what someone else saved. */
export type FormState<Row> = {
  values: Record<string, string | string[]>;
  errors?: FormErrors;
  theirs?: Row;
  status?: number;
};
