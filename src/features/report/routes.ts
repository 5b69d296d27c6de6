import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { NotFound } from '../../web/errors.ts';
import { actorOf } from '../../web/request-context.ts';
import { REPORT_FILE_FORMATS, renderReport, reportFileName, type ReportFileFormat } from './report-render.ts';
import { reportCsv } from './report-sheets.ts';
import { reportViewContext } from './report-view.ts';

type Params = { Params: { auditId: string } };

/**
 * The report to the subgroup: a page, and downloads in Word, PDF, standalone HTML, Excel and a CSV
 * per table. Every view and download is in the audit log (see the report service).
 */
export async function reportRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { report } = services;
  const access = { access: 'report:read' as const };

  app.get<Params>('/audits/:auditId/report', { config: access }, async (request, reply) => {
    const model = await report.forUser(request.user!, request.params.auditId, 'page', actorOf(request));
    return reply.view('report/pages/report/view.njk', { pageTitle: 'Report to the subgroup', ...(await reportViewContext(model)), backLink: `/audits/${model.audit.id}` });
  });

  for (const format of Object.keys(REPORT_FILE_FORMATS) as ReportFileFormat[]) {
    app.get<Params>(`/audits/:auditId/report.${format}`, { config: access }, async (request, reply) => {
      const model = await report.forUser(request.user!, request.params.auditId, format, actorOf(request));
      const file = await renderReport(model, format);
      return reply.header('content-disposition', `attachment; filename="${reportFileName(model.audit.reference, format)}"`).type(REPORT_FILE_FORMATS[format]).send(file);
    });
  }

  app.get<{ Params: { auditId: string; table: string } }>('/audits/:auditId/report/:table.csv', { config: access }, async (request, reply) => {
    if (!/^[a-z0-9-]{1,80}$/.test(request.params.table)) throw new NotFound();
    const model = await report.forUser(request.user!, request.params.auditId, 'csv', actorOf(request));
    const csv = reportCsv(model, request.params.table);
    if (csv === undefined) throw new NotFound();
    return reply.header('content-disposition', `attachment; filename="${reportFileName(model.audit.reference, `${request.params.table}.csv`)}"`).type('text/csv; charset=utf-8').send(csv);
  });
}
