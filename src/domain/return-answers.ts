import { scaleValue, type AuditTool, type Section } from './audit-tool.ts';

/**
 * Checks the answers posted for one section of a return against the frozen template. On "Save and
 * continue" every required answer must be there; on "Save and come back later" gaps are allowed,
 * but nothing invalid is ever stored, and an answer to a question the template lacks is refused.
 */
export const EVIDENCE_LIMIT = 5000;
export const NOTE_LIMIT = 5000;

export type PostedSection = {
  answers: Record<string, string>;
  evidence: Record<string, string>;
  workedWell: string;
  areasForDevelopment: string;
};
export type SectionCheck = {
  answers: { questionKey: string; answer: string; evidence: string }[];
  errors: Record<string, { text: string }>;
  complete: boolean;
};

export const answerField = (questionKey: string) => `a_${questionKey}`;
export const evidenceField = (questionKey: string) => `e_${questionKey}`;

/** Reads `a_<key>` and `e_<key>` fields from a form body. */
export function readPostedSection(body: Record<string, string | string[]>): PostedSection {
  const answers: Record<string, string> = {};
  const evidence: Record<string, string> = {};
  for (const [field, raw] of Object.entries(body)) {
    const value = Array.isArray(raw) ? (raw[0] ?? '') : raw;
    if (field.startsWith('a_')) answers[field.slice(2)] = value.trim();
    if (field.startsWith('e_')) evidence[field.slice(2)] = value.replace(/\r\n/g, '\n').trim();
  }
  return {
    answers,
    evidence,
    workedWell: String(body.workedWell ?? '').trim(),
    areasForDevelopment: String(body.areasForDevelopment ?? '').trim(),
  };
}

function validDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return (
    date.getUTCFullYear() === Number(match[1]) &&
    date.getUTCMonth() === Number(match[2]) - 1 &&
    date.getUTCDate() === Number(match[3])
  );
}

export function checkSection(
  tool: AuditTool,
  section: Section,
  posted: PostedSection,
  mode: 'complete' | 'draft',
): SectionCheck {
  const errors: Record<string, { text: string }> = {};
  const known = new Set(section.questions.map((q) => q.key));
  for (const key of new Set([...Object.keys(posted.answers), ...Object.keys(posted.evidence)])) {
    if (!known.has(key))
      errors.form = {
        text:
          `The form had an answer to a question that is not in this section ` +
          `(${key.slice(0, 60)}). Reload the page and try again`,
      };
  }
  const answers: SectionCheck['answers'] = [];
  for (const question of section.questions) {
    const answer = posted.answers[question.key] ?? '';
    const evidence = question.evidence === 'none' ? '' : (posted.evidence[question.key] ?? '');
    const label = question.text.replace(/\?$/, '');
    if (answer) {
      if (question.type === 'judgement') {
        const scale = tool.scales.find((s) => s.key === question.scale);
        if (!scale || !scaleValue(scale, answer))
          errors[answerField(question.key)] = { text: `Select an answer from the list for “${label}”` };
      } else if (question.type === 'choice' && !question.choices?.includes(answer)) {
        errors[answerField(question.key)] = { text: `Select one of the choices for “${label}”` };
      } else if (question.type === 'date' && !validDate(answer)) {
        errors[answerField(question.key)] = { text: `Enter a real date for “${label}”` };
      } else if (question.type === 'text' && answer.length > EVIDENCE_LIMIT) {
        errors[answerField(question.key)] = {
          text: `The answer to “${label}” must be ${EVIDENCE_LIMIT} characters or fewer`,
        };
      }
    } else if (mode === 'complete' && question.required) {
      errors[answerField(question.key)] = {
        text:
          question.type === 'judgement' || question.type === 'choice'
            ? `Select an answer for “${label}”`
            : `Enter an answer for “${label}”`,
      };
    }
    if (evidence.length > EVIDENCE_LIMIT) {
      errors[evidenceField(question.key)] = {
        text: `Evidence for “${label}” must be ${EVIDENCE_LIMIT} characters or fewer (it has ${evidence.length})`,
      };
    } else if (
      mode === 'complete' &&
      question.evidence === 'required' &&
      answer &&
      answer !== 'not_applicable' &&
      !evidence
    ) {
      errors[evidenceField(question.key)] = { text: `Enter the evidence for “${label}”` };
    }
    answers.push({ questionKey: question.key, answer, evidence });
  }
  if (posted.workedWell.length > NOTE_LIMIT)
    errors.workedWell = { text: `What worked well must be ${NOTE_LIMIT} characters or fewer` };
  if (posted.areasForDevelopment.length > NOTE_LIMIT)
    errors.areasForDevelopment = { text: `Areas for development must be ${NOTE_LIMIT} characters or fewer` };
  const complete = section.questions.every((q) => !q.required || answers.find((a) => a.questionKey === q.key)?.answer);
  return { answers, errors, complete: complete && Object.keys(errors).length === 0 };
}
