import { STANDARD_SCALES, type Scale } from './audit-tool.ts';
import type { Distribution } from './judgement-distribution.ts';

/**
 * The returns' overall single-agency grades: how many of each, per agency and in total, from the
 * returns received (submitted or signed off), and a sentence a briefing can use ("Overall
 * single-agency grades, from 6 of 7 expected returns: 2 good, 3 requires improvement and 1
 * inadequate."). A received return without a grade (an imported one, say) is counted apart.
 */
export type GradedReturn = { agency: string; grade: string | null };
export type OverallGrades = {
  distribution: Distribution | undefined;
  totals: { value: string; label: string; count: number }[];
  graded: number;
  ungraded: number;
};

/** The scale a return's overall grade is given on: outstanding, good, requires improvement, inadequate. */
export const OVERALL_GRADE_SCALE: Scale = STANDARD_SCALES[0]!;

export function overallGrades(returns: readonly GradedReturn[], scale: Scale): OverallGrades {
  const index = new Map(scale.values.map((v, i) => [v.value, i]));
  const rows = new Map<string, number[]>();
  const totals = scale.values.map(() => 0);
  let ungraded = 0;
  for (const r of returns) {
    const i = r.grade === null ? undefined : index.get(r.grade);
    if (i === undefined) {
      ungraded++;
      continue;
    }
    const counts = rows.get(r.agency) ?? scale.values.map(() => 0);
    counts[i]!++;
    totals[i]!++;
    rows.set(r.agency, counts);
  }
  const graded = totals.reduce((a, b) => a + b, 0);
  const sum = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
  const distribution: Distribution | undefined = graded
    ? {
        by: 'agency',
        scaleKey: scale.key,
        scaleLabel: scale.label,
        values: scale.values.map((v) => ({ value: v.value, label: v.label, rank: v.rank })),
        // The table adds the row for all agencies; the chart shows each agency.
        rows: [...rows]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([label, counts]) => ({ label, counts, total: sum(counts) })),
      }
    : undefined;
  return {
    distribution,
    totals: scale.values.map((v, i) => ({ value: v.value, label: v.label, count: totals[i]! })),
    graded,
    ungraded,
  };
}

const listed = (parts: string[]) =>
  parts.length < 2 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;

/** "Overall single-agency grades, from 6 of 7 expected returns: 2 good, 3 requires improvement and 1 inadequate." */
export function overallGradesSentence(grades: OverallGrades, basis: string): string {
  const without = grades.ungraded
    ? `; ${grades.ungraded} return${grades.ungraded === 1 ? '' : 's'} received without a grade`
    : '';
  if (grades.graded === 0) return `No overall single-agency grades have been given (${basis}${without}).`;
  const parts = grades.totals.filter((t) => t.count > 0).map((t) => `${t.count} ${t.label.toLowerCase()}`);
  return `Overall single-agency grades, ${basis}: ${listed(parts)}${without}.`;
}
