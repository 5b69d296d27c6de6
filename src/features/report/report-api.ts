import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.ts';
import { actorOf } from '../../web/request-context.ts';
import type { OpenApiDocument } from '../api/openapi.ts';
import type { AuditInContext } from '../audits/audit-access.ts';
import { guardReport, hitsForViewer, type ReportHit } from './report-guard.ts';
import { isReportFileFormat, REPORT_FILE_FORMATS, renderReport, reportFileName } from './report-render.ts';

type Params = { Params: { auditId: string }; Querystring: { format?: string } };

/** The redaction guard's refusal: each hit in context; the term's own value only for those who may see identifying details. */
export function identifyingDetailsRefusal(
  request: FastifyRequest,
  reply: FastifyReply,
  hits: { kind: string; before: string; matched: string; after: string; term?: string | undefined; record: unknown }[],
) {
  return reply.code(422).send({
    error: {
      code: 'identifying_details',
      message: `${hits.length} possible identifying detail${hits.length === 1 ? '' : 's'} found: correct the records named, then ask again`,
    },
    hits: hits.map((h) => ({
      kind: h.kind,
      record: h.record,
      before: h.before,
      matched: h.matched,
      after: h.after,
      ...(h.term !== undefined ? { value: h.term } : {}),
    })),
    correlationId: request.id,
  });
}

const reportHits = (request: FastifyRequest, audit: AuditInContext, hits: ReportHit[]) =>
  hitsForViewer(request.user!, audit, hits).map((h) => ({
    ...h,
    record: { type: h.record.kind, ...(h.record.id ? { id: h.record.id } : {}) },
  }));

/** The report to the subgroup in /api/v1: as data (json) or as a file, after the redaction guard. */
export function registerReportApi(app: FastifyInstance, services: Services, document: OpenApiDocument): void {
  const { report } = services;

  app.get<Params>(
    '/audits/:auditId/report',
    { config: { access: 'report:read', api: true } },
    async (request, reply) => {
      const format = request.query.format ?? 'json';
      if (format !== 'json' && !isReportFileFormat(format))
        return reply.code(400).send({
          error: {
            code: 'bad_request',
            message: `format: one of json, ${Object.keys(REPORT_FILE_FORMATS).join(', ')}`,
          },
          correlationId: request.id,
        });
      const actor = actorOf(request);
      const { audit, model } = await report.open(request.user!, request.params.auditId);
      const hits = await guardReport(services.db, services.redactionTerms, audit, model, actor);
      await report.logged(actor, audit.id, format, hits.length ? hits.length : undefined);
      if (hits.length) return identifyingDetailsRefusal(request, reply, reportHits(request, audit, hits));
      if (format === 'json') return model;
      return reply
        .header('content-disposition', `attachment; filename="${reportFileName(model.audit.reference, format)}"`)
        .type(REPORT_FILE_FORMATS[format])
        .send(await renderReport(model, format));
    },
  );

  const errors = {
    '400': { $ref: '#/components/responses/BadRequest' },
    '401': { $ref: '#/components/responses/Unauthorised' },
    '404': { $ref: '#/components/responses/NotFound' },
    '422': { $ref: '#/components/responses/IdentifyingDetails' },
  };
  document.components.schemas.IdentifyingDetails = {
    type: 'object',
    required: ['error', 'hits', 'correlationId'],
    properties: {
      error: { type: 'object', properties: { code: { const: 'identifying_details' }, message: { type: 'string' } } },
      hits: {
        type: 'array',
        items: {
          type: 'object',
          required: ['kind', 'record', 'before', 'matched', 'after'],
          properties: {
            kind: { enum: ['name', 'date_of_birth', 'address', 'record_number', 'custom'] },
            record: {
              type: 'object',
              description:
                'Where the words are: for the report, {type: finding|recommendation|action|concern|audit|report, id?}; for a briefing, {type: section, number}',
            },
            before: { type: 'string' },
            matched: { type: 'string' },
            after: { type: 'string' },
            value: {
              type: 'string',
              description: 'The identifying detail recorded, only for people allowed to see identifying details',
            },
          },
        },
      },
      correlationId: { type: 'string' },
    },
  };
  document.components.responses.IdentifyingDetails = {
    description: 'The redaction guard found possible identifying details: nothing is sent until they are corrected',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/IdentifyingDetails' } } },
  };
  const files = Object.fromEntries(
    Object.values(REPORT_FILE_FORMATS).map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
  );
  document.paths['/audits/{auditId}/report'] = {
    get: {
      summary:
        'The report to the subgroup, as data or as a file (coordinator and panel; invited agencies’ audit leads from the reporting stage)',
      operationId: 'getReport',
      parameters: [
        { name: 'auditId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
        {
          name: 'format',
          in: 'query',
          required: false,
          schema: { enum: ['json', ...Object.keys(REPORT_FILE_FORMATS)], default: 'json' },
        },
      ],
      responses: {
        '200': {
          description:
            'The report: json is the report’s model (every table and text); the others are the files the service downloads',
          content: { 'application/json': { schema: { type: 'object' } }, ...files },
        },
        ...errors,
      },
    },
  };
}
