import { describe, expect, it } from 'vitest';
import { checkTemplate, fillTemplate, textBlocks, type BriefingModel } from './briefing-template.ts';
import { BRIEFING_KINDS, SHIPPED_BRIEFINGS } from './shipped-briefings.ts';

function aModel(overrides: Partial<BriefingModel> = {}): BriefingModel {
  return {
    partnership: { name: 'Demoshire Safeguarding Children Partnership' },
    audit: {
      title: 'Domestic abuse audit',
      reference: 'DA-1',
      theme: 'Domestic abuse',
      scope: '1 June 2017 to 30 November 2017',
      methodology: 'Seven cases from a list.',
      linesOfEnquiry: 'Compliance with procedures.',
      year: '2018',
    },
    counts: {
      cases: 7,
      children: 9,
      casesSelected: 7,
      agencies: 7,
      agenciesInvolved: 6,
      returnsReceived: 20,
      returnsExpected: 22,
    },
    returnsBasis: 'from 20 of 22 expected returns',
    overallGrades: 'Overall single-agency grades, from 20 of 22 expected returns: 12 good and 8 requires improvement.',
    participation: [
      { agency: 'Leicestershire Police', text: '4 (out of the 7, 4 audited and 3 out of scope)' },
      { agency: 'UHL', text: '0 (not known)' },
    ],
    findings: [
      { kind: 'strength', text: 'Timely referrals by the school.', caseRefs: ['Case 2'], acrossCases: false },
      { kind: 'strength', text: 'Good joint visits.', caseRefs: ['Case 10'], acrossCases: false },
      { kind: 'development', text: 'MARAC outcomes did not reach social workers.', caseRefs: [], acrossCases: true },
      {
        kind: 'development',
        text: 'The voice of the child\nwas not recorded.',
        caseRefs: ['Case 2'],
        acrossCases: false,
      },
    ],
    recommendations: ['Share MARAC outcomes with every practitioner.'],
    actions: [
      { text: 'Brief all teams', agency: 'Social care', complete: true, status: 'complete' },
      { text: 'Re-audit in six months', agency: 'Social care', complete: false, status: 'on_track' },
    ],
    themes: [{ label: 'Voice and lived experience of the child', findings: 1 }],
    concerns: { raised: 0, awaitingOutcome: 0 },
    today: 'November 2026',
    ...overrides,
  };
}

describe('filling a template', () => {
  it('replaces placeholders with the audit’s text, spacing inside the braces optional', () => {
    const [section] = fillTemplate(
      [
        {
          heading: '{{audit.title}}',
          body: '{{ counts.cases_in_words }} cases, {{ counts.agencies }} agencies ({{ partnership.name }}).',
        },
      ],
      aModel(),
    );
    expect(section).toEqual({
      heading: 'Domestic abuse audit',
      text: 'Seven cases, 7 agencies (Demoshire Safeguarding Children Partnership).',
    });
  });

  it('starts a sentence with a capital, and leaves other values as they are', () => {
    const [s] = fillTemplate(
      [
        {
          heading: 'H',
          body:
            'We looked at {{ counts.cases_in_words }} cases. {{ ' +
            'counts.cases_in_words }} were open.\n{{ counts.cases_in_words }} again',
        },
      ],
      aModel(),
    );
    expect(s!.text).toBe('We looked at seven cases. Seven were open.\nSeven again');
  });

  it('writes lists as bullets, one line each, and says so when a list is empty', () => {
    const [a, b, c] = fillTemplate(
      [
        { heading: 'D', body: '{{ findings.development }}' },
        { heading: 'R', body: '{{ actions.completed }}' },
        { heading: 'E', body: '{{ recommendations }}' },
      ],
      aModel({ recommendations: [] }),
    );
    expect(a!.text).toBe('- MARAC outcomes did not reach social workers.\n- The voice of the child was not recorded.');
    expect(b!.text).toBe('- Brief all teams (Social care)');
    expect(c!.text).toBe('None recorded.');
  });

  it('groups findings under a heading per case, in case order', () => {
    const [s] = fillTemplate([{ heading: 'S', body: '{{ findings.strengths_by_case }}' }], aModel());
    expect(s!.text).toBe('## Case 2\n- Timely referrals by the school.\n\n## Case 10\n- Good joint visits.');
  });

  it('words the participation table as the seeds do, and the concerns statement both ways', () => {
    const [p, none] = fillTemplate(
      [
        { heading: 'P', body: '{{ participation_table }}' },
        { heading: 'C', body: '{{ concerns_statement }}' },
      ],
      aModel(),
    );
    expect(p!.text).toContain('- Leicestershire Police: 4 (out of the 7, 4 audited and 3 out of scope)');
    expect(none!.text).toMatch(/^No concerns were identified/);
    const [some] = fillTemplate(
      [{ heading: 'C', body: '{{ concerns_statement }}' }],
      aModel({ concerns: { raised: 2, awaitingOutcome: 1 } }),
    );
    expect(some!.text).toBe(
      'Two immediate safeguarding concerns were raised during the audit and ' +
        'passed at once to the agency’s safeguarding lead; one awaits an ' +
        'outcome.',
    );
  });
});

describe('checking a template', () => {
  it('names an unknown placeholder and its section', () => {
    const problems = checkTemplate([
      { heading: 'Background', body: 'ok {{ audit.title }}' },
      { heading: 'Findings', body: '{{ findings.strenghts }}' },
    ]);
    expect(problems).toEqual([
      {
        sectionIndex: 1,
        heading: 'Findings',
        placeholder: 'findings.strenghts',
        message: '“{{ findings.strenghts }}” in section “Findings” is not a placeholder MACA knows',
      },
    ]);
  });

  it('refuses stray braces and unknown placeholders in headings', () => {
    expect(checkTemplate([{ heading: '{{ child.name }}', body: 'x' }])[0]?.placeholder).toBe('child.name');
    expect(checkTemplate([{ heading: 'A', body: 'text {{ audit.title' }])[0]?.message).toContain(
      'does not make a placeholder',
    );
    expect(checkTemplate([{ heading: 'A', body: 'no placeholders at all' }])).toEqual([]);
  });

  it('accepts every shipped template', () => {
    for (const kind of BRIEFING_KINDS) expect(checkTemplate(SHIPPED_BRIEFINGS[kind].sections), kind).toEqual([]);
  });
});

describe('the shipped templates have the seeds’ shape', () => {
  const headings = (kind: (typeof BRIEFING_KINDS)[number]) =>
    fillTemplate(SHIPPED_BRIEFINGS[kind].sections, aModel()).map((s) => s.heading);

  it('7-minute briefing: seven sections', () => {
    expect(headings('briefing_7min')).toHaveLength(7);
  });

  it('6-step briefing: strengths and findings per case, issues across cases (seed 002)', () => {
    expect(headings('briefing_6step')).toEqual([
      'Theme / Cases',
      'The Process',
      'The Identified Strengths',
      'The Findings',
      'The Issues Identified Across Multiple Cases',
      'Recommendation Outcomes, Good Practice and Evidence',
    ]);
    const filled = fillTemplate(SHIPPED_BRIEFINGS.briefing_6step.sections, aModel());
    expect(filled[3]!.text).toContain('## Case 2\n- The voice of the child was not recorded.');
    expect(filled[4]!.text).toBe('- MARAC outcomes did not reach social workers.');
  });

  it(
    'summary briefing: background, methodology with counts and the ' +
      'participation table, key findings (seeds 000, 003)',
    () => {
      const filled = fillTemplate(SHIPPED_BRIEFINGS.summary.sections, aModel());
      expect(filled.map((s) => s.heading)).toEqual([
        'Domestic abuse audit',
        'Background',
        'Methodology',
        'Key findings and learning',
        'Recommendations',
        'Further information',
      ]);
      expect(filled[2]!.text).toContain('Seven cases were audited');
      expect(filled[2]!.text).toContain('- UHL: 0 (not known)');
      expect(filled[3]!.text.split('\n')[0]).toMatch(/^- No concerns were identified/);
    },
  );

  it('key messages and learning themes (seeds 001, 004)', () => {
    expect(headings('key_messages').slice(1)).toEqual([
      'What we did well',
      'Key actions taken',
      'Areas for development',
      'Further actions',
    ]);
    expect(headings('learning_themes')[5]).toBe(
      '5 What has Demoshire Safeguarding Children Partnership done with these findings?',
    );
  });
});

describe('text blocks', () => {
  it('reads sub-headings, bullets and paragraphs', () => {
    expect(textBlocks('Intro line\nsame paragraph\n\n## Case 1\n- one\n- two\n\nEnd')).toEqual([
      { type: 'paragraph', text: 'Intro line same paragraph' },
      { type: 'subheading', text: 'Case 1' },
      { type: 'bullets', items: ['one', 'two'] },
      { type: 'paragraph', text: 'End' },
    ]);
  });
});
