import type { TemplateSection } from './briefing-template.ts';

/**
 * The five briefing templates MACA ships, shaped on the seed briefings: the summary briefing
 * (seeds 000 and 003), key messages (001), the 6-step briefing (002), the learning-themes summary
 * (004) and the one-page 7-minute briefing many areas use. A partnership edits its own copies.
 */
export const BRIEFING_KINDS = [
  'briefing_7min',
  'briefing_6step',
  'summary',
  'key_messages',
  'learning_themes',
] as const;
export type BriefingKind = (typeof BRIEFING_KINDS)[number];

export const BRIEFING_KIND_LABELS: Record<BriefingKind, string> = {
  briefing_7min: '7-minute briefing',
  briefing_6step: '6-step briefing',
  summary: 'Summary briefing',
  key_messages: 'Key messages',
  learning_themes: 'Learning themes summary',
};

export const SHIPPED_BRIEFINGS: Record<
  BriefingKind,
  { name: string; description: string; sections: TemplateSection[] }
> = {
  briefing_7min: {
    name: '7-minute briefing',
    description: 'Seven short sections for a team meeting: one page, seven minutes.',
    sections: [
      {
        heading: '1. Why this audit',
        body:
          '{{ partnership.name }} audited how agencies work together where {{ audit.theme }} is a concern for ' +
          'children.\n\n{{ audit.lines_of_enquiry }}',
      },
      {
        heading: '2. What we did',
        body:
          '{{ counts.cases_in_words }} cases ({{ counts.children }} children) were audited by {{ ' +
          'counts.agencies_involved }} of the {{ counts.agencies }} agencies invited. The scope was {{ audit.scope ' +
          '}}.',
      },
      { heading: '3. What worked well', body: '{{ findings.strengths }}' },
      { heading: '4. What needs to improve', body: '{{ findings.development }}' },
      { heading: '5. The learning themes', body: '{{ themes }}' },
      { heading: '6. What happens next', body: '{{ recommendations }}' },
      {
        heading: '7. Questions for your team',
        body:
          '- How do we hear the voice and lived experience of the child in our work?\n- Who else knows this family, ' +
          'and have we shared what we know?\n- When did we last check our records against this learning?',
      },
    ],
  },
  briefing_6step: {
    name: '6-step briefing',
    description: 'Theme and cases, the process, strengths and findings per case, issues across cases, and outcomes.',
    sections: [
      {
        heading: 'Theme / Cases',
        body:
          '- Themes are based on priorities identified by {{ partnership.name }} and its Quality Assurance Sub ' +
          'Group.\n- Cases are selected to ensure there is a cross-section of children, their requirements and ' +
          'service intervention.\n\nThe audit looked at {{ counts.cases_in_words }} cases involving {{ ' +
          'counts.children }} children. {{ audit.lines_of_enquiry }}',
      },
      {
        heading: 'The Process',
        body:
          '- Completed chronologies and audit tools submitted for {{ counts.cases }} pre-selected cases from each ' +
          'agency.\n- Multi-agency meeting convened to examine and analyse each case.\n- Learning summary and 6-step ' +
          'briefing developed to support practitioner learning.\n- Actions identified as part of the composite ' +
          'action plan, monitored and reviewed by the business office.',
      },
      { heading: 'The Identified Strengths', body: '{{ findings.strengths_by_case }}' },
      { heading: 'The Findings', body: '{{ findings.development_by_case }}' },
      { heading: 'The Issues Identified Across Multiple Cases', body: '{{ findings.across_cases }}' },
      {
        heading: 'Recommendation Outcomes, Good Practice and Evidence',
        body: '{{ actions.completed }}\n\n{{ recommendations }}',
      },
    ],
  },
  summary: {
    name: 'Summary briefing',
    description:
      'Background, methodology with case and agency counts, key findings, recommendations and further information.',
    sections: [
      {
        heading: '{{ audit.title }}',
        body:
          'This summary briefing presents the key findings and recommendations from the audit and is aimed at ' +
          'managers and practitioners working with children and families. Please share this briefing with colleagues.',
      },
      {
        heading: 'Background',
        body:
          'Working Together to Safeguard Children requires safeguarding partners to evaluate multi-agency working ' +
          'through joint audits of case files.\n\n{{ audit.lines_of_enquiry }}',
      },
      {
        heading: 'Methodology',
        body:
          '{{ audit.methodology }}\n\n{{ counts.cases_in_words }} cases were audited. The scope of the audit was {{ ' +
          'audit.scope }}. {{ counts.agencies }} agencies were invited to participate; not all cases were known or ' +
          'within the scope for all agencies:\n\n{{ participation_table }}',
      },
      {
        heading: 'Key findings and learning',
        body: '- {{ concerns_statement }}\n{{ findings.strengths }}\n{{ findings.development }}',
      },
      {
        heading: 'Recommendations',
        body:
          'Partner agencies to ensure that there is greater awareness amongst practitioners working with children ' +
          'and families of the following:\n\n{{ recommendations }}',
      },
      {
        heading: 'Further information',
        body: 'The partnership’s procedures and audit summaries are on its website.',
      },
    ],
  },
  key_messages: {
    name: 'Key messages',
    description: 'What we did well, key actions taken, areas for development and further actions.',
    sections: [
      {
        heading: 'Improving local practice: key messages from the multi-agency audit on {{ audit.theme }}',
        body:
          '{{ partnership.name }} carried out a multi-agency case audit to assure itself of how well agencies were ' +
          'working together to safeguard children and young people. {{ counts.cases_in_words }} cases were audited ' +
          'by {{ counts.agencies_involved }} agencies.',
      },
      { heading: 'What we did well', body: '{{ findings.strengths }}' },
      { heading: 'Key actions taken', body: '{{ actions.completed }}' },
      { heading: 'Areas for development', body: '{{ findings.development }}' },
      { heading: 'Further actions', body: '{{ actions.open }}\n\n{{ today }}' },
    ],
  },
  learning_themes: {
    name: 'Learning themes summary',
    description:
      'Summary, the theme, areas working well and for development, what the partnership has done, next steps.',
    sections: [
      { heading: '{{ audit.title }}', body: '{{ today }}' },
      {
        heading: '1 Summary',
        body:
          '{{ partnership.name }} carried out a learning themes audit into {{ audit.theme }}. The audit considered ' +
          '{{ counts.cases_in_words }} cases of children and young people who had been engaged with services in {{ ' +
          'audit.scope }}.',
      },
      { heading: '2 The learning themes', body: '{{ themes }}' },
      {
        heading: '3 What did the audit find – areas working well?',
        body:
          'The multi-agency audit group identified good practice across cases including:\n\n' +
          '{{ findings.strengths }}',
      },
      {
        heading: '4 What did the audit find – areas for development?',
        body:
          'The multi-agency audit group identified the following areas for development across cases:\n\n{{ ' +
          'findings.development }}',
      },
      {
        heading: '5 What has {{ partnership.name }} done with these findings?',
        body:
          '- A report with recommendations has been presented to the subgroup.\n- The approved actions have been ' +
          'transcribed to the action plan and will be monitored quarterly until completed.\n\n{{ recommendations }}',
      },
      {
        heading: '6 Next steps and resources',
        body:
          '- All agencies involved in the audit will feed back specific good practice and areas for development for ' +
          'their service.\n- The subgroup will monitor implementation of the actions to review how learning has been ' +
          'translated into practice.',
      },
    ],
  },
};
