import type { z } from 'zod';

/** GOV.UK error summary and field messages from a zod error, keyed by the form field name. */
export type FormErrors = {
  list: { text: string; href: string }[];
  fields: Record<string, { text: string }>;
};

export function formErrors(error: z.ZodError): FormErrors {
  const fields: Record<string, { text: string }> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    fields[field] ??= { text: issue.message };
  }
  return errorsFrom(fields);
}

export function errorsFrom(fields: Record<string, { text: string }>): FormErrors {
  return { list: Object.entries(fields).map(([field, { text }]) => ({ text, href: `#${field}` })), fields };
}

export function singleError(field: string, text: string): FormErrors {
  return errorsFrom({ [field]: { text } });
}

// Form bodies are parsed by querystring, so every value is already a string; anything else is read as text.
const asText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** A form body as plain strings, dropping the CSRF token; repeated fields become arrays. */
export function formValues(body: unknown): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      if (key === '_csrf') continue;
      if (Array.isArray(value)) values[key] = value.map(String);
      else if (value !== undefined && value !== null) values[key] = asText(value);
    }
  }
  return values;
}

/** Accept a checkbox group posted as nothing, one value or several. */
export function asArray(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value.map(String) : [asText(value)];
}

export type ParsedForm<T> =
  | { ok: true; value: T; values: Record<string, string | string[]> }
  | { ok: false; errors: FormErrors; values: Record<string, string | string[]> };

/**
 * The one way a page reads its form: the posted strings (kept to show back on an error) checked by
 * the page's zod schema, whose messages are GOV.UK wording ("Enter ...", "Select ...").
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): ParsedForm<z.output<S>> {
  const values = formValues(body);
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, value: parsed.data, values };
  return { ok: false, errors: formErrors(parsed.error), values };
}
