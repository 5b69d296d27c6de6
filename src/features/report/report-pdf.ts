import fs from 'node:fs';
import PDFDocument from 'pdfkit';
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
 * The report as PDF, with the same content as the Word file: real text (so it can be searched,
 * copied and read by pdftotext and screen readers), tables drawn as grids with their header row
 * repeated on a new page, and each judgement chart drawn as bars directly (pdfkit has no SVG),
 * followed by its table.
 */
type Doc = InstanceType<typeof PDFDocument>;
const MARGIN = 50;
const FONT = 'Body';
const BOLD = 'Bold';
// Debian's DejaVu Sans (fonts-dejavu-core) when installed, so names beyond Latin-1 (Łukasz, Dvořák)
// print and extract correctly; otherwise the built-in Helvetica, which covers Windows-1252 only.
const DEJAVU = '/usr/share/fonts/truetype/dejavu';
const UNICODE_FONTS = [`${DEJAVU}/DejaVuSans.ttf`, `${DEJAVU}/DejaVuSans-Bold.ttf`] as const;

function registerFonts(doc: Doc): void {
  const unicode = UNICODE_FONTS.every((f) => fs.existsSync(f));
  doc.registerFont(FONT, unicode ? UNICODE_FONTS[0] : 'Helvetica');
  doc.registerFont(BOLD, unicode ? UNICODE_FONTS[1] : 'Helvetica-Bold');
}

function room(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

function heading(doc: Doc, text: string, level: 1 | 2): void {
  room(doc, 60);
  doc
    .moveDown(level === 1 ? 0.8 : 0.5)
    .font(BOLD)
    .fontSize(level === 1 ? 16 : 13)
    .fillColor('#0b0c0c')
    .text(text, MARGIN, doc.y)
    .moveDown(0.3);
}

function para(doc: Doc, text: string, options: { bold?: boolean; bullet?: boolean } = {}): void {
  doc
    .font(options.bold ? BOLD : FONT)
    .fontSize(10)
    .fillColor('#0b0c0c')
    .text(options.bullet ? `•  ${text}` : text, MARGIN + (options.bullet ? 10 : 0), doc.y, {
      width: doc.page.width - 2 * MARGIN - (options.bullet ? 10 : 0),
    })
    .moveDown(0.3);
}

/**
 * Column widths: each at least its longest word (so no word is broken), the rest shared by how
 * much text each holds.
 */
function columnWidths(doc: Doc, table: ReportTable, width: number, pad: number): number[] {
  doc.font(BOLD).fontSize(9);
  const least = table.headings.map(
    (h, i) =>
      Math.max(
        ...[h, ...table.rows.map((r) => r[i] ?? '')]
          .flatMap((text) => text.split(/\s+/))
          .map((word) => doc.widthOfString(word)),
      ) +
      2 * pad +
      1,
  );
  const weights = table.headings.map(
    (h, i) => Math.min(60, Math.max(h.length / 3, ...table.rows.map((r) => (r[i] ?? '').length))) + 4,
  );
  const spare = width - least.reduce((a, b) => a + b, 0);
  if (spare <= 0) return least.map((w) => (w / least.reduce((a, b) => a + b, 0)) * width);
  const sum = weights.reduce((a, b) => a + b, 0);
  return least.map((w, i) => w + (weights[i]! / sum) * spare);
}

export function pdfTable(doc: Doc, table: ReportTable, showTitle = true): void {
  if (table.rows.length === 0) return para(doc, 'None.');
  const pad = 4;
  const widths = columnWidths(doc, table, doc.page.width - 2 * MARGIN, pad);
  const heightOf = (row: string[], font: string) => {
    doc.font(font).fontSize(9);
    return (
      Math.max(...row.map((text, i) => doc.heightOfString(text || ' ', { width: widths[i]! - 2 * pad }))) + 2 * pad
    );
  };
  const drawRow = (row: string[], header: boolean) => {
    const font = header ? BOLD : FONT;
    const h = heightOf(row, font);
    let x = MARGIN;
    const y = doc.y;
    row.forEach((text, i) => {
      if (header) doc.rect(x, y, widths[i]!, h).fillAndStroke('#f3f2f1', '#b1b4b6');
      else doc.rect(x, y, widths[i]!, h).stroke('#b1b4b6');
      doc
        .fillColor('#0b0c0c')
        .font(font)
        .fontSize(9)
        .text(text, x + pad, y + pad, { width: widths[i]! - 2 * pad });
      x += widths[i]!;
    });
    doc.x = MARGIN;
    doc.y = y + h;
  };
  room(doc, 30 + heightOf(table.headings, BOLD) + (table.rows[0] ? heightOf(table.rows[0], FONT) : 0));
  if (showTitle) doc.font(BOLD).fontSize(10).fillColor('#0b0c0c').text(table.title, MARGIN, doc.y).moveDown(0.2);
  drawRow(table.headings, true);
  for (const row of table.rows) {
    if (doc.y + heightOf(row, FONT) > doc.page.height - MARGIN) {
      doc.addPage();
      drawRow(table.headings, true);
    }
    drawRow(row, false);
  }
  doc.moveDown(0.8);
}

/** Horizontal stacked bars, one per row, in the scale's colours, with a legend: the same chart as on screen. */
export function pdfChart(doc: Doc, d: Distribution): void {
  const labelWidth = 170;
  const barArea = doc.page.width - 2 * MARGIN - labelWidth - 30;
  const bar = 14;
  const gap = 6;
  const colours = scaleColours(d.values);
  const max = Math.max(1, ...d.rows.map((r) => r.total));
  const legendRows = Math.ceil(d.values.length / 3);
  room(doc, 40 + d.rows.length * (bar + gap) + legendRows * 16);
  doc.font(BOLD).fontSize(11).fillColor('#0b0c0c').text(chartTitle(d), MARGIN, doc.y).moveDown(0.3);
  let y = doc.y;
  for (const row of d.rows) {
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor('#0b0c0c')
      .text(row.label, MARGIN, y + 2, { width: labelWidth - 6, height: bar, ellipsis: true, lineBreak: false });
    let x = MARGIN + labelWidth;
    row.counts.forEach((count, i) => {
      const w = (count / max) * barArea;
      if (w > 0) doc.rect(x, y, w, bar).fill(colours[i]);
      x += w;
    });
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor('#0b0c0c')
      .text(String(row.total), x + 4, y + 3, { lineBreak: false });
    y += bar + gap;
  }
  d.values.forEach((v, i) => {
    const lx = MARGIN + labelWidth + (i % 3) * (barArea / 3);
    const ly = y + 4 + Math.floor(i / 3) * 16;
    doc.rect(lx, ly, 10, 10).fill(colours[i]);
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor('#0b0c0c')
      .text(v.label, lx + 14, ly + 1, { lineBreak: false });
  });
  doc.x = MARGIN;
  doc.y = y + 8 + legendRows * 16;
  doc
    .font(FONT)
    .fontSize(8)
    .fillColor('#505a5f')
    .text(chartDescription(d), MARGIN, doc.y, { width: doc.page.width - 2 * MARGIN })
    .moveDown(0.5);
}

export function reportPdf(model: ReportModel): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const title = `Report to the subgroup: ${model.audit.title}`;
    const doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      bufferPages: false,
      info: { Title: title, Author: 'MACA', Subject: `Multi-agency case audit ${model.audit.reference}` },
      lang: 'en-GB',
      displayTitle: true,
    });
    registerFonts(doc);
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const tables = new Map(reportTables(model).map((t) => [t.key, t]));
    const table = (key: string, showTitle = true) => pdfTable(doc, tables.get(key)!, showTitle);

    doc.font(BOLD).fontSize(20).fillColor('#0b0c0c').text(title).moveDown(0.4);
    para(doc, introSentence(model));
    heading(doc, 'Background and methodology', 1);
    para(doc, `Theme: ${model.audit.theme}`);
    para(doc, `Key lines of enquiry: ${model.audit.linesOfEnquiry || 'None recorded'}`);
    para(doc, `Scope: ${model.audit.scope}`);
    if (model.audit.jointPartnerships.length) para(doc, `Joint with: ${model.audit.jointPartnerships.join(', ')}`);
    para(doc, `Methodology: ${model.audit.methodology || 'None recorded'}`);
    heading(doc, 'Timeline', 2);
    if (model.milestones.length === 0) para(doc, 'No milestones recorded.');
    for (const m of model.milestones)
      para(doc, `${m.label}: ${m.due}${m.done ? ` (done ${m.done})` : ''}`, { bullet: true });
    heading(doc, 'The sample', 1);
    para(doc, sampleSentence(model));
    table('sample-legal-status');
    table('sample-age-bands');
    heading(doc, 'Participation', 1);
    table('participation', false);
    heading(doc, 'Overall single-agency grades', 1);
    para(doc, model.overallGrades.sentence);
    if (model.overallGrades.distribution) {
      pdfChart(doc, model.overallGrades.distribution);
      table('overall-grades');
    }
    heading(doc, 'Judgements', 1);
    para(doc, judgementsSentence(model));
    for (const [title2, list, prefix] of [
      ['By domain', model.byDomain, 'judgements-by-domain'],
      ['By agency', model.byAgency, 'judgements-by-agency'],
    ] as const) {
      heading(doc, title2, 2);
      if (list.length === 0) para(doc, 'No judgements have been submitted yet.');
      for (const d of list) {
        pdfChart(doc, d);
        pdfTable(doc, distributionTable(d, `${prefix}-${d.scaleKey}`));
      }
    }
    heading(doc, 'Immediate safeguarding concerns', 1);
    para(doc, model.concerns.statement);
    if (model.concerns.items.length) table('concerns', false);
    heading(doc, 'Strengths and findings by case', 1);
    for (const c of model.cases) {
      heading(doc, c.reference, 2);
      if (!c.strengths.length && !c.development.length) para(doc, 'No findings recorded for this case.');
      if (c.strengths.length) para(doc, 'Strengths', { bold: true });
      for (const s of c.strengths) para(doc, s, { bullet: true });
      if (c.development.length) para(doc, 'Areas for development', { bold: true });
      for (const s of c.development) para(doc, s, { bullet: true });
    }
    heading(doc, 'Issues across cases', 1);
    if (!model.acrossCases.strengths.length && !model.acrossCases.development.length)
      para(doc, 'No issues across cases recorded.');
    if (model.acrossCases.strengths.length) heading(doc, 'Strengths', 2);
    for (const s of model.acrossCases.strengths) para(doc, s, { bullet: true });
    if (model.acrossCases.development.length) heading(doc, 'Areas for development', 2);
    for (const s of model.acrossCases.development) para(doc, s, { bullet: true });
    heading(doc, 'Recommendations', 1);
    if (model.recommendations.length === 0) para(doc, 'No recommendations recorded.');
    for (const r of model.recommendations) para(doc, `${r.number}. ${r.text} Kind: ${r.kind}. For: ${r.addressedTo}.`);
    heading(doc, 'Action plan', 1);
    table('action-plan', false);
    doc.end();
  });
}
