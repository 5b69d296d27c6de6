import { stepsApart, type Scale } from './audit-tool.ts';

/**
 * The meeting pack's heatmap: agencies by domains, each cell the agency's judgements in that
 * domain. Where two agencies' judgements of the same question are two or more steps apart on
 * its scale, both cells are marked for moderation. Unranked answers (not applicable) never are.
 */
export type Judgement = { agencyId: string; domain: string; questionKey: string; scale: Scale; value: string };
export type HeatmapCell = {
  agencyId: string;
  domain: string;
  values: { questionKey: string; value: string; label: string; rank: number | null }[];
  moderate: boolean;
  questions: string[];
};

export const MODERATION_STEPS = 2;

export function heatmap(judgements: Judgement[]): HeatmapCell[] {
  const cells = new Map<string, HeatmapCell>();
  const keyOf = (j: { agencyId: string; domain: string }) => `${j.agencyId}|${j.domain}`;
  for (const j of judgements) {
    const found = j.scale.values.find((v) => v.value === j.value);
    if (!found) continue;
    const cell = cells.get(keyOf(j)) ?? {
      agencyId: j.agencyId,
      domain: j.domain,
      values: [],
      moderate: false,
      questions: [],
    };
    cell.values.push({ questionKey: j.questionKey, value: j.value, label: found.label, rank: found.rank });
    cells.set(keyOf(j), cell);
  }
  const byQuestion = new Map<string, Judgement[]>();
  for (const j of judgements) byQuestion.set(j.questionKey, [...(byQuestion.get(j.questionKey) ?? []), j]);
  for (const [questionKey, answers] of byQuestion) {
    for (let a = 0; a < answers.length; a++) {
      for (let b = a + 1; b < answers.length; b++) {
        const x = answers[a]!;
        const y = answers[b]!;
        if (x.agencyId === y.agencyId) continue;
        const steps = stepsApart(x.scale, x.value, y.value);
        if (steps !== undefined && steps >= MODERATION_STEPS) {
          for (const j of [x, y]) {
            const cell = cells.get(keyOf(j))!;
            cell.moderate = true;
            if (!cell.questions.includes(questionKey)) cell.questions.push(questionKey);
          }
        }
      }
    }
  }
  return [...cells.values()];
}
