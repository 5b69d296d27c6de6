import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { neutraliseCell } from '../../domain/csv-safety.ts';
import { reportTables, type ReportModel, type ReportTable } from './report-model.ts';

/**
 * The report's tables for spreadsheets: an Excel workbook with a sheet per table (and one about the
 * audit), and a CSV file per table. A cell starting with = + - or @ is neutralised so it is never
 * run as a formula.
 */
export function csvTableKeys(model: ReportModel): string[] {
  return reportTables(model).map((t) => t.key);
}

export function reportCsv(model: ReportModel, key: string): string | undefined {
  const table = reportTables(model).find((t) => t.key === key);
  if (!table) return undefined;
  return stringify(
    [table.headings, ...table.rows].map((row) => row.map(neutraliseCell)),
    { bom: true },
  );
}

function sheetName(table: ReportTable, used: Set<string>): string {
  const base = table.title
    .replace(/[\\/?*[\]:]/g, ' ')
    .slice(0, 31)
    .trim();
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 27)} (${n})`;
  used.add(name.toLowerCase());
  return name;
}

export async function reportXlsx(model: ReportModel): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'MACA';
  workbook.title = `Report to the subgroup: ${model.audit.title}`;
  const about = workbook.addWorksheet('About');
  const facts: [string, string][] = [
    ['Report to the subgroup', model.audit.title],
    ['Audit', model.audit.reference],
    ['Produced', model.generatedOn],
    ['Theme', model.audit.theme],
    ['Key lines of enquiry', model.audit.linesOfEnquiry],
    ['Scope', model.audit.scope],
    ['Methodology', model.audit.methodology],
    ['Cases', String(model.sample.cases)],
    ['Children', String(model.sample.children)],
    ['Returns counted', String(model.returnsCounted)],
    ['Immediate safeguarding concerns', model.concerns.statement],
  ];
  for (const row of facts) about.addRow(row.map(neutraliseCell));
  about.getColumn(1).font = { bold: true };
  about.getColumn(1).width = 34;
  about.getColumn(2).width = 100;
  const used = new Set(['about']);
  for (const table of reportTables(model)) {
    const sheet = workbook.addWorksheet(sheetName(table, used));
    sheet.addRow(table.headings.map(neutraliseCell));
    for (const row of table.rows) {
      const added = sheet.addRow(row.map(neutraliseCell));
      // A line break typed in a finding shows as one in the cell.
      if (row.some((c) => c.includes('\n'))) added.alignment = { wrapText: true, vertical: 'top' };
    }
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    table.headings.forEach(
      (h, i) =>
        (sheet.getColumn(i + 1).width = Math.min(
          80,
          Math.max(12, h.length + 2, ...table.rows.map((r) => (r[i] ?? '').length + 2)),
        )),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
