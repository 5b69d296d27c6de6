import type { Distribution } from '../../domain/judgement-distribution.ts';
import type { ReceivedRow } from '../../domain/participation-returns.ts';

/**
 * The report to the subgroup: everything it says, built from the audit's own records and nothing
 * else. It speaks of "Case 1"; identifying details (kept only in case_identity, encrypted) are never
 * read to build it. Every format (page, HTML, Word, PDF, Excel, CSV) is drawn from this one model.
 */
export type ReportModel = {
  audit: {
    id: string;
    reference: string;
    title: string;
    theme: string;
    linesOfEnquiry: string;
    scope: string;
    methodology: string;
    jointPartnerships: string[];
    status: string;
  };
  generatedOn: string;
  milestones: { label: string; due: string; done: string }[];
  sample: {
    /** Selected for the audit. */
    cases: number;
    children: number;
    /** Audited: at least one return received (submitted or signed off) for the case. */
    casesAudited: number;
    childrenAudited: number;
    legalStatus: { label: string; count: number }[];
    ageBands: { label: string; count: number }[];
  };
  participation: ReceivedRow[];
  returnsCounted: number;
  /** Returns expected: one per agency recorded as involved in a case. */
  returnsExpected: number;
  /** "from 2 of 7 expected returns" */
  basis: string;
  chronologyEntries: number;
  /** The returns' overall single-agency grades by agency and in total, and the sentence saying so. */
  overallGrades: { distribution: Distribution | undefined; sentence: string };
  byDomain: Distribution[];
  byAgency: Distribution[];
  concerns: { statement: string; items: { caseReference: string; agencyName: string; outcome: string }[] };
  cases: { reference: string; strengths: string[]; development: string[] }[];
  acrossCases: { strengths: string[]; development: string[] };
  /** `kind` in words: 'Training', or 'Not stated' for one recorded before kinds were. */
  recommendations: { number: number; text: string; kind: string; addressedTo: string }[];
  actions: {
    text: string;
    agency: string;
    lead: string;
    startOn: string;
    dueOn: string;
    status: string;
    rag: string;
  }[];
};

export const NO_CONCERNS = 'No immediate safeguarding concerns were identified.';
export const PARTICIPATION_HEADINGS = [
  'Agency',
  'Number of cases audited (not all cases were known or within the scope for all agencies)',
] as const;

/** A table of the report, as it appears in every format: a title, column headings and rows of text. */
export type ReportTable = { key: string; title: string; headings: string[]; rows: string[][] };

const counted = (values: Distribution['values'], counts: number[]) => values.map((_, i) => String(counts[i] ?? 0));

/** A scale's key as it may appear in a file name and an address (the CSV route takes [a-z0-9-]). */
const slug = (key: string) =>
  key
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export function distributionTable(d: Distribution, key: string): ReportTable {
  const totals = d.values.map((_, i) => d.rows.reduce((sum, r) => sum + (r.counts[i] ?? 0), 0));
  return {
    key,
    title: `Judgements by ${d.by}: ${d.scaleLabel}`,
    headings: [d.by === 'domain' ? 'Domain' : 'Agency', ...d.values.map((v) => v.label), 'Total'],
    rows: [
      ...d.rows.map((r) => [r.label, ...counted(d.values, r.counts), String(r.total)]),
      ['All', ...totals.map(String), String(totals.reduce((a, b) => a + b, 0))],
    ],
  };
}

export const OVERALL_TITLE = 'Overall single-agency grades by agency';

/** Every table in the report, in order: what the spreadsheet's sheets and the CSV files hold. */
export function reportTables(model: ReportModel): ReportTable[] {
  return [
    {
      key: 'sample-legal-status',
      title: 'Sample: legal status of the children',
      headings: ['Legal status', 'Children'],
      rows: model.sample.legalStatus.map((r) => [r.label, String(r.count)]),
    },
    {
      key: 'sample-age-bands',
      title: 'Sample: age bands of the children',
      headings: ['Age band', 'Children'],
      rows: model.sample.ageBands.map((r) => [r.label, String(r.count)]),
    },
    {
      key: 'participation',
      title: 'Participation',
      headings: [...PARTICIPATION_HEADINGS],
      rows: model.participation.map((r) => [r.agencyName, r.text]),
    },
    ...(model.overallGrades.distribution
      ? [{ ...distributionTable(model.overallGrades.distribution, 'overall-grades'), title: OVERALL_TITLE }]
      : []),
    ...model.byDomain.map((d) => distributionTable(d, `judgements-by-domain-${slug(d.scaleKey)}`)),
    ...model.byAgency.map((d) => distributionTable(d, `judgements-by-agency-${slug(d.scaleKey)}`)),
    {
      key: 'concerns',
      title: 'Immediate safeguarding concerns',
      headings: ['Case', 'Agency', 'Outcome'],
      rows: model.concerns.items.map((c) => [c.caseReference, c.agencyName, c.outcome]),
    },
    {
      key: 'findings',
      title: 'Strengths and findings',
      headings: ['Case', 'Kind', 'Finding'],
      rows: [
        ...model.cases.flatMap((c) => [
          ...c.strengths.map((s) => [c.reference, 'Strength', s]),
          ...c.development.map((s) => [c.reference, 'Area for development', s]),
        ]),
        ...model.acrossCases.strengths.map((s) => ['Across cases', 'Strength', s]),
        ...model.acrossCases.development.map((s) => ['Across cases', 'Area for development', s]),
      ],
    },
    {
      key: 'recommendations',
      title: 'Recommendations',
      headings: ['Number', 'Recommendation', 'Kind', 'For'],
      rows: model.recommendations.map((r) => [String(r.number), r.text, r.kind, r.addressedTo]),
    },
    {
      key: 'action-plan',
      title: 'Action plan',
      headings: ['Action', 'Agency', 'Lead', 'Start', 'Due', 'Status', 'RAG'],
      rows: model.actions.map((a) => [a.text, a.agency, a.lead, a.startOn, a.dueOn, a.status, a.rag]),
    },
  ];
}

/**
 * All the report's words as plain text, in reading order: what the redaction guard checks for
 * identifying details before anything leaves the service.
 */
export function reportPlainText(model: ReportModel): string {
  const lines: string[] = [
    `Report to the subgroup: ${model.audit.title}`,
    `Audit ${model.audit.reference}. Produced ${model.generatedOn}.`,
  ];
  lines.push(
    'Background and methodology',
    `Theme: ${model.audit.theme}`,
    `Key lines of enquiry: ${model.audit.linesOfEnquiry || 'None recorded'}`,
    `Scope: ${model.audit.scope}`,
  );
  if (model.audit.jointPartnerships.length) lines.push(`Joint with: ${model.audit.jointPartnerships.join(', ')}`);
  lines.push(`Methodology: ${model.audit.methodology || 'None recorded'}`);
  for (const m of model.milestones) lines.push(`${m.label}: ${m.due}${m.done ? `, done ${m.done}` : ''}`);
  lines.push('The sample', sampleSentence(model));
  lines.push(model.overallGrades.sentence, judgementsSentence(model));
  for (const table of reportTables(model)) {
    lines.push(table.title, table.headings.join('\t'));
    for (const row of table.rows) lines.push(row.join('\t'));
  }
  lines.push('Immediate safeguarding concerns', model.concerns.statement);
  return `${lines.join('\n')}\n`;
}

const casesWith = (cases: number, children: number) =>
  `${cases} case${cases === 1 ? '' : 's'} with ${children} child${children === 1 ? '' : 'ren'}`;

/** Cases and children counted apart: those selected, and those audited (a return received). */
export function sampleSentence(model: ReportModel): string {
  const { cases, children, casesAudited, childrenAudited } = model.sample;
  const entries = model.chronologyEntries;
  return (
    `${casesWith(cases, children)} ${cases === 1 ? 'was' : 'were'} selected; ` +
    `${casesWith(casesAudited, childrenAudited)} ${casesAudited === 1 ? 'was' : 'were'} audited ` +
    `(at least one agency’s return received), ${model.basis}. ` +
    `Counts only: no child is described. Agencies' chronologies hold ${entries} entr${entries === 1 ? 'y' : 'ies'}.`
  );
}

/** The opening words of the Word and PDF files. */
export function introSentence(model: ReportModel): string {
  return (
    `Multi-agency case audit ${model.audit.reference}. Produced ${model.generatedOn}. ` +
    'Cases are referred to as “Case 1” and so on; this report holds no identifying details.'
  );
}

/** What the judgement charts of the Word and PDF files are counted from. */
export function judgementsSentence(model: ReportModel): string {
  const n = model.returnsCounted;
  return (
    `From ${n} of ${model.returnsExpected} expected agency return${model.returnsExpected === 1 ? '' : 's'}, ` +
    `received (submitted or signed off). ` +
    'Each chart is followed by a table of the same numbers.'
  );
}
