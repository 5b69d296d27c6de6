/**
 * What kind of change a recommendation asks for. Recorded for each recommendation so that the report
 * and the action plan can say, for example, how many ask for training and how many for assurance.
 * Recommendations made before kinds were recorded (or imported without one) have none: "Not stated".
 */
export const RECOMMENDATION_KINDS = ['assurance', 'practice_change', 'procedure', 'training'] as const;
export type RecommendationKind = (typeof RECOMMENDATION_KINDS)[number];

export const RECOMMENDATION_KIND_LABELS: Record<RecommendationKind, string> = {
  assurance: 'Assurance',
  practice_change: 'Practice change',
  procedure: 'Procedure',
  training: 'Training',
};

/** The hint under each choice on the form, in the words the subgroup uses. */
export const RECOMMENDATION_KIND_HINTS: Record<RecommendationKind, string> = {
  assurance: 'Agencies show the partnership that practice meets the standard',
  practice_change: 'Practitioners change how they work with children and families',
  procedure: 'A procedure, policy or piece of guidance is written or changed',
  training: 'Practitioners are trained or briefed',
};

export const KIND_NOT_STATED = 'Not stated';

export function isRecommendationKind(value: unknown): value is RecommendationKind {
  return RECOMMENDATION_KINDS.some((k) => k === value);
}

/** The kind in words, or "Not stated" for a recommendation recorded without one. */
export function recommendationKindLabel(kind: string | null | undefined): string {
  return isRecommendationKind(kind) ? RECOMMENDATION_KIND_LABELS[kind] : KIND_NOT_STATED;
}
