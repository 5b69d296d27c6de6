import { describe, expect, it } from 'vitest';
import { parseTemplate, sectionsFor, STANDARD_SCALES, stepsApart, type AuditTool } from './audit-tool.ts';
import { checkReturnMove, isEditable } from './return-lifecycle.ts';

const scale = (key: string) => STANDARD_SCALES.find((s) => s.key === key)!;

const minimal = (): AuditTool =>
  structuredClone({
    format: 'maca-audit-tool/1',
    name: 'Test tool',
    description: '',
    scales: [scale('ofsted')],
    sections: [
      {
        key: 'referral',
        title: 'Referral',
        guidance: '',
        agencyTypes: [],
        questions: [
          {
            key: 'timely',
            text: 'Was the referral timely?',
            guidance: '',
            type: 'judgement',
            scale: 'ofsted',
            evidence: 'required',
            required: true,
          },
        ],
      },
      {
        key: 'gp',
        title: 'GP records',
        guidance: '',
        agencyTypes: ['gp_icb'],
        questions: [
          {
            key: 'flagged',
            text: 'Was the record flagged?',
            guidance: '',
            type: 'text',
            evidence: 'none',
            required: true,
          },
        ],
      },
    ],
  });

describe('stepsApart', () => {
  it('counts steps on the four-point scale', () => {
    expect(stepsApart(scale('ofsted'), 'outstanding', 'requires_improvement')).toBe(2);
    expect(stepsApart(scale('ofsted'), 'good', 'good')).toBe(0);
  });

  it('ignores unranked values such as not applicable', () => {
    expect(stepsApart(scale('yes_partly_no'), 'yes', 'not_applicable')).toBeUndefined();
    expect(stepsApart(scale('yes_partly_no'), 'yes', 'no')).toBe(2);
  });

  it('works on the 0 to 10 scaling and the six-point scale', () => {
    expect(stepsApart(scale('scaling_0_10'), '3', '8')).toBe(5);
    expect(stepsApart(scale('six_point'), 'excellent', 'very_good')).toBe(1);
  });

  it('answers undefined for a value the scale does not have', () => {
    expect(stepsApart(scale('ofsted'), 'good', 'brilliant')).toBeUndefined();
  });
});

describe('parseTemplate', () => {
  it('accepts a valid template and fills defaults', () => {
    const result = parseTemplate(minimal());
    expect(result.ok).toBe(true);
  });

  it('names the path of each problem', () => {
    const bad = minimal() as unknown as {
      sections: { questions: { scale?: string }[] }[];
      scales: { values: { value: string }[] }[];
    };
    bad.sections[0]!.questions[0]!.scale = 'missing';
    bad.scales[0]!.values[1]!.value = 'Outstanding';
    const result = parseTemplate(bad);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toContain('scales[0].values[1].value: "Outstanding" repeats value 1 ("outstanding")');
      expect(result.problems).toContain(
        'sections[0].questions[0].scale: refers to a scale "missing" the template does not define',
      );
    }
  });

  it('refuses a judgement question without a scale, repeated keys, and an unknown format', () => {
    const t = minimal() as unknown as Record<string, unknown> & {
      sections: { key: string; questions: Record<string, unknown>[] }[];
    };
    t.sections[1]!.key = 'referral';
    delete t.sections[0]!.questions[0]!.scale;
    const result = parseTemplate(t);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toContain('sections[1].key: repeats section key "referral"');
      expect(result.problems).toContain('sections[0].questions[0].scale: is required for a judgement question');
    }
    expect(parseTemplate({ ...minimal(), format: 'other/2' }).ok).toBe(false);
  });

  it('asks agency-specific sections only of those agencies', () => {
    expect(sectionsFor(minimal(), 'police').map((s) => s.key)).toEqual(['referral']);
    expect(sectionsFor(minimal(), 'gp_icb').map((s) => s.key)).toEqual(['referral', 'gp']);
  });
});

describe('return lifecycle', () => {
  it('runs submit, send back with comments, amend, submit, sign off', () => {
    expect(checkReturnMove('save', 'not_started', ['auditor'])).toEqual({ ok: true, to: 'in_progress' });
    expect(checkReturnMove('submit', 'in_progress', ['auditor'])).toEqual({ ok: true, to: 'submitted' });
    expect(checkReturnMove('send_back', 'submitted', ['lead'])).toEqual({ ok: false, problem: 'comments-required' });
    expect(checkReturnMove('send_back', 'submitted', ['lead'], 'Add the MARAC outcome')).toEqual({
      ok: true,
      to: 'returned',
    });
    expect(checkReturnMove('save', 'returned', ['auditor'])).toEqual({ ok: true, to: 'in_progress' });
    expect(checkReturnMove('sign_off', 'submitted', ['lead'])).toEqual({ ok: true, to: 'signed_off' });
  });

  it('locks a signed-off return; only the coordinator reopens it, with a reason', () => {
    expect(checkReturnMove('save', 'signed_off', ['auditor', 'lead'])).toEqual({ ok: false, problem: 'locked' });
    expect(checkReturnMove('reopen', 'signed_off', ['lead'])).toEqual({ ok: false, problem: 'not-permitted' });
    expect(checkReturnMove('reopen', 'signed_off', ['coordinator'])).toEqual({ ok: false, problem: 'reason-required' });
    expect(checkReturnMove('reopen', 'signed_off', ['coordinator'], 'Late evidence from the GP')).toEqual({
      ok: true,
      to: 'in_progress',
    });
    expect(isEditable('signed_off')).toBe(false);
    expect(isEditable('returned')).toBe(true);
  });

  it('does not let an auditor sign off their own return', () => {
    expect(checkReturnMove('sign_off', 'submitted', ['auditor'])).toEqual({ ok: false, problem: 'not-permitted' });
  });
});

import { SHIPPED_TOOLS } from './shipped-templates.ts';

describe('shipped tools', () => {
  it.each(SHIPPED_TOOLS.map((s) => [s.key, s.tool] as const))(
    '%s validates against the template schema',
    (_key, tool) => {
      const result = parseTemplate(tool);
      expect(result.ok ? [] : result.problems).toEqual([]);
    },
  );

  it('covers the eleven domains of the general tool', () => {
    expect(SHIPPED_TOOLS[0]!.tool.sections.map((s) => s.key)).toEqual([
      'referral',
      'assessment',
      'voice',
      'planning',
      'multi_agency',
      'oversight',
      'records',
      'escalation',
      'equality',
      'impact',
      'compliance',
    ]);
  });
});
