import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { apiRoute, registerApi } from '../api/api-route.ts';
import type { OpenApiDocument } from '../api/openapi.ts';
import {
  answersFiles,
  documentIdentifyingDetails,
  identifyingDetailsRefusal,
  refersToIdentifyingDetails,
} from './identifying-details.ts';
import { REPORT_FILE_FORMATS, type ReportFileFormat } from './report-render.ts';

const FILE_FORMATS = Object.keys(REPORT_FILE_FORMATS) as [ReportFileFormat, ...ReportFileFormat[]];
const PATH = '/audits/{auditId}/report';

/** The report to the subgroup in /api/v1: as data (json) or as a file, after the redaction guard. */
export function registerReportApi(app: FastifyInstance, services: Services, document: OpenApiDocument): void {
  const { report } = services;
  documentIdentifyingDetails(document);
  registerApi(app, document, [
    apiRoute({
      method: 'GET',
      url: '/audits/:auditId/report',
      access: 'report:read',
      operationId: 'getReport',
      summary:
        'The report to the subgroup, as data or as a file ' +
        '(coordinator and panel; invited agencies’ audit leads from the reporting stage)',
      params: z.object({ auditId: z.uuid() }),
      query: z.object({ format: z.enum(['json', ...FILE_FORMATS]).default('json') }),
      responses: {
        '200': {
          description:
            'The report: json is the report’s model (every table and text); ' +
            'the others are the files the service downloads',
          schema: z.looseObject({}),
        },
        '422': { description: 'Possible identifying details' },
      },
      handler: async ({ user, actor, params, query, request, reply }) => {
        const released = await report.release(user, params.auditId, query.format, actor);
        if (released.kind === 'data') return released.model;
        if (released.kind === 'document')
          return reply
            .header('content-disposition', `attachment; filename="${released.document.fileName}"`)
            .type(released.document.contentType)
            .send(released.document.body);
        if (released.kind !== 'blocked') throw new Error('The API releases the report as data or a document');
        const hits = released.hits.map((h) => ({
          ...h,
          record: { type: h.record.kind, ...(h.record.id ? { id: h.record.id } : {}) },
        }));
        return identifyingDetailsRefusal(request, reply, hits);
      },
    }),
  ]);
  refersToIdentifyingDetails(document, PATH);
  answersFiles(document, PATH, Object.values(REPORT_FILE_FORMATS));
}
