import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { NotFound } from '../../web/errors.ts';
import { createNunjucks } from '../../web/nunjucks.ts';
import { actorOf } from '../../web/request-context.ts';
import { reportDocx } from './report-docx.ts';
import { reportPdf } from './report-pdf.ts';
import { reportCsv, reportXlsx } from './report-sheets.ts';
import { reportViewContext } from './report-view.ts';

type Params = { Params: { auditId: string } };

/**
 * The report to the subgroup: a page, and downloads in Word, PDF, standalone HTML, Excel and a CSV
 * per table. Every view and download is in the audit log (see the report service).
 */
export async function reportRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { report } = services;
  const nunjucks = createNunjucks();
  const fileName = (reference: string, ext: string) => `report-${reference.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}.${ext}`;
  const access = { access: 'report:read' as const };

  app.get<Params>('/audits/:auditId/report', { config: access }, async (request, reply) => {
    const model = await report.forUser(request.user!, request.params.auditId, 'page', actorOf(request));
    return reply.view('report/pages/report/view.njk', { pageTitle: 'Report to the subgroup', ...(await reportViewContext(model)), backLink: `/audits/${model.audit.id}` });
  });

  app.get<Params>('/audits/:auditId/report.html', { config: access }, async (request, reply) => {
    const model = await report.forUser(request.user!, request.params.auditId, 'html', actorOf(request));
    const html = nunjucks.render('report/pages/report/standalone.njk', await reportViewContext(model));
    return reply.header('content-disposition', `attachment; filename="${fileName(model.audit.reference, 'html')}"`).type('text/html; charset=utf-8').send(html);
  });

  app.get<Params>('/audits/:auditId/report.docx', { config: access }, async (request, reply) => {
    const model = await report.forUser(request.user!, request.params.auditId, 'docx', actorOf(request));
    return reply.header('content-disposition', `attachment; filename="${fileName(model.audit.reference, 'docx')}"`).type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').send(await reportDocx(model));
  });

  app.get<Params>('/audits/:auditId/report.pdf', { config: access }, async (request, reply) => {
    const model = await report.forUser(request.user!, request.params.auditId, 'pdf', actorOf(request));
    return reply.header('content-disposition', `attachment; filename="${fileName(model.audit.reference, 'pdf')}"`).type('application/pdf').send(await reportPdf(model));
  });

  app.get<Params>('/audits/:auditId/report.xlsx', { config: access }, async (request, reply) => {
    const model = await report.forUser(request.user!, request.params.auditId, 'xlsx', actorOf(request));
    return reply.header('content-disposition', `attachment; filename="${fileName(model.audit.reference, 'xlsx')}"`).type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await reportXlsx(model));
  });

  app.get<{ Params: { auditId: string; table: string } }>('/audits/:auditId/report/:table.csv', { config: access }, async (request, reply) => {
    if (!/^[a-z0-9-]{1,80}$/.test(request.params.table)) throw new NotFound();
    const model = await report.forUser(request.user!, request.params.auditId, 'csv', actorOf(request));
    const csv = reportCsv(model, request.params.table);
    if (csv === undefined) throw new NotFound();
    return reply.header('content-disposition', `attachment; filename="${fileName(model.audit.reference, request.params.table)}.csv"`).type('text/csv; charset=utf-8').send(csv);
  });
}
