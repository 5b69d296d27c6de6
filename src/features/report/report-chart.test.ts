import { describe, expect, it } from 'vitest';
import type { Distribution } from '../../domain/judgement-distribution.ts';
import { chartDescription, distributionChartSpec, distributionChartSvg, scaleColours } from './report-chart.ts';

const distribution: Distribution = {
  by: 'domain',
  scaleKey: 'ofsted',
  scaleLabel: 'Ofsted grades',
  values: [
    { value: 'outstanding', label: 'Outstanding', rank: 4 },
    { value: 'good', label: 'Good', rank: 3 },
    { value: 'requires_improvement', label: 'Requires improvement', rank: 2 },
    { value: 'inadequate', label: 'Inadequate', rank: 1 },
    { value: 'not_applicable', label: 'Not applicable', rank: null },
  ],
  rows: [
    { label: 'Planning', counts: [0, 2, 0, 1, 0], total: 3 },
    { label: 'Voice & <child>', counts: [1, 0, 0, 0, 1], total: 2 },
  ],
};

describe('distribution chart', () => {
  it('draws a stacked bar per row from the same numbers as the table, in the scale’s order and colours', () => {
    const spec = distributionChartSpec(distribution) as unknown as {
      data: { values: { row: string; value: string; count: number }[] };
      encoding: { y: { sort: string[] }; color: { scale: { domain: string[]; range: string[] } } };
      title: string;
    };
    expect(spec.title).toBe('Judgements by domain: Ofsted grades');
    expect(spec.data.values).toHaveLength(10);
    expect(spec.data.values.filter((v) => v.row === 'Planning').map((v) => v.count)).toEqual([0, 2, 0, 1, 0]);
    expect(spec.encoding.y.sort).toEqual(['Planning', 'Voice & <child>']);
    expect(spec.encoding.color.scale.domain).toEqual([
      'Outstanding',
      'Good',
      'Requires improvement',
      'Inadequate',
      'Not applicable',
    ]);
    expect(spec.encoding.color.scale.range).toEqual(['#00703c', '#85994b', '#f47738', '#d4351c', '#b1b4b6']);
  });

  it('colours two- and three-value scales from green to red', () => {
    expect(
      scaleColours([
        { value: 'y', label: 'Yes', rank: 1 },
        { value: 'n', label: 'No', rank: 0 },
      ]),
    ).toEqual(['#00703c', '#d4351c']);
    expect(
      scaleColours([
        { value: 'y', label: 'Yes', rank: 2 },
        { value: 'p', label: 'Partly', rank: 1 },
        { value: 'n', label: 'No', rank: 0 },
      ]),
    ).toEqual(['#00703c', '#f47738', '#d4351c']);
  });

  it('describes the totals in words', () => {
    expect(chartDescription(distribution)).toContain('5 judgements');
    expect(chartDescription(distribution)).toContain('Good 2, Requires improvement 0, Inadequate 1, Not applicable 1');
  });

  it('renders an SVG image with a title and description, escaping labels', async () => {
    const svg = await distributionChartSvg(distribution, 'chart-1');
    expect(svg.startsWith('<svg role="img" aria-labelledby="chart-1-title chart-1-desc"')).toBe(true);
    expect(svg).toContain('<title id="chart-1-title">Judgements by domain: Ofsted grades</title>');
    expect(svg).toContain('Voice &amp; &lt;child&gt;');
    expect(svg).not.toContain('<child>');
    expect(svg).not.toMatch(/style="/);
  });
});
