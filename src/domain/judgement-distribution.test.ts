import { describe, expect, it } from 'vitest';
import type { Scale } from './audit-tool.ts';
import { distributionRecords, judgementDistributions, type ScoredJudgement } from './judgement-distribution.ts';

const ofsted: Scale = {
  key: 'ofsted',
  label: 'Ofsted grades',
  values: [
    { value: 'outstanding', label: 'Outstanding', rank: 4 },
    { value: 'good', label: 'Good', rank: 3 },
    { value: 'requires_improvement', label: 'Requires improvement', rank: 2 },
    { value: 'inadequate', label: 'Inadequate', rank: 1 },
  ],
};
const ypn: Scale = {
  key: 'yes_partly_no',
  label: 'Yes, partly, no',
  values: [
    { value: 'yes', label: 'Yes', rank: 2 },
    { value: 'partly', label: 'Partly', rank: 1 },
    { value: 'no', label: 'No', rank: 0 },
    { value: 'not_applicable', label: 'Not applicable', rank: null },
  ],
};
const j = (agency: string, domain: string, scale: Scale, value: string): ScoredJudgement => ({
  agency,
  domain,
  scale,
  value,
});

describe('judgement distributions', () => {
  const judgements = [
    j('Police', 'Planning', ofsted, 'good'),
    j('Health', 'Planning', ofsted, 'good'),
    j('Health', 'Planning', ofsted, 'inadequate'),
    j('Police', 'Voice', ofsted, 'outstanding'),
    j('Police', 'Voice', ypn, 'not_applicable'),
    j('Health', 'Voice', ypn, 'no'),
    j('Health', 'Voice', ofsted, 'made-up value'),
  ];

  it('counts each value of each scale per domain, in the scale’s order, and ignores values outside the scale', () => {
    const [grades, compliance] = judgementDistributions(judgements, 'domain');
    expect(grades!.scaleKey).toBe('ofsted');
    expect(grades!.values.map((v) => v.label)).toEqual(['Outstanding', 'Good', 'Requires improvement', 'Inadequate']);
    expect(grades!.rows).toEqual([
      { label: 'Planning', counts: [0, 2, 0, 1], total: 3 },
      { label: 'Voice', counts: [1, 0, 0, 0], total: 1 },
    ]);
    expect(compliance!.rows).toEqual([{ label: 'Voice', counts: [0, 0, 1, 1], total: 2 }]);
  });

  it('counts per agency on the same judgements', () => {
    const [grades] = judgementDistributions(judgements, 'agency');
    expect(grades!.by).toBe('agency');
    expect(grades!.rows).toEqual([
      { label: 'Police', counts: [1, 1, 0, 0], total: 2 },
      { label: 'Health', counts: [0, 1, 0, 1], total: 2 },
    ]);
  });

  it('gives nothing for no judgements, and records with zeros for the chart', () => {
    expect(judgementDistributions([], 'domain')).toEqual([]);
    const [grades] = judgementDistributions([j('Police', 'Planning', ofsted, 'good')], 'domain');
    expect(distributionRecords(grades!)).toEqual([
      { row: 'Planning', value: 'Outstanding', count: 0, order: 0 },
      { row: 'Planning', value: 'Good', count: 1, order: 1 },
      { row: 'Planning', value: 'Requires improvement', count: 0, order: 2 },
      { row: 'Planning', value: 'Inadequate', count: 0, order: 3 },
    ]);
  });
});
