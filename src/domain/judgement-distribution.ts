import type { Scale } from './audit-tool.ts';

/**
 * How often each value of a scale was given: per domain, or per agency. The report to the subgroup
 * shows these as charts and, always beside them, as tables. Counts are kept per scale, since a
 * domain can mix scales (Ofsted's four for quality, yes / partly / no for compliance) and counts on
 * different scales cannot be added.
 */
export type ScoredJudgement = { agency: string; domain: string; scale: Scale; value: string };
export type DistributionRow = { label: string; counts: number[]; total: number };
export type Distribution = {
  by: 'domain' | 'agency';
  scaleKey: string;
  scaleLabel: string;
  /**
   * The scale's values in the scale's own order, each with its rank (null: outside the scale, such as not
   * applicable).
   */
  values: { value: string; label: string; rank: number | null }[];
  rows: DistributionRow[];
};

export function judgementDistributions(
  judgements: readonly ScoredJudgement[],
  by: 'domain' | 'agency',
): Distribution[] {
  const byScale = new Map<string, { scale: Scale; rows: Map<string, number[]> }>();
  for (const j of judgements) {
    const entry = byScale.get(j.scale.key) ?? { scale: j.scale, rows: new Map<string, number[]>() };
    byScale.set(j.scale.key, entry);
    const index = entry.scale.values.findIndex((v) => v.value === j.value);
    if (index < 0) continue;
    const label = by === 'domain' ? j.domain : j.agency;
    const counts = entry.rows.get(label) ?? entry.scale.values.map(() => 0);
    counts[index] = (counts[index] ?? 0) + 1;
    entry.rows.set(label, counts);
  }
  return [...byScale.values()]
    .filter((entry) => entry.rows.size > 0)
    .map(({ scale, rows }) => ({
      by,
      scaleKey: scale.key,
      scaleLabel: scale.label,
      values: scale.values.map((v) => ({ value: v.value, label: v.label, rank: v.rank })),
      rows: [...rows].map(([label, counts]) => ({ label, counts, total: counts.reduce((a, b) => a + b, 0) })),
    }));
}

/** The same numbers as records, one per row and value: what the chart is drawn from. */
export function distributionRecords(
  distribution: Distribution,
): { row: string; value: string; count: number; order: number }[] {
  return distribution.rows.flatMap((row) =>
    distribution.values.map((v, i) => ({ row: row.label, value: v.label, count: row.counts[i] ?? 0, order: i })),
  );
}
