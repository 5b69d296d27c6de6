import { describe, expect, it } from 'vitest';
import { STANDARD_SCALES } from './audit-tool.ts';
import { overallGrades, overallGradesSentence } from './overall-grades.ts';

const ofsted = STANDARD_SCALES[0]!;

describe('overall single-agency grades', () => {
  // Six graded returns from three agencies and one received without a grade, worked out by hand.
  const returns = [
    { agency: 'Police', grade: 'good' },
    { agency: 'Police', grade: 'requires_improvement' },
    { agency: 'Health', grade: 'requires_improvement' },
    { agency: 'Health', grade: 'inadequate' },
    { agency: 'School', grade: 'good' },
    { agency: 'School', grade: 'requires_improvement' },
    { agency: 'School', grade: null },
  ];

  it('counts per agency and in total, in the scale’s order', () => {
    const g = overallGrades(returns, ofsted);
    expect(g.graded).toBe(6);
    expect(g.ungraded).toBe(1);
    expect(g.distribution!.rows.map((r) => [r.label, ...r.counts, r.total])).toEqual([
      ['Health', 0, 0, 1, 1, 2],
      ['Police', 0, 1, 1, 0, 2],
      ['School', 0, 1, 1, 0, 2],
    ]);
    expect(g.totals.map((t) => t.count)).toEqual([0, 2, 3, 1]);
  });

  it('says it in a sentence a briefing can use, with its basis', () => {
    const g = overallGrades(returns, ofsted);
    expect(overallGradesSentence(g, 'from 7 of 9 expected returns')).toBe(
      'Overall single-agency grades, from 7 of 9 expected returns: 2 good, 3 requires improvement and ' +
        '1 inadequate; 1 return received without a grade.',
    );
    const none = overallGrades([], ofsted);
    expect(none.distribution).toBeUndefined();
    expect(overallGradesSentence(none, 'from 0 of 4 expected returns')).toBe(
      'No overall single-agency grades have been given (from 0 of 4 expected returns).',
    );
    expect(overallGradesSentence(overallGrades([{ agency: 'A', grade: 'outstanding' }], ofsted), 'b')).toBe(
      'Overall single-agency grades, b: 1 outstanding.',
    );
  });
});
