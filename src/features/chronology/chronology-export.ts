import { stringify } from 'csv-stringify/sync';
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import { formatChronologyDate } from '../../domain/chronology-dates.ts';
import { IMPACTS } from '../../domain/chronology-entry.ts';
import { neutraliseCell } from '../../domain/csv-safety.ts';
import { CHRONOLOGY_CATEGORIES } from '../../domain/discussion-points.ts';
import type { EntryRow } from './chronology-repository.ts';

/** The integrated chronology as CSV, XLSX and DOCX: the same columns, every cell safe to open. */
const HEADERS = [
  'Date',
  'From',
  'To',
  'Agency',
  'Category',
  'What happened',
  'Source',
  'Impact on the child',
  'Action taken',
  'Significant',
];

function rows(entries: EntryRow[]): string[][] {
  return entries.map((e) =>
    [
      formatChronologyDate(e),
      e.from,
      e.to,
      e.agencyName,
      CHRONOLOGY_CATEGORIES[e.category],
      e.event,
      e.source,
      IMPACTS[e.impact],
      e.actionTaken,
      e.significant ? 'Yes' : 'No',
    ].map(neutraliseCell),
  );
}

export function chronologyCsv(entries: EntryRow[]): string {
  return stringify([HEADERS, ...rows(entries)], { bom: true });
}

export async function chronologyXlsx(entries: EntryRow[], title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'MACA';
  const sheet = workbook.addWorksheet('Chronology', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(HEADERS).font = { bold: true };
  for (const row of rows(entries)) sheet.addRow(row);
  sheet.columns.forEach((column, i) => {
    column.width = [18, 12, 12, 28, 24, 60, 24, 16, 40, 12][i] ?? 20;
    column.alignment = { wrapText: true, vertical: 'top' };
  });
  workbook.title = title;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function chronologyDocx(entries: EntryRow[], title: string, subtitle: string): Promise<Buffer> {
  const cell = (text: string, bold = false) =>
    new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
  const columns = [0, 3, 4, 5, 7, 8];
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((i) => cell(HEADERS[i]!, true)) }),
      ...rows(entries).map((r) => new TableRow({ children: columns.map((i) => cell(r[i] ?? '')) })),
    ],
  });
  const document = new Document({
    creator: 'MACA',
    title,
    sections: [
      {
        properties: { page: { size: { orientation: 'landscape' } } },
        children: [
          new Paragraph({ text: title, heading: HeadingLevel.TITLE }),
          new Paragraph({ text: subtitle, alignment: AlignmentType.LEFT }),
          new Paragraph({ text: `${entries.length} entries, in date order.`, heading: HeadingLevel.HEADING_2 }),
          table,
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
