import { describe, expect, it } from 'vitest';
import { STANDARD_SCALES, type AuditTool } from './audit-tool.ts';
import { agreedDomains, readCaseNotes } from './meeting-domains.ts';

const ofsted = STANDARD_SCALES.find((s) => s.key === 'ofsted')!;
const ypn = STANDARD_SCALES.find((s) => s.key === 'yes_partly_no')!;
const tool: AuditTool = {
  format: 'maca-audit-tool/1',
  name: 'Tool',
  description: '',
  scales: [ofsted, ypn],
  sections: [
    {
      key: 'voice',
      title: 'Voice of the child',
      guidance: '',
      agencyTypes: [],
      questions: [
        {
          key: 'q1',
          text: 'Seen?',
          guidance: '',
          type: 'judgement',
          scale: 'ofsted',
          evidence: 'optional',
          required: true,
        },
      ],
    },
    {
      key: 'compliance',
      title: 'Compliance',
      guidance: '',
      agencyTypes: [],
      questions: [
        { key: 'q0', text: 'Date', guidance: '', type: 'date', evidence: 'none', required: false },
        {
          key: 'q2',
          text: 'Strategy?',
          guidance: '',
          type: 'judgement',
          scale: 'yes_partly_no',
          evidence: 'optional',
          required: true,
        },
      ],
    },
    {
      key: 'notes',
      title: 'Other notes',
      guidance: '',
      agencyTypes: [],
      questions: [{ key: 'q3', text: 'Anything else', guidance: '', type: 'text', evidence: 'none', required: false }],
    },
  ],
};
const ID = '11111111-1111-4111-8111-111111111111';

describe('agreed judgement domains', () => {
  it('takes every section with a judgement question, on the scale its first judgement uses', () => {
    const domains = agreedDomains([{ id: ID, content: tool }]);
    expect(domains.map((d) => [d.sectionKey, d.scale.key])).toEqual([
      ['voice', 'ofsted'],
      ['compliance', 'yes_partly_no'],
    ]);
    expect(domains[0]!.field).toBe(`j-${ID}-voice`);
  });

  it('reads optional judgements, refusing a value off the scale or a rationale without a judgement', () => {
    const domains = agreedDomains([{ id: ID, content: tool }]);
    const ok = readCaseNotes(
      {
        notes: ' Discussed. ',
        version: '3',
        [`j-${ID}-voice`]: 'good',
        [`j-${ID}-voice-rationale`]: 'Seen alone twice',
      },
      domains,
    );
    expect(ok).toEqual({
      ok: true,
      value: {
        notes: 'Discussed.',
        version: 3,
        judgements: [{ toolVersionId: ID, sectionKey: 'voice', value: 'good', rationale: 'Seen alone twice' }],
      },
    });
    const bad = readCaseNotes(
      { version: '1', [`j-${ID}-voice`]: 'yes', [`j-${ID}-compliance-rationale`]: 'because' },
      domains,
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors[`j-${ID}-voice`]?.text).toBe('Select a judgement for Voice of the child from its scale');
      expect(bad.errors[`j-${ID}-compliance`]?.text).toBe(
        'Select the agreed judgement for Compliance, or remove its rationale',
      );
    }
    const long = readCaseNotes({ version: '1', notes: 'x'.repeat(20001) }, domains);
    expect(long.ok).toBe(false);
  });
});
