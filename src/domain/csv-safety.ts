/**
 * A cell that starts with =, +, - or @ (or a tab or carriage return) is a formula to a spreadsheet.
 * Exports prefix such cells with an apostrophe so they are shown as text and never run.
 */
export function neutraliseCell(value: unknown): string {
  // Re-typed as unknown: every value a cell can hold is written as String() writes it.
  const cell: unknown = value ?? '';
  const text = cell instanceof Date ? cell.toISOString() : String(cell);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
