/**
 * Briefing templates: sections of text with placeholders such as `{{ audit.title }}` or
 * `{{ findings.strengths }}`, filled from an audit's model. The text uses three plain conventions
 * that the page, Word and PDF all render: a line starting "## " is a sub-heading, a line starting
 * "- " is a bullet, and a blank line separates paragraphs. Pure; no I/O.
 */
export type TemplateSection = { heading: string; body: string };
export type BriefingSection = { heading: string; text: string };

export type BriefingFinding = {
  kind: 'strength' | 'development';
  text: string;
  caseRefs: string[];
  acrossCases: boolean;
};
export type BriefingModel = {
  partnership: { name: string };
  audit: {
    title: string;
    reference: string;
    theme: string;
    scope: string;
    methodology: string;
    linesOfEnquiry: string;
    year: string;
  };
  /** cases, children and agenciesInvolved count from the returns received (submitted or signed off). */
  counts: {
    cases: number;
    children: number;
    casesSelected: number;
    agencies: number;
    agenciesInvolved: number;
    returnsReceived: number;
    returnsExpected: number;
  };
  /** "from 2 of 7 expected returns" */
  returnsBasis: string;
  /** "Overall single-agency grades, from 6 of 7 expected returns: 2 good, 3 requires improvement and 1 inadequate." */
  overallGrades: string;
  participation: { agency: string; text: string }[];
  findings: BriefingFinding[];
  recommendations: string[];
  actions: { text: string; agency: string; complete: boolean; status: string }[];
  themes: { label: string; findings: number }[];
  concerns: { raised: number; awaitingOutcome: number };
  today: string;
};

const NUMBER_WORDS = [
  'no',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];
const inWords = (n: number) => NUMBER_WORDS[n] ?? String(n);
const bullets = (items: string[], none: string) =>
  items.length ? items.map((i) => `- ${i.replace(/\s*\n\s*/g, ' ')}`).join('\n') : none;
const caseOrder = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

function byCase(findings: BriefingFinding[], none: string): string {
  const refs = [...new Set(findings.flatMap((f) => f.caseRefs))].sort(caseOrder);
  const blocks = refs.map(
    (ref) =>
      `## ${ref}\n${bullets(
        findings.filter((f) => f.caseRefs.includes(ref)).map((f) => f.text),
        '',
      )}`,
  );
  return blocks.length ? blocks.join('\n\n') : none;
}

function concernsStatement(c: BriefingModel['concerns']): string {
  if (c.raised === 0)
    return (
      'No concerns were identified during the audit or at the audit ' +
      'discussion meeting regarding the children being left at risk or the ' +
      'immediate safety of those children whose cases were audited.'
    );
  const s = c.raised === 1 ? 'concern was' : 'concerns were';
  const outcome =
    c.awaitingOutcome === 0
      ? 'each has a recorded outcome'
      : `${inWords(c.awaitingOutcome)} ${c.awaitingOutcome === 1 ? 'awaits' : 'await'} an outcome`;
  return (
    `${inWords(c.raised).replace(/^./, (x) => x.toUpperCase())} immediate safeguarding ${s} ` +
    `raised during the audit and passed at once to the agency’s safeguarding lead; ${outcome}.`
  );
}

/** Every placeholder a template may use, what it gives, and how it is filled. */
export const PLACEHOLDERS: Record<string, { description: string; fill: (m: BriefingModel) => string }> = {
  'partnership.name': { description: 'The partnership’s name', fill: (m) => m.partnership.name },
  'audit.title': { description: 'The audit’s title', fill: (m) => m.audit.title },
  'audit.reference': { description: 'The audit’s reference', fill: (m) => m.audit.reference },
  'audit.theme': { description: 'The audit’s theme', fill: (m) => m.audit.theme },
  'audit.scope': { description: 'The scope period', fill: (m) => m.audit.scope },
  'audit.methodology': { description: 'The methodology as recorded', fill: (m) => m.audit.methodology },
  'audit.lines_of_enquiry': { description: 'The key lines of enquiry', fill: (m) => m.audit.linesOfEnquiry },
  'audit.year': { description: 'The year of the audit', fill: (m) => m.audit.year },
  'counts.cases_selected': { description: 'Number of cases selected', fill: (m) => String(m.counts.casesSelected) },
  'counts.returns_received': {
    description: 'Returns received (submitted or signed off)',
    fill: (m) => String(m.counts.returnsReceived),
  },
  'counts.returns_expected': { description: 'Returns expected', fill: (m) => String(m.counts.returnsExpected) },
  returns_basis: {
    description: 'What the counts come from: “from 2 of 7 expected returns”',
    fill: (m) => m.returnsBasis,
  },
  'counts.cases': {
    description: 'Number of cases audited: a return received (figures)',
    fill: (m) => String(m.counts.cases),
  },
  'counts.cases_in_words': { description: 'Number of cases audited (words)', fill: (m) => inWords(m.counts.cases) },
  'counts.children': { description: 'Number of children in the cases audited', fill: (m) => String(m.counts.children) },
  overall_grades: {
    description: 'The overall single-agency grades in a sentence, from the returns received',
    fill: (m) => m.overallGrades,
  },
  'counts.agencies': { description: 'Number of agencies invited', fill: (m) => String(m.counts.agencies) },
  'counts.agencies_involved': {
    description: 'Number of agencies whose return for at least one case was received',
    fill: (m) => String(m.counts.agenciesInvolved),
  },
  participation_table: {
    description: 'Per agency, the cases audited and why others were not',
    fill: (m) =>
      bullets(
        m.participation.map((p) => `${p.agency}: ${p.text}`),
        'No agency has recorded its involvement yet.',
      ),
  },
  'findings.strengths': {
    description: 'Strengths, as a list',
    fill: (m) =>
      bullets(
        m.findings.filter((f) => f.kind === 'strength').map((f) => f.text),
        'None recorded.',
      ),
  },
  'findings.development': {
    description: 'Areas for development, as a list',
    fill: (m) =>
      bullets(
        m.findings.filter((f) => f.kind === 'development').map((f) => f.text),
        'None recorded.',
      ),
  },
  'findings.strengths_by_case': {
    description: 'Strengths under a heading per case',
    fill: (m) =>
      byCase(
        m.findings.filter((f) => f.kind === 'strength'),
        'None recorded.',
      ),
  },
  'findings.development_by_case': {
    description: 'Areas for development under a heading per case',
    fill: (m) =>
      byCase(
        m.findings.filter((f) => f.kind === 'development'),
        'None recorded.',
      ),
  },
  'findings.across_cases': {
    description: 'Findings seen across several cases',
    fill: (m) =>
      bullets(
        m.findings.filter((f) => f.acrossCases).map((f) => f.text),
        'None recorded.',
      ),
  },
  recommendations: {
    description: 'Recommendations, as a list',
    fill: (m) => bullets(m.recommendations, 'None recorded.'),
  },
  'actions.completed': {
    description: 'Actions completed',
    fill: (m) =>
      bullets(
        m.actions.filter((a) => a.complete).map((a) => `${a.text} (${a.agency})`),
        'None completed yet.',
      ),
  },
  'actions.open': {
    description: 'Actions still open',
    fill: (m) =>
      bullets(
        m.actions.filter((a) => !a.complete).map((a) => `${a.text} (${a.agency})`),
        'None open.',
      ),
  },
  themes: {
    description: 'Learning themes of the findings',
    fill: (m) =>
      bullets(
        m.themes.map((t) => t.label),
        'None recorded.',
      ),
  },
  concerns_statement: {
    description: 'What the audit found about immediate safeguarding concerns',
    fill: (m) => concernsStatement(m.concerns),
  },
  today: { description: 'This month and year', fill: (m) => m.today },
};

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export type TemplateProblem = { sectionIndex: number; heading: string; placeholder: string; message: string };

/** Every unknown or malformed placeholder, with its section: what saving a template refuses. */
export function checkTemplate(sections: TemplateSection[]): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  sections.forEach((section, sectionIndex) => {
    const label = section.heading.trim() || `Section ${sectionIndex + 1}`;
    for (const source of [section.heading, section.body]) {
      for (const m of source.matchAll(PLACEHOLDER)) {
        const name = m[1]!;
        if (!Object.hasOwn(PLACEHOLDERS, name))
          problems.push({
            sectionIndex,
            heading: label,
            placeholder: name,
            message: `“{{ ${name} }}” in section “${label}” is not a placeholder MACA knows`,
          });
      }
      const rest = source.replace(PLACEHOLDER, '');
      if (rest.includes('{{') || rest.includes('}}'))
        problems.push({
          sectionIndex,
          heading: label,
          placeholder: '{{',
          message: `Section “${label}” has a “{{” or “}}” that does not make a placeholder`,
        });
    }
  });
  return problems;
}

/** The template's sections with every placeholder replaced by the audit's text. */
export function fillTemplate(sections: TemplateSection[], model: BriefingModel): BriefingSection[] {
  // A value that starts a sentence starts with a capital ("Seven cases were audited").
  const fill = (source: string) =>
    source.replace(PLACEHOLDER, (whole: string, name: string, offset: number) => {
      if (!Object.hasOwn(PLACEHOLDERS, name)) return whole;
      const value = PLACEHOLDERS[name]!.fill(model);
      return /(^|[.!?\n]\s*|^- )$/.test(
        source
          .slice(0, offset)
          .replace(/[ \t]+$/, ' ')
          .trimStart(),
      ) || offset === 0
        ? value.replace(/^\p{Ll}/u, (c) => c.toUpperCase())
        : value;
    });
  return sections.map((s) => ({
    heading: fill(s.heading).trim(),
    text: fill(s.body)
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
  }));
}

export type TextBlock =
  { type: 'paragraph'; text: string } | { type: 'subheading'; text: string } | { type: 'bullets'; items: string[] };

/** A section's text as blocks, for the page, Word and PDF. */
export function textBlocks(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ type: 'paragraph', text: paragraph.join(' ') });
    paragraph = [];
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) {
      flush();
      continue;
    }
    if (line.startsWith('## ')) {
      flush();
      blocks.push({ type: 'subheading', text: line.slice(3).trim() });
    } else if (/^[-•*] /.test(line)) {
      flush();
      const last = blocks[blocks.length - 1];
      if (last?.type === 'bullets') last.items.push(line.slice(2).trim());
      else blocks.push({ type: 'bullets', items: [line.slice(2).trim()] });
    } else paragraph.push(line);
  }
  flush();
  return blocks;
}
