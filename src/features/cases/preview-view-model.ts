import { CANDIDATE_FIELDS, type BadRow, type CandidateField, type CandidateRow } from '../../domain/candidate-rows.ts';
import type { StoredMapping } from './candidate-service.ts';

/** The preview: how many rows will be imported, every bad row and why, and columns that look wrong. */
export const BAD_ROWS_SHOWN = 1000;

export function previewView(
  read: { good: CandidateRow[]; bad: BadRow[]; problemsByField: Partial<Record<CandidateField, number>> },
  headers: string[],
  mapping: StoredMapping,
) {
  const total = read.good.length + read.bad.length;
  const columnWarnings = CANDIDATE_FIELDS.filter((f) => total > 1 && (read.problemsByField[f.key] ?? 0) === total).map(
    (f) => {
      const header = mapping[f.key] ? headers[Number(mapping[f.key])] : undefined;
      const column = header ? `, read from the column '${header}'` : '';
      return `Every row has a problem with the ${f.label.toLowerCase()}${column}: check that it is the right column`;
    },
  );
  return {
    goodCount: read.good.length,
    badCount: read.bad.length,
    badRows: read.bad.slice(0, BAD_ROWS_SHOWN).map((b) => `Row ${b.rowNumber}: ${b.reasons.join('; ')}`),
    moreBad: Math.max(0, read.bad.length - BAD_ROWS_SHOWN),
    columnWarnings,
    mapped: CANDIDATE_FIELDS.filter((f) => mapping[f.key]).map((f) => ({
      label: f.label,
      header: headers[Number(mapping[f.key])] ?? '',
      identifying: f.identifying,
    })),
  };
}
