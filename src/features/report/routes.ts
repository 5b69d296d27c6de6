import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { page, registerPages } from '../../web/route-table.ts';
import { reportDownloadController } from './pages/blocked/controller.ts';
import { reportController } from './pages/report/controller.ts';
import { REPORT_FILE_FORMATS, type ReportFileFormat } from './report-render.ts';

/**
 * The report to the subgroup: a page, and downloads in Word, PDF, standalone HTML, Excel and a CSV
 * per table, each released through the report service (guard, audit log, document).
 */
export function reportRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const report = reportController(services);
  const download = reportDownloadController(services);
  const formats = Object.keys(REPORT_FILE_FORMATS) as ReportFileFormat[];
  registerPages(app, [
    page.get('/audits/:auditId/report', 'report:read', report.get),
    page.post('/audits/:auditId/report/not-identifying', 'audit:manage', report.notIdentifying),
    ...formats.map((format) => page.get(`/audits/:auditId/report.${format}`, 'report:read', download.file(format))),
    page.get('/audits/:auditId/report/:table.csv', 'report:read', download.table),
  ]);
  return Promise.resolve();
}
