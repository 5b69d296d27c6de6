/**
 * Suggests learning themes for a finding from its words, with the reason for each suggestion (the
 * phrases that matched). A transparent lexicon, shipped in the code: no model to download, every
 * suggestion explainable, and people confirm or change it. Measured on the seeds' findings in
 * `theme-suggester.test.ts`.
 */
export const LEARNING_THEMES = [
  { code: 'voice_of_child', label: 'Voice and lived experience of the child' },
  { code: 'information_sharing', label: 'Information sharing and feedback' },
  { code: 'marac_outcomes', label: 'MARAC outcomes reaching agencies' },
  { code: 'professional_curiosity', label: 'Professional curiosity' },
  { code: 'disguised_compliance', label: 'Disguised compliance and engagement' },
  { code: 'fathers_hidden_men', label: 'Fathers, partners and hidden men' },
  { code: 'risk_assessment', label: 'Risk assessment (DASH)' },
  { code: 'assessment_history', label: 'Assessment quality and use of history' },
  { code: 'planning_drift', label: 'SMART planning and drift' },
  { code: 'management_oversight', label: 'Management oversight and supervision' },
  { code: 'escalation_challenge', label: 'Escalation and professional challenge' },
  { code: 'record_keeping', label: 'Record keeping and flagging' },
  { code: 'equality_diversity', label: 'Equality, diversity, culture and interpreters' },
  { code: 'unborn_babies', label: 'Unborn and babies' },
  { code: 'education_attendance', label: 'Education and attendance' },
  { code: 'parental_factors', label: 'Parental mental health, substance use and domestic abuse' },
  { code: 'cumulative_harm', label: 'Cumulative harm and neglect' },
  { code: 'exploitation', label: 'Exploitation (CSE, county lines)' },
  { code: 'child_on_parent_violence', label: 'Child-on-parent violence' },
  { code: 'transitions', label: 'Transitions and moves across borders' },
  { code: 'good_practice', label: 'Good practice' },
] as const;
export type ThemeCode = (typeof LEARNING_THEMES)[number]['code'];

/** Each theme's phrases (regular expressions on lower-case text) and their weights. */
const LEXICON: Record<ThemeCode, [RegExp, number][]> = {
  voice_of_child: [
    [/voice/, 2],
    [/wishes and feelings|wishes, feelings|views were|children's views|child's view/, 2],
    [/lived experience/, 2],
    [/listened to|not heard|were not heard|heard their/, 1.5],
  ],
  information_sharing: [
    [
      new RegExp(
        'information sharing|sharing information|share(d)? (with|information)|not shared' +
          '|were not communicated|not communicated',
      ),
      2,
    ],
    [/unaware|not aware|were not made aware|filter(ed)? down|did not have .*information/, 1.5],
    [/outcomes .* not shared|invited to|minutes/, 1],
  ],
  marac_outcomes: [[/marac/, 3]],
  professional_curiosity: [
    [/curiosity|probed|not directly probed|explor(e|ation)|examined further|not challenged|face value/, 2],
    [/not acted on|minimal support|missed opportunity/, 1],
  ],
  disguised_compliance: [
    [/disguised compliance/, 3],
    [/engage|engagement|refused to engage|lack of engagement/, 1.5],
    [/attendance and engagement/, 1],
  ],
  fathers_hidden_men: [
    [/father|step-father|stepfather/, 2],
    [/perpetrator|partner|new male|hidden men/, 1.5],
  ],
  risk_assessment: [
    [/dash|risk assessment|understanding of the risk|risk posed|assess(ment)? of risk|risk identification/, 2],
    [/safety plan/, 1.5],
  ],
  assessment_history: [
    [/assessment/, 1.5],
    [/histor(y|ical)/, 1.5],
    [/pre-birth assessment|cumulative impact/, 1],
  ],
  planning_drift: [
    [/drift|delay|timely manner|contingency plan|smart/, 2],
    [/plan(s)?\b|planning/, 1],
    [/followed up|progressed/, 1],
  ],
  management_oversight: [[/management oversight|supervision|manager/, 3]],
  escalation_challenge: [[/escalat|professional challenge|challenge(d)?|disagree/, 2]],
  record_keeping: [
    [/record(ing|s)? (keeping|were|was|had)|case record|recorded|flagged|coding|minute taking|chronolog|genogram/, 1.5],
  ],
  equality_diversity: [
    [/divers|equality|culture|religion|language|interpreter|ethnicit|heritage|learning disabilit/, 2],
  ],
  unborn_babies: [[/unborn|pregnan|pre-birth|new baby|babies/, 3]],
  education_attendance: [[/school|attendance|home educat|education/, 2]],
  parental_factors: [
    [/domestic (abuse|violence)|violent partner|drug|alcohol|substance|mental health|parental conflict|minimise/, 1.5],
  ],
  cumulative_harm: [[/neglect|cumulative|debt|health appointments|not taking their children/, 2]],
  exploitation: [[/exploitation|cse|county lines|mace/, 3]],
  child_on_parent_violence: [[/child on parent|child-on-parent|towards a parent|violent behaviour towards/, 3]],
  transitions: [
    [/moved (out|back)|out of county|cross border|transferred|released from prison|between primary and secondary/, 2],
  ],
  good_practice: [
    [/\bgood\b|well\b|effective|strength|robust|timely intervention|systematic|promptly/, 1.5],
    [/evidence of good|worked well|done extremely well/, 1.5],
  ],
};

export const SUGGESTION_THRESHOLD = 1.5;

export type Suggestion = { code: ThemeCode; label: string; score: number; because: string[] };

export function suggestThemes(text: string): Suggestion[] {
  const lower = text.toLowerCase().replace(/[’‘]/g, "'");
  const suggestions: Suggestion[] = [];
  for (const theme of LEARNING_THEMES) {
    let score = 0;
    const because: string[] = [];
    for (const [pattern, weight] of LEXICON[theme.code]) {
      const match = pattern.exec(lower);
      if (match) {
        score += weight;
        because.push(match[0]);
      }
    }
    if (score >= SUGGESTION_THRESHOLD) suggestions.push({ code: theme.code, label: theme.label, score, because });
  }
  return suggestions.sort((a, b) => b.score - a.score);
}
