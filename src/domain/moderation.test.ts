import { describe, expect, it } from 'vitest';
import { STANDARD_SCALES } from './audit-tool.ts';
import { heatmap, type Judgement } from './moderation.ts';

const scale = (key: string) => STANDARD_SCALES.find((s) => s.key === key)!;
const j = (
  agencyId: string,
  questionKey: string,
  value: string,
  scaleKey = 'ofsted',
  domain = 'planning',
): Judgement => ({ agencyId, domain, questionKey, scale: scale(scaleKey), value });
const cell = (cells: ReturnType<typeof heatmap>, agencyId: string, domain = 'planning') =>
  cells.find((c) => c.agencyId === agencyId && c.domain === domain)!;

describe('heatmap moderation', () => {
  it('marks both agencies when their judgements of a question are two steps apart on the four-point scale', () => {
    const cells = heatmap([
      j('police', 'planning_smart', 'outstanding'),
      j('health', 'planning_smart', 'requires_improvement'),
      j('school', 'planning_smart', 'good'),
    ]);
    expect(cell(cells, 'police').moderate).toBe(true);
    expect(cell(cells, 'health').moderate).toBe(true);
    expect(cell(cells, 'school').moderate).toBe(false);
    expect(cell(cells, 'police').questions).toEqual(['planning_smart']);
  });

  it('does not mark one step apart', () => {
    const cells = heatmap([j('police', 'q', 'good'), j('health', 'q', 'requires_improvement')]);
    expect(cells.every((c) => !c.moderate)).toBe(true);
  });

  it('works on Yes/Partly/No, ignoring not applicable', () => {
    const cells = heatmap([
      j('police', 'q', 'yes', 'yes_partly_no'),
      j('health', 'q', 'no', 'yes_partly_no'),
      j('school', 'q', 'not_applicable', 'yes_partly_no'),
    ]);
    expect(cell(cells, 'police').moderate).toBe(true);
    expect(cell(cells, 'school').moderate).toBe(false);
  });

  it('works on the 0 to 10 scaling: 5 and 7 are two steps apart, 5 and 6 are not', () => {
    expect(heatmap([j('a', 'q', '5', 'scaling_0_10'), j('b', 'q', '7', 'scaling_0_10')]).every((c) => c.moderate)).toBe(
      true,
    );
    expect(heatmap([j('a', 'q', '5', 'scaling_0_10'), j('b', 'q', '6', 'scaling_0_10')]).some((c) => c.moderate)).toBe(
      false,
    );
  });

  it('compares only the same question, and ignores values the scale lacks', () => {
    const cells = heatmap([j('a', 'q1', 'outstanding'), j('b', 'q2', 'inadequate'), j('c', 'q1', 'brilliant')]);
    expect(cells.some((c) => c.moderate)).toBe(false);
    expect(cells.find((c) => c.agencyId === 'c')).toBeUndefined();
  });
});
