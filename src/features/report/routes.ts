import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.ts';
import { NotFound } from '../../web/errors.ts';
import { actorOf } from '../../web/request-context.ts';
import type { AuditInContext } from '../audits/audit-access.ts';
import { guardReport, hitsForViewer, type ReportHit } from './report-guard.ts';
import { REPORT_FILE_FORMATS, renderReport, reportFileName, type ReportFileFormat } from './report-render.ts';
import type { ReportFormat } from './report-service.ts';
import { reportCsv } from './report-sheets.ts';
import { reportViewContext } from './report-view.ts';

type Params = { Params: { auditId: string } };

/**
 * The report to the subgroup: a page, and downloads in Word, PDF, standalone HTML, Excel and a CSV
 * per table. The redaction guard runs first: the page shows its hits in a warning, a download with
 * hits answers a page listing them instead of the file. Every view, download and blocked download
 * is in the audit log (see the report service).
 */
export async function reportRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { report } = services;
  const access = { access: 'report:read' as const };

  /** The report, checked; on hits, the blocked page (and the attempt logged) instead of undefined. */
  async function checked(request: FastifyRequest<Params>, format: ReportFormat) {
    const actor = actorOf(request);
    const { audit, model } = await report.open(request.user!, request.params.auditId);
    const hits = await guardReport(services.db, services.redactionTerms, audit, model, actor);
    await report.logged(actor, audit.id, format, format === 'page' || hits.length === 0 ? undefined : hits.length);
    return { audit, model, hits };
  }

  const blocked = (request: FastifyRequest, reply: FastifyReply, audit: AuditInContext, hits: ReportHit[]) => {
    const shown = hitsForViewer(request.user!, audit, hits);
    const list = shown.map((h) => ({
      text: `${h.recordLabel[0]!.toUpperCase()}${h.recordLabel.slice(1)} may identify someone: “${h.matched.replace(/\s+/g, ' ')}” looks like ${h.kindLabel}`,
      href: `#${h.id}`,
    }));
    return reply.code(422).view('report/pages/blocked/view.njk', {
      pageTitle: 'The report cannot be downloaded yet',
      audit,
      hits: shown,
      errors: { list, fields: {} },
      backLink: `/audits/${audit.id}/report`,
    });
  };

  app.get<Params>('/audits/:auditId/report', { config: access }, async (request, reply) => {
    const { audit, model, hits } = await checked(request, 'page');
    return reply.view('report/pages/report/view.njk', {
      pageTitle: 'Report to the subgroup',
      ...(await reportViewContext(model)),
      hits: hitsForViewer(request.user!, audit, hits),
      backLink: `/audits/${model.audit.id}`,
    });
  });

  for (const format of Object.keys(REPORT_FILE_FORMATS) as ReportFileFormat[]) {
    app.get<Params>(`/audits/:auditId/report.${format}`, { config: access }, async (request, reply) => {
      const { audit, model, hits } = await checked(request, format);
      if (hits.length) return blocked(request, reply, audit, hits);
      const file = await renderReport(model, format);
      return reply
        .header('content-disposition', `attachment; filename="${reportFileName(model.audit.reference, format)}"`)
        .type(REPORT_FILE_FORMATS[format])
        .send(file);
    });
  }

  app.get<{ Params: { auditId: string; table: string } }>(
    '/audits/:auditId/report/:table.csv',
    { config: access },
    async (request, reply) => {
      if (!/^[a-z0-9-]{1,80}$/.test(request.params.table)) throw new NotFound();
      const { audit, model, hits } = await checked(request, 'csv');
      const csv = reportCsv(model, request.params.table);
      if (csv === undefined) throw new NotFound();
      if (hits.length) return blocked(request, reply, audit, hits);
      return reply
        .header(
          'content-disposition',
          `attachment; filename="${reportFileName(model.audit.reference, `${request.params.table}.csv`)}"`,
        )
        .type('text/csv; charset=utf-8')
        .send(csv);
    },
  );
}
