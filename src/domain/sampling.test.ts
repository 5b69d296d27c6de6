import { describe, expect, it } from 'vitest';
import { allocate, balance, drawSample, type SamplingCandidate } from './sampling.ts';

function candidates(
  spec: [legalStatus: string, count: number][],
  extra: Partial<SamplingCandidate> = {},
): SamplingCandidate[] {
  const list: SamplingCandidate[] = [];
  for (const [legalStatus, count] of spec) {
    for (let i = 0; i < count; i++) {
      list.push({
        id: `${legalStatus}-${String(i).padStart(4, '0')}`,
        legalStatus,
        ageBand: i % 2 ? '5_9' : '10_15',
        sex: i % 3 ? 'female' : 'male',
        ethnicity: 'white',
        ...extra,
      });
    }
  }
  return list;
}

const mixed = candidates([
  ['child_in_need', 50],
  ['child_protection', 30],
  ['early_help', 15],
  ['looked_after', 5],
]);

describe('stratified sampling', () => {
  it('gives the same draw for the same seed, whatever order the candidates come in', () => {
    const first = drawSample(mixed, { dimensions: ['legalStatus'], size: 10, seed: 'spring-2025' });
    const shuffled = [...mixed].reverse();
    const second = drawSample(shuffled, { dimensions: ['legalStatus'], size: 10, seed: 'spring-2025' });
    expect(first.ids).toHaveLength(10);
    expect(new Set(second.ids)).toEqual(new Set(first.ids));
  });

  it('gives a different draw for a different seed', () => {
    const a = drawSample(mixed, { dimensions: ['legalStatus'], size: 10, seed: 'one' });
    const b = drawSample(mixed, { dimensions: ['legalStatus'], size: 10, seed: 'two' });
    expect(new Set(a.ids)).not.toEqual(new Set(b.ids));
  });

  it('allocates in proportion to each stratum, rounding by largest remainder', () => {
    const draw = drawSample(mixed, { dimensions: ['legalStatus'], size: 10, seed: 'x' });
    const byStatus = Object.fromEntries(
      draw.strata.map((s): [string, number] => [String(s.values.legalStatus), s.allocated]),
    );
    expect(byStatus).toEqual({ child_in_need: 5, child_protection: 3, early_help: 1, looked_after: 1 });
    // 7 of 100 with quotas 3.5, 2.1, 1.05, 0.35: floors 3+2+1+0 plus one each for the minimum, then remainders.
    expect(allocate([50, 30, 15, 5], 7)).toEqual([3, 2, 1, 1]);
    expect(allocate([50, 30, 15, 5], 20)).toEqual([10, 6, 3, 1]);
    expect(allocate([3, 3, 3], 4)).toEqual([2, 1, 1]);
  });

  it('takes at least one from each stratum when the sample size allows, and none forced when it does not', () => {
    expect(allocate([97, 1, 1, 1], 4)).toEqual([1, 1, 1, 1]);
    expect(allocate([97, 1, 1, 1], 5)).toEqual([2, 1, 1, 1]);
    expect(allocate([97, 1, 1, 1], 2)).toEqual([2, 0, 0, 0]);
  });

  it('respects the strata: every chosen case belongs to its stratum and each stratum gets its allocation', () => {
    const draw = drawSample(mixed, { dimensions: ['legalStatus', 'sex'], size: 12, seed: 'strata' });
    const chosen = mixed.filter((c) => draw.ids.includes(c.id));
    for (const stratum of draw.strata) {
      const inStratum = chosen.filter(
        (c) => c.legalStatus === stratum.values.legalStatus && c.sex === stratum.values.sex,
      );
      expect(inStratum).toHaveLength(stratum.allocated);
      expect(stratum.allocated).toBeGreaterThanOrEqual(1);
    }
    expect(draw.strata).toHaveLength(8);
    expect(chosen).toHaveLength(12);
  });

  it('takes every candidate when the sample is larger than the list', () => {
    const small = candidates([['early_help', 3]]);
    const draw = drawSample(small, { dimensions: ['legalStatus'], size: 10, seed: 'big' });
    expect(draw.requested).toBe(10);
    expect(draw.drawn).toBe(3);
    expect(draw.ids.sort()).toEqual(small.map((c) => c.id).sort());
  });

  it('draws a simple random sample when no stratum is chosen, and nothing from nothing', () => {
    const draw = drawSample(mixed, { dimensions: [], size: 6, seed: 'plain' });
    expect(draw.strata).toHaveLength(1);
    expect(draw.ids).toHaveLength(6);
    expect(drawSample([], { dimensions: ['sex'], size: 5, seed: 'x' }).ids).toEqual([]);
  });

  it('shows the sample’s mix against the candidates’ for each dimension', () => {
    const draw = drawSample(mixed, { dimensions: ['legalStatus'], size: 10, seed: 'x' });
    const panel = balance(mixed, draw.ids);
    expect(panel.legalStatus[0]).toEqual({
      value: 'child_in_need',
      candidates: 50,
      candidatesPercent: 50,
      sample: 5,
      samplePercent: 50,
    });
    expect(panel.legalStatus.find((r) => r.value === 'looked_after')).toEqual({
      value: 'looked_after',
      candidates: 5,
      candidatesPercent: 5,
      sample: 1,
      samplePercent: 10,
    });
    expect(panel.sex.reduce((n, r) => n + r.sample, 0)).toBe(10);
  });
});
