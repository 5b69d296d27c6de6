import { describe, expect, it } from 'vitest';
import { GENERAL_TOOL } from './shipped-templates.ts';
import { checkSection, readPostedSection, EVIDENCE_LIMIT } from './return-answers.ts';

const referral = GENERAL_TOOL.sections.find((s) => s.key === 'referral')!;
const full = {
  a_referral_timely: 'good',
  e_referral_timely: 'Referred the same day (12 March).',
  a_referral_all_children: 'yes',
  e_referral_all_children: 'All three children named.',
  a_referral_history: 'partly',
  e_referral_history: 'Police history summarised; health history missing.',
  workedWell: 'Prompt referral',
  areasForDevelopment: '',
};

describe('checkSection', () => {
  it('accepts a complete section', () => {
    const result = checkSection(GENERAL_TOOL, referral, readPostedSection(full), 'complete');
    expect(result.errors).toEqual({});
    expect(result.complete).toBe(true);
    expect(result.answers.map((a) => a.answer)).toEqual(['good', 'yes', 'partly']);
  });

  it('asks for a missing judgement and missing required evidence on save and continue', () => {
    const result = checkSection(
      GENERAL_TOOL,
      referral,
      readPostedSection({ ...full, a_referral_timely: '', e_referral_history: '' }),
      'complete',
    );
    expect(result.errors.a_referral_timely?.text).toBe(
      'Select an answer for “Were concerns recognised and referred in a timely way, at the right threshold”',
    );
    expect(result.errors.e_referral_history?.text).toMatch(/^Enter the evidence for/);
    expect(result.complete).toBe(false);
  });

  it('lets a draft have gaps but never an invalid value', () => {
    const draft = checkSection(GENERAL_TOOL, referral, readPostedSection({ a_referral_timely: 'brilliant' }), 'draft');
    expect(Object.keys(draft.errors)).toEqual(['a_referral_timely']);
    const gaps = checkSection(GENERAL_TOOL, referral, readPostedSection({ a_referral_timely: 'good' }), 'draft');
    expect(gaps.errors).toEqual({});
    expect(gaps.complete).toBe(false);
  });

  it('refuses evidence over the limit, saying how long it is', () => {
    const long = 'x'.repeat(EVIDENCE_LIMIT + 1);
    const result = checkSection(
      GENERAL_TOOL,
      referral,
      readPostedSection({ ...full, e_referral_timely: long }),
      'draft',
    );
    expect(result.errors.e_referral_timely?.text).toContain(`(it has ${EVIDENCE_LIMIT + 1})`);
  });

  it('refuses answers posted for a question not in the template', () => {
    const result = checkSection(
      GENERAL_TOOL,
      referral,
      readPostedSection({ ...full, a_invented_question: 'good' }),
      'complete',
    );
    expect(result.errors.form?.text).toContain('not in this section');
  });

  it('needs no evidence for not applicable', () => {
    const result = checkSection(
      GENERAL_TOOL,
      referral,
      readPostedSection({ ...full, a_referral_history: 'not_applicable', e_referral_history: '' }),
      'complete',
    );
    expect(result.errors).toEqual({});
  });
});
