import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { ChartRun } from 'docx/charts';
import type { Distribution } from '../../domain/judgement-distribution.ts';
import { chartDescription, chartTitle, scaleColours } from './report-chart.ts';
import {
  distributionTable,
  introSentence,
  judgementsSentence,
  reportTables,
  sampleSentence,
  type ReportModel,
  type ReportTable,
} from './report-model.ts';

/**
 * The report in Word: real Heading 1 and Heading 2 styles (so the navigation pane and a table of
 * contents work), real tables with a repeating header row, and each judgement chart as a native
 * Word chart with alternative text: editable in Word, drawn from the same numbers as the table that
 * follows it. (An SVG image in Word needs a PNG fallback, and nothing here can draw one.)
 */
const heading1 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_1 });
const heading2 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2 });
/** Typed text keeps its line breaks: each line after the first starts with a Word line break. */
const lines = (text: string, options: { bold?: boolean; size?: number } = {}) =>
  text.split('\n').map((line, i) => new TextRun({ text: line, ...options, ...(i ? { break: 1 } : {}) }));
const para = (text: string) => new Paragraph({ children: lines(text) });
const bullet = (text: string) => new Paragraph({ children: lines(text), bullet: { level: 0 } });
const labelled = (label: string, text: string) =>
  new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), ...lines(text)] });

/** A4 less two 1-inch margins, in twentieths of a point. */
const TEXT_WIDTH = 9026;

/**
 * Column widths: each at least its longest word (so Word breaks no word), the rest shared by how
 * much text each holds.
 */
export function columnWidths(table: ReportTable): number[] {
  const perChar = 150;
  const cells = (i: number) => [table.headings[i] ?? '', ...table.rows.map((r) => r[i] ?? '')];
  const least = table.headings.map(
    (_, i) =>
      Math.max(
        ...cells(i)
          .flatMap((text) => text.split(/\s+/))
          .map((w) => w.length),
      ) *
        perChar +
      300,
  );
  const weights = table.headings.map(
    (h, i) => Math.min(60, Math.max(h.length / 3, ...table.rows.map((r) => (r[i] ?? '').length))) + 4,
  );
  const spare = TEXT_WIDTH - least.reduce((a, b) => a + b, 0);
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths =
    spare > 0
      ? least.map((w, i) => w + (weights[i]! / sum) * spare)
      : least.map((w) => (w * TEXT_WIDTH) / least.reduce((a, b) => a + b, 0));
  return widths.map(Math.floor);
}

export function docxTable(table: ReportTable, showTitle = true): (Paragraph | Table)[] {
  if (table.rows.length === 0) return [para('None.')];
  const widths = columnWidths(table);
  const cell = (text: string, i: number, header = false) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      children: [new Paragraph({ children: lines(text, { bold: header, size: 20 }) })],
      ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F3F2F1' } } : {}),
    });
  return [
    ...(showTitle
      ? [new Paragraph({ children: [new TextRun({ text: table.title, bold: true })], keepNext: true })]
      : []),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      rows: [
        new TableRow({ tableHeader: true, children: table.headings.map((h, i) => cell(h, i, true)) }),
        ...table.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((text, i) => cell(text, i)) })),
      ],
    }),
    para(''),
  ];
}

function chart(d: Distribution): Paragraph {
  const colours = scaleColours(d.values);
  return new Paragraph({
    alignment: AlignmentType.LEFT,
    children: [
      new ChartRun({
        type: 'bar',
        title: chartTitle(d),
        // Word draws the first category at the bottom: reversed, the chart reads top-down like the table.
        categories: [...d.rows].reverse().map((r) => r.label),
        series: d.values.map((v, i) => ({
          name: v.label,
          values: [...d.rows].reverse().map((r) => r.counts[i] ?? 0),
          color: colours[i]!.slice(1).toUpperCase(),
        })),
        stacking: 'stacked',
        gapWidth: 60,
        valueAxis: {
          minimum: 0,
          interval: Math.max(1, Math.ceil(Math.max(1, ...d.rows.map((r) => r.total)) / 8)),
          numberFormat: '0',
          title: 'Number of judgements',
        },
        transformation: { width: 600, height: 170 + d.rows.length * 34 },
        altText: { name: chartTitle(d), title: chartTitle(d), description: chartDescription(d) },
      }),
    ],
  });
}

function distributions(list: Distribution[], keyPrefix: string, none: string): (Paragraph | Table)[] {
  if (list.length === 0) return [para(none)];
  return list.flatMap((d) => [chart(d), ...docxTable(distributionTable(d, `${keyPrefix}-${d.scaleKey}`))]);
}

export async function reportDocx(model: ReportModel): Promise<Buffer> {
  const tables = new Map(reportTables(model).map((t) => [t.key, t]));
  const table = (key: string, showTitle = true) => docxTable(tables.get(key)!, showTitle);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: `Report to the subgroup: ${model.audit.title}`, heading: HeadingLevel.TITLE }),
    para(introSentence(model)),
    heading1('Background and methodology'),
    labelled('Theme', model.audit.theme),
    labelled('Key lines of enquiry', model.audit.linesOfEnquiry || 'None recorded'),
    labelled('Scope', model.audit.scope),
    ...(model.audit.jointPartnerships.length ? [labelled('Joint with', model.audit.jointPartnerships.join(', '))] : []),
    labelled('Methodology', model.audit.methodology || 'None recorded'),
    heading2('Timeline'),
    ...(model.milestones.length
      ? model.milestones.map((m) => bullet(`${m.label}: ${m.due}${m.done ? ` (done ${m.done})` : ''}`))
      : [para('No milestones recorded.')]),
    heading1('The sample'),
    para(sampleSentence(model)),
    ...table('sample-legal-status'),
    ...table('sample-age-bands'),
    heading1('Participation'),
    ...table('participation', false),
    heading1('Overall single-agency grades'),
    para(model.overallGrades.sentence),
    ...(model.overallGrades.distribution ? [chart(model.overallGrades.distribution), ...table('overall-grades')] : []),
    heading1('Judgements'),
    para(judgementsSentence(model)),
    heading2('By domain'),
    ...distributions(model.byDomain, 'judgements-by-domain', 'No judgements have been submitted yet.'),
    heading2('By agency'),
    ...distributions(model.byAgency, 'judgements-by-agency', 'No judgements have been submitted yet.'),
    heading1('Immediate safeguarding concerns'),
    para(model.concerns.statement),
    ...(model.concerns.items.length ? table('concerns', false) : []),
    heading1('Strengths and findings by case'),
    ...model.cases.flatMap((c) => [
      heading2(c.reference),
      ...(c.strengths.length || c.development.length
        ? [
            ...(c.strengths.length ? [labelled('Strengths', ''), ...c.strengths.map(bullet)] : []),
            ...(c.development.length ? [labelled('Areas for development', ''), ...c.development.map(bullet)] : []),
          ]
        : [para('No findings recorded for this case.')]),
    ]),
    heading1('Issues across cases'),
    ...(model.acrossCases.strengths.length || model.acrossCases.development.length
      ? [
          ...(model.acrossCases.strengths.length
            ? [heading2('Strengths'), ...model.acrossCases.strengths.map(bullet)]
            : []),
          ...(model.acrossCases.development.length
            ? [heading2('Areas for development'), ...model.acrossCases.development.map(bullet)]
            : []),
        ]
      : [para('No issues across cases recorded.')]),
    heading1('Recommendations'),
    ...(model.recommendations.length
      ? model.recommendations.map(
          (r) =>
            new Paragraph({
              children: [
                new TextRun({ text: `${r.number}. `, bold: true }),
                ...lines(r.text),
                new TextRun({ text: ` Kind: ${r.kind}. For: ${r.addressedTo}.`, italics: true }),
              ],
            }),
        )
      : [para('No recommendations recorded.')]),
    heading1('Action plan'),
    ...table('action-plan', false),
  ];
  const document = new Document({
    creator: 'MACA',
    title: `Report to the subgroup: ${model.audit.title}`,
    description: `Multi-agency case audit ${model.audit.reference}`,
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
