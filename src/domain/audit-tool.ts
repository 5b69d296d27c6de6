import { z } from 'zod';
import { AGENCY_TYPES } from './roles.ts';

/**
 * An audit tool template: sections (domains) holding questions. A judgement question uses a
 * scale; scales rank their values so that differences between agencies can be measured in steps.
 * An unranked value (such as "Not applicable") is a valid answer that takes no part in comparisons.
 */
const key = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,63}$/, { message: 'must be lower-case letters, digits, - or _, starting with a letter' });

export const scaleSchema = z
  .object({
    key,
    label: z.string().min(1).max(100),
    values: z
      .array(
        z.object({
          value: z.string().min(1).max(60),
          label: z.string().min(1).max(100),
          /** Higher is better; null when the value is outside the scale (not applicable, not known). */
          rank: z.number().int().min(0).max(100).nullable(),
        }),
      )
      .min(2, { message: 'must have at least two values' })
      .max(20),
  })
  .superRefine((scale, ctx) => {
    const seen = new Map<string, number>();
    scale.values.forEach((v, index) => {
      const normalised = v.value.trim().toLowerCase();
      if (seen.has(normalised)) {
        const first = seen.get(normalised)!;
        ctx.addIssue({
          code: 'custom',
          path: ['values', index, 'value'],
          message: `"${v.value}" repeats value ${first + 1} ("${scale.values[first]?.value}")`,
        });
      } else seen.set(normalised, index);
    });
    const ranks = scale.values.map((v) => v.rank).filter((r): r is number => r !== null);
    if (new Set(ranks).size !== ranks.length)
      ctx.addIssue({ code: 'custom', path: ['values'], message: 'two values have the same rank' });
  });

export const questionSchema = z
  .object({
    key,
    text: z.string().min(1).max(1000),
    guidance: z.string().max(4000).default(''),
    type: z.enum(['judgement', 'choice', 'text', 'date']),
    scale: key.optional(),
    evidence: z.enum(['required', 'optional', 'none']).default('optional'),
    choices: z.array(z.string().min(1).max(200)).max(50).optional(),
    required: z.boolean().default(true),
  })
  .superRefine((q, ctx) => {
    if (q.type === 'judgement' && !q.scale)
      ctx.addIssue({ code: 'custom', path: ['scale'], message: 'is required for a judgement question' });
    if (q.type === 'choice' && (!q.choices || q.choices.length < 2))
      ctx.addIssue({ code: 'custom', path: ['choices'], message: 'needs at least two choices' });
  });

export const sectionSchema = z.object({
  key,
  title: z.string().min(1).max(200),
  guidance: z.string().max(4000).default(''),
  /** Asked only of these agency types; empty means every agency. */
  agencyTypes: z.array(z.enum(Object.keys(AGENCY_TYPES) as [string, ...string[]])).default([]),
  questions: z.array(questionSchema).min(1, { message: 'must have at least one question' }).max(60),
});

export const templateSchema = z
  .object({
    format: z.literal('maca-audit-tool/1'),
    name: z.string().min(1).max(200),
    description: z.string().max(4000).default(''),
    scales: z.array(scaleSchema).max(20),
    sections: z.array(sectionSchema).min(1, { message: 'must have at least one section' }).max(40),
  })
  .superRefine((template, ctx) => {
    const scaleKeys = new Set(template.scales.map((s) => s.key));
    const sectionKeys = new Set<string>();
    const questionKeys = new Set<string>();
    template.sections.forEach((section, s) => {
      if (sectionKeys.has(section.key))
        ctx.addIssue({ code: 'custom', path: ['sections', s, 'key'], message: `repeats section key "${section.key}"` });
      sectionKeys.add(section.key);
      section.questions.forEach((question, q) => {
        if (questionKeys.has(question.key))
          ctx.addIssue({
            code: 'custom',
            path: ['sections', s, 'questions', q, 'key'],
            message: `repeats question key "${question.key}"`,
          });
        questionKeys.add(question.key);
        if (question.scale && !scaleKeys.has(question.scale)) {
          ctx.addIssue({
            code: 'custom',
            path: ['sections', s, 'questions', q, 'scale'],
            message: `refers to a scale "${question.scale}" the template does not define`,
          });
        }
      });
    });
  });

export type Scale = z.infer<typeof scaleSchema>;
export type Question = z.infer<typeof questionSchema>;
export type Section = z.infer<typeof sectionSchema>;
export type AuditTool = z.infer<typeof templateSchema>;

/** Validation messages with the JSON path of each problem, e.g. `sections[2].questions[0].scale: ...`. */
export function parseTemplate(input: unknown): { ok: true; template: AuditTool } | { ok: false; problems: string[] } {
  const result = templateSchema.safeParse(input);
  if (result.success) return { ok: true, template: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => `${formatPath(issue.path) || '(the file)'}: ${issue.message}`),
  };
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

/** The sections an agency of this type is asked. */
export function sectionsFor(template: AuditTool, agencyType: string): Section[] {
  return template.sections.filter((s) => s.agencyTypes.length === 0 || s.agencyTypes.includes(agencyType));
}

export function scaleValue(scale: Scale, value: string) {
  return scale.values.find((v) => v.value === value);
}

/**
 * How many steps apart two answers are on their scale (by position among the ranked values), or
 * undefined when either is unranked or unknown. Used for moderation: two or more steps apart.
 */
export function stepsApart(scale: Scale, a: string, b: string): number | undefined {
  const ranked = scale.values.filter((v) => v.rank !== null).sort((x, y) => (y.rank ?? 0) - (x.rank ?? 0));
  const ia = ranked.findIndex((v) => v.value === a);
  const ib = ranked.findIndex((v) => v.value === b);
  if (ia < 0 || ib < 0) return undefined;
  return Math.abs(ia - ib);
}

export const STANDARD_SCALES: Scale[] = [
  {
    key: 'ofsted',
    label: 'Outstanding / Good / Requires improvement / Inadequate',
    values: [
      { value: 'outstanding', label: 'Outstanding', rank: 4 },
      { value: 'good', label: 'Good', rank: 3 },
      { value: 'requires_improvement', label: 'Requires improvement', rank: 2 },
      { value: 'inadequate', label: 'Inadequate', rank: 1 },
    ],
  },
  {
    key: 'yes_partly_no',
    label: 'Yes / Partly / No / Not applicable',
    values: [
      { value: 'yes', label: 'Yes', rank: 3 },
      { value: 'partly', label: 'Partly', rank: 2 },
      { value: 'no', label: 'No', rank: 1 },
      { value: 'not_applicable', label: 'Not applicable', rank: null },
    ],
  },
  {
    key: 'scaling_0_10',
    label: 'Signs of Safety scaling, 0 to 10',
    values: Array.from({ length: 11 }, (_, i) => ({ value: String(i), label: String(i), rank: i })),
  },
  {
    key: 'six_point',
    label: 'Excellent / Very good / Good / Adequate / Weak / Unsatisfactory',
    values: [
      { value: 'excellent', label: 'Excellent', rank: 6 },
      { value: 'very_good', label: 'Very good', rank: 5 },
      { value: 'good', label: 'Good', rank: 4 },
      { value: 'adequate', label: 'Adequate', rank: 3 },
      { value: 'weak', label: 'Weak', rank: 2 },
      { value: 'unsatisfactory', label: 'Unsatisfactory', rank: 1 },
    ],
  },
];
