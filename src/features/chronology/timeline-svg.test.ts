import { describe, expect, it } from 'vitest';
import type { EntryRow } from './chronology-repository.ts';
import { timelineSvg } from './timeline-svg.ts';

const entry = (id: string, agencyId: string, from: string, to = from, extra: Partial<EntryRow> = {}): EntryRow => ({
  id,
  caseId: 'c',
  agencyId,
  agencyName: agencyId,
  from,
  to,
  precision: 'day',
  event: 'Police attended <home> & spoke to "mother"',
  source: '',
  category: 'incident',
  impact: 'negative',
  actionTaken: '',
  significant: false,
  version: 1,
  importId: null,
  ...extra,
});

describe('timelineSvg', () => {
  const lanes = [
    { id: 'police', name: 'Police' },
    { id: 'gp', name: 'GP & practice' },
    { id: 'housing', name: 'Housing' },
  ];
  const svg = timelineSvg(
    [
      entry('1', 'police', '2018-01-10'),
      entry('2', 'gp', '2018-03-01', '2018-05-31', { impact: 'positive', significant: true }),
    ],
    lanes,
  );

  it('is an image with a title and a description naming the table as its equivalent', () => {
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="timeline-title timeline-desc"/);
    expect(svg).toContain('<title id="timeline-title">Timeline of 2 chronology entries by agency</title>');
    expect(svg).toContain('The table below lists every entry.');
  });

  it('draws a lane only for agencies with entries, a dot for a day and a bar for a period', () => {
    expect(svg).toContain('>Police</text>');
    expect(svg).toContain('>GP &amp; practice</text>');
    expect(svg).not.toContain('Housing');
    expect(svg.match(/<circle /g)).toHaveLength(1);
    expect(svg).toMatch(/<line [^>]*stroke="#00703c" stroke-width="8"/);
  });

  it('escapes the text of entries', () => {
    expect(svg).toContain('&lt;home&gt; &amp; spoke to &quot;mother&quot;');
    expect(svg).not.toContain('<home>');
  });

  it('draws nothing without entries', () => {
    expect(timelineSvg([], lanes)).toBe('');
  });
});
