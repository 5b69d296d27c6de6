import type { Environment } from 'nunjucks';
import { NotFound } from '../../web/errors.ts';
import { reportDocx } from './report-docx.ts';
import type { ReportModel } from './report-model.ts';
import { reportPdf } from './report-pdf.ts';
import { reportCsv, reportXlsx } from './report-sheets.ts';
import { reportViewContext } from './report-view.ts';

/** The report as a file, for the downloads and the `maca export-audit --report` command. */
export const REPORT_FILE_FORMATS = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type ReportFileFormat = keyof typeof REPORT_FILE_FORMATS;

/** A file the report is released as: one of the documents, or one of its tables as CSV. */
export type ReportFile = ReportFileFormat | { csv: string };

export type ReportDocument = { body: Buffer; contentType: string; fileName: string };

export function isReportFileFormat(value: string): value is ReportFileFormat {
  return Object.hasOwn(REPORT_FILE_FORMATS, value);
}

async function renderFile(model: ReportModel, format: ReportFileFormat, views: Environment): Promise<Buffer> {
  switch (format) {
    case 'docx':
      return reportDocx(model);
    case 'pdf':
      return reportPdf(model);
    case 'xlsx':
      return reportXlsx(model);
    case 'html':
      return Buffer.from(views.render('report/pages/report/standalone.njk', await reportViewContext(model)), 'utf8');
  }
}

/** The file with its type and name; a table the report does not have is not found. */
export async function renderReport(model: ReportModel, file: ReportFile, views: Environment): Promise<ReportDocument> {
  const reference = model.audit.reference;
  if (typeof file === 'string')
    return {
      body: await renderFile(model, file, views),
      contentType: REPORT_FILE_FORMATS[file],
      fileName: reportFileName(reference, file),
    };
  const csv = reportCsv(model, file.csv);
  if (csv === undefined) throw new NotFound();
  return {
    body: Buffer.from(csv, 'utf8'),
    contentType: 'text/csv; charset=utf-8',
    fileName: reportFileName(reference, `${file.csv}.csv`),
  };
}

export function reportFileName(reference: string, ext: string): string {
  return `report-${reference.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}.${ext}`;
}
