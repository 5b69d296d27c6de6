import { createNunjucks } from '../../web/nunjucks.ts';
import { reportDocx } from './report-docx.ts';
import type { ReportModel } from './report-model.ts';
import { reportPdf } from './report-pdf.ts';
import { reportXlsx } from './report-sheets.ts';
import { reportViewContext } from './report-view.ts';

/** The report as a file, for the downloads and the `maca export-audit --report` command. */
export const REPORT_FILE_FORMATS = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type ReportFileFormat = keyof typeof REPORT_FILE_FORMATS;

export function isReportFileFormat(value: string): value is ReportFileFormat {
  return Object.hasOwn(REPORT_FILE_FORMATS, value);
}

let nunjucks: ReturnType<typeof createNunjucks> | undefined;

export async function renderReport(model: ReportModel, format: ReportFileFormat): Promise<Buffer> {
  switch (format) {
    case 'docx':
      return reportDocx(model);
    case 'pdf':
      return reportPdf(model);
    case 'xlsx':
      return reportXlsx(model);
    case 'html':
      nunjucks ??= createNunjucks();
      return Buffer.from(nunjucks.render('report/pages/report/standalone.njk', await reportViewContext(model)), 'utf8');
  }
}

export function reportFileName(reference: string, ext: string): string {
  return `report-${reference.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}.${ext}`;
}
