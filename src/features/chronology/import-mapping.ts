import { fromSpreadsheetDate, formatChronologyDate } from '../../domain/chronology-dates.ts';
import { checkEntry, type CheckedEntry, type Scope } from '../../domain/chronology-entry.ts';
import { looksLikeFormula } from '../../domain/candidate-rows.ts';
import type { Cell } from './tabular-stream.ts';

/**
 * Which column holds which field of a chronology entry, and how one imported row becomes an entry
 * (or the reasons it cannot). Pure: the import service streams rows through it.
 */
export const IMPORT_FIELDS = [
  {
    key: 'date',
    label: 'Date or period',
    required: true,
    words: ['date', 'when', 'date of event', 'event date', 'from'],
  },
  { key: 'dateTo', label: 'End date (for a period)', required: false, words: ['to', 'end date', 'date to', 'until'] },
  {
    key: 'event',
    label: 'What happened',
    required: true,
    words: ['event', 'what happened', 'description', 'details', 'summary'],
  },
  { key: 'category', label: 'Category', required: true, words: ['category', 'type', 'event type'] },
  {
    key: 'source',
    label: 'Source (role, team)',
    required: false,
    words: ['source', 'role', 'team', 'recorded by', 'author'],
  },
  {
    key: 'impact',
    label: 'Impact on the child',
    required: false,
    words: ['impact', 'impact on child', 'impact on the child'],
  },
  {
    key: 'actionTaken',
    label: 'Action taken',
    required: false,
    words: ['action', 'action taken', 'outcome', 'response'],
  },
  {
    key: 'significant',
    label: 'Significant (yes or no)',
    required: false,
    words: ['significant', 'significant event', 'key event'],
  },
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number]['key'];
export type ImportMapping = Partial<Record<ImportField, number>>;

const squash = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

export function guessImportMapping(headers: string[]): ImportMapping {
  const mapping: ImportMapping = {};
  for (const field of IMPORT_FIELDS) {
    const index = headers.findIndex((h) => (field.words as readonly string[]).includes(squash(h)));
    if (index >= 0 && !Object.values(mapping).includes(index)) mapping[field.key] = index;
  }
  return mapping;
}

/** Problems with a mapping, by field: required fields unmapped, a column used twice, no such column. */
export function checkImportMapping(mapping: ImportMapping, columnCount: number): Record<string, string> {
  const problems: Record<string, string> = {};
  const used = new Map<number, string>();
  for (const field of IMPORT_FIELDS) {
    const index = mapping[field.key];
    if (index === undefined) {
      if (field.required) problems[field.key] = `Select the column that holds “${field.label}”`;
      continue;
    }
    if (!Number.isInteger(index) || index < 0 || index >= columnCount)
      problems[field.key] = `Select a column from the file for “${field.label}”`;
    else if (used.has(index)) problems[field.key] = `“${field.label}” uses the same column as “${used.get(index)}”`;
    else used.set(index, field.label);
  }
  return problems;
}

const text = (cell: Cell | undefined) =>
  cell instanceof Date ? formatChronologyDate(fromSpreadsheetDate(cell)) : String(cell ?? '').trim();

export function rowToEntry(
  cells: Cell[],
  mapping: ImportMapping,
  scope: Scope,
): { ok: true; entry: CheckedEntry } | { ok: false; reasons: string[] } {
  const get = (field: ImportField) => {
    const index = mapping[field];
    return index === undefined ? '' : text(cells[index]);
  };
  if (cells.every((c) => text(c) === '')) return { ok: false, reasons: ['the row is empty'] };
  const formula = Object.values(mapping).find((i) => {
    const cell = i === undefined ? undefined : cells[i];
    return typeof cell === 'string' && looksLikeFormula(cell);
  });
  if (formula !== undefined)
    return {
      ok: false,
      reasons: [
        `a cell holds a spreadsheet formula (“${String(cells[formula]).slice(0, 40)}”): type the value instead`,
      ],
    };
  const dateTo = get('dateTo');
  const checked = checkEntry(
    {
      date: dateTo ? `${get('date')} - ${dateTo}` : get('date'),
      event: get('event'),
      category: get('category'),
      source: get('source'),
      impact: get('impact'),
      actionTaken: get('actionTaken'),
      significant: get('significant'),
    },
    scope,
  );
  if (checked.ok) return checked;
  return { ok: false, reasons: Object.values(checked.errors).map((m) => m.charAt(0).toLowerCase() + m.slice(1)) };
}
