import { describe, expect, it } from 'vitest';
import { SEED_FINDINGS } from '../../test/fixtures/seed-findings.ts';
import { suggestThemes } from './theme-suggester.ts';

describe('suggestThemes', () => {
  it('explains each suggestion with the phrases that matched', () => {
    const [first] = suggestThemes('Social Workers were not always made aware of the outcomes of MARAC meetings.');
    expect(first).toMatchObject({ code: 'marac_outcomes', because: ['marac'] });
  });

  it('suggests nothing for text about nothing', () => {
    expect(suggestThemes('The meeting started at ten.')).toEqual([]);
  });

  it('reaches useful precision and recall on the seeds’ hand-labelled findings', () => {
    let truePositives = 0;
    let suggested = 0;
    let labelled = 0;
    for (const finding of SEED_FINDINGS) {
      const codes = suggestThemes(finding.text).map((s) => s.code);
      suggested += codes.length;
      labelled += finding.themes.length;
      truePositives += codes.filter((c) => (finding.themes as string[]).includes(c)).length;
    }
    const precision = truePositives / suggested;
    const recall = truePositives / labelled;
    console.log(
      `Theme suggester on ${SEED_FINDINGS.length} seed findings: precision ` +
        `${(precision * 100).toFixed(1)}%, recall ${(recall * 100).toFixed(1)}% (${truePositives} ` +
        `of ${suggested} suggestions right, ${truePositives} of ${labelled} labels found)`,
    );
    expect(precision).toBeGreaterThanOrEqual(0.6);
    expect(recall).toBeGreaterThanOrEqual(0.6);
  });
});
