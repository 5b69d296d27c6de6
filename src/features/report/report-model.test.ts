import { describe, expect, it } from 'vitest';
import { distributionTable, NO_CONCERNS, reportPlainText, reportTables, type ReportModel } from './report-model.ts';

const model: ReportModel = {
  audit: {
    id: 'a1',
    reference: 'MACA-2026-01',
    title: 'Domestic abuse audit',
    theme: 'Domestic abuse',
    linesOfEnquiry: 'Voice of the child',
    scope: '1 January 2025 to 30 June 2025',
    methodology: 'Nominated cases',
    jointPartnerships: [],
    status: 'Reporting',
  },
  generatedOn: '30 November 2026',
  milestones: [{ label: 'Discussion meeting', due: '20 January 2026', done: '' }],
  sample: {
    cases: 1,
    children: 2,
    casesAudited: 1,
    childrenAudited: 2,
    legalStatus: [{ label: 'Child in need', count: 2 }],
    ageBands: [{ label: '1 to 4', count: 2 }],
  },
  participation: [
    {
      agencyId: 'g1',
      agencyName: 'Police',
      audited: 1,
      text: '1 (out of the 1)',
    },
  ],
  returnsCounted: 1,
  returnsExpected: 1,
  basis: 'from 1 of 1 expected return',
  chronologyEntries: 1,
  overallGrades: { distribution: undefined, sentence: 'No overall single-agency grades have been given.' },
  byDomain: [
    {
      by: 'domain',
      scaleKey: 'ypn',
      scaleLabel: 'Yes / No',
      values: [
        { value: 'yes', label: 'Yes', rank: 1 },
        { value: 'no', label: 'No', rank: 0 },
      ],
      rows: [
        { label: 'Planning', counts: [2, 1], total: 3 },
        { label: 'Voice', counts: [0, 1], total: 1 },
      ],
    },
  ],
  byAgency: [],
  concerns: { statement: NO_CONCERNS, items: [] },
  cases: [{ reference: 'Case 1', strengths: ['Good sharing'], development: [] }],
  acrossCases: { strengths: [], development: ['Fathers not seen'] },
  recommendations: [{ number: 1, text: 'Confirm MARAC outcomes', kind: 'Assurance', addressedTo: 'All agencies' }],
  actions: [
    {
      text: 'Brief teams',
      agency: 'Police',
      lead: 'Pat Lead',
      startOn: '',
      dueOn: '30 June 2026',
      status: 'On track',
      rag: 'Green',
    },
  ],
};

describe('the report’s tables and plain text', () => {
  it('adds a row of totals to each distribution table', () => {
    expect(distributionTable(model.byDomain[0]!, 'x')).toEqual({
      key: 'x',
      title: 'Judgements by domain: Yes / No',
      headings: ['Domain', 'Yes', 'No', 'Total'],
      rows: [
        ['Planning', '2', '1', '3'],
        ['Voice', '0', '1', '1'],
        ['All', '2', '2', '4'],
      ],
    });
  });

  it('lists every table once, with keys fit for a file name', () => {
    const keys = reportTables(model).map((t) => t.key);
    expect(keys).toEqual([
      'sample-legal-status',
      'sample-age-bands',
      'participation',
      'judgements-by-domain-ypn',
      'concerns',
      'findings',
      'recommendations',
      'action-plan',
    ]);
    for (const key of keys) expect(key).toMatch(/^[a-z0-9-]+$/);
    expect(reportTables(model).find((t) => t.key === 'findings')!.rows).toEqual([
      ['Case 1', 'Strength', 'Good sharing'],
      ['Across cases', 'Area for development', 'Fathers not seen'],
    ]);
  });

  it('gives every word of the report as plain text, for the redaction guard', () => {
    const text = reportPlainText(model);
    for (const words of [
      'Domestic abuse audit',
      'Voice of the child',
      'Discussion meeting: 20 January 2026',
      'Police\t1 (out of the 1)',
      'Planning\t2\t1\t3',
      NO_CONCERNS,
      'Good sharing',
      'Fathers not seen',
      'Confirm MARAC outcomes',
      'Brief teams\tPolice\tPat Lead',
    ]) {
      expect(text).toContain(words);
    }
  });
});
