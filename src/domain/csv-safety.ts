/**
 * A cell that starts with =, +, - or @ (or a tab or carriage return) is a formula to a spreadsheet.
 * Exports prefix such cells with an apostrophe so they are shown as text and never run.
 */
export function neutraliseCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
