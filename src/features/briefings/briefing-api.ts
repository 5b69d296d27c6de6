import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import type { OpenApiDocument } from '../api/openapi.ts';
import { can } from '../../domain/authorisation.ts';
import { hitForViewer } from '../../domain/redaction-guard.ts';
import { actorOf } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { identifyingDetailsRefusal } from '../report/identifying-details.ts';
import { BRIEFING_FILE_FORMATS, isBriefingFileFormat, renderBriefingFile } from './briefing-documents.ts';
import { fileName } from './briefing-routes.ts';

type AuditParams = { Params: { auditId: string } };
type BriefingParams = { Params: { auditId: string; briefingId: string } };

/** An audit's briefings (coordinator and panel) and the practitioners' library (everyone) in /api/v1. */
export function registerBriefingApi(app: FastifyInstance, services: Services, document: OpenApiDocument): void {
  const { briefings } = services;
  const read = { access: 'briefing:read' as const, api: true };

  app.get<AuditParams>('/audits/:auditId/briefings', { config: read }, async (request) => {
    const audit = await briefings.load(request.user!, request.params.auditId, 'briefing:read');
    return {
      briefings: (await briefings.list(audit)).map((b) => ({
        id: b.id,
        kind: b.kind,
        title: b.title,
        version: b.current_version,
        publishedVersion: b.published_version,
        publishedAt: b.published_at,
        savedAt: b.saved_at,
      })),
    };
  });

  app.get<BriefingParams>('/audits/:auditId/briefings/:briefingId', { config: read }, async (request) => {
    const audit = await briefings.load(request.user!, request.params.auditId, 'briefing:read');
    const { briefing, current } = await briefings.find(audit, request.params.briefingId);
    return {
      id: briefing.id,
      auditId: audit.id,
      kind: briefing.kind,
      title: current.title,
      version: current.number,
      publishedVersion: briefing.published_version,
      publishedAt: briefing.published_at,
      sections: current.sections,
    };
  });

  /** The latest version as a file, after the redaction guard (as publishing runs it). */
  app.get<BriefingParams & { Querystring: { format?: string } }>(
    '/audits/:auditId/briefings/:briefingId/document',
    { config: read },
    async (request, reply) => {
      const format = request.query.format ?? 'docx';
      if (!isBriefingFileFormat(format))
        return reply.code(400).send({
          error: { code: 'bad_request', message: `format: one of ${Object.keys(BRIEFING_FILE_FORMATS).join(', ')}` },
          correlationId: request.id,
        });
      const audit = await briefings.load(request.user!, request.params.auditId, 'briefing:read');
      const { briefing, current } = await briefings.find(audit, request.params.briefingId);
      const actor = actorOf(request);
      const hits = await briefings.check(audit, briefing.id, actor, current.number);
      if (hits.length) {
        await appendAuditLog(services.db, actor, {
          action: 'briefing.download-blocked',
          recordType: 'briefing',
          recordId: briefing.id,
          detail: { auditId: audit.id, version: current.number, format, hits: hits.length },
        });
        const maySee = can(request.user, 'case:identity', audit.resource);
        return identifyingDetailsRefusal(
          request,
          reply,
          hits.map((h) => ({
            kind: h.hit.kind,
            before: h.hit.before,
            matched: h.hit.matched,
            after: h.hit.after,
            term: hitForViewer(h.hit, maySee).value,
            record: { type: 'section', number: h.sectionIndex + 1 },
          })),
        );
      }
      await appendAuditLog(services.db, actor, {
        action: 'briefing.downloaded',
        recordType: 'briefing',
        recordId: briefing.id,
        detail: { auditId: audit.id, version: current.number, format },
      });
      const file = await renderBriefingFile(
        {
          title: current.title,
          sections: current.sections,
          footer: `${briefing.published_version === current.number ? 'Published' : 'Draft'} version ${current.number}.`,
        },
        format,
      );
      return reply
        .header('content-disposition', `attachment; filename="${fileName(current.title, format)}"`)
        .type(BRIEFING_FILE_FORMATS[format])
        .send(file);
    },
  );

  app.get<{ Querystring: { q?: string; theme?: string; year?: string } }>(
    '/library',
    { config: { access: 'signed-in', api: true } },
    async (request) => {
      const found = await briefings.library(request.user!.partnershipId, {
        q: String(request.query.q ?? '').slice(0, 200),
        theme: String(request.query.theme ?? ''),
        year: String(request.query.year ?? ''),
      });
      return {
        briefings: found.items.map((b) => ({
          id: b.id,
          kind: b.kind,
          title: b.title,
          theme: b.theme,
          publishedAt: b.publishedAt,
        })),
        themes: found.themes,
        years: found.years,
      };
    },
  );

  app.get<{ Params: { briefingId: string } }>(
    '/library/:briefingId',
    { config: { access: 'signed-in', api: true } },
    async (request) => {
      const b = await briefings.libraryItem(request.user!.partnershipId, request.params.briefingId);
      return { id: b.id, kind: b.kind, title: b.title, publishedAt: b.published_at, sections: b.sections };
    },
  );

  const uuid = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });
  const query = (name: string, description: string) => ({
    name,
    in: 'query',
    required: false,
    description,
    schema: { type: 'string' },
  });
  const errors = {
    '401': { $ref: '#/components/responses/Unauthorised' },
    '404': { $ref: '#/components/responses/NotFound' },
  };
  const section = {
    type: 'object',
    required: ['heading', 'text'],
    properties: {
      heading: { type: 'string' },
      text: {
        type: 'string',
        description: 'Lines starting "## " are sub-headings, "- " bullets; blank lines separate paragraphs',
      },
    },
  };
  document.components.schemas.BriefingSection = section;
  const sections = { type: 'array', items: { $ref: '#/components/schemas/BriefingSection' } };
  const json = (schema: unknown, description: string) => ({ description, content: { 'application/json': { schema } } });
  document.paths['/audits/{auditId}/briefings'] = {
    get: {
      summary: 'An audit’s practitioner briefings, drafts included (coordinator and panel)',
      operationId: 'listBriefings',
      parameters: [uuid('auditId')],
      responses: { '200': { description: 'Briefings' }, ...errors },
    },
  };
  document.paths['/audits/{auditId}/briefings/{briefingId}'] = {
    get: {
      summary: 'A briefing’s latest version',
      operationId: 'getBriefing',
      parameters: [uuid('auditId'), uuid('briefingId')],
      responses: {
        '200': json(
          {
            type: 'object',
            properties: {
              id: { type: 'string' },
              title: { type: 'string' },
              version: { type: 'integer' },
              publishedVersion: { type: ['integer', 'null'] },
              sections,
            },
          },
          'The briefing',
        ),
        ...errors,
      },
    },
  };
  document.paths['/audits/{auditId}/briefings/{briefingId}/document'] = {
    get: {
      summary:
        'A briefing’s latest version as Word, PDF or standalone HTML, after the redaction guard (coordinator and panel)',
      operationId: 'getBriefingDocument',
      parameters: [
        uuid('auditId'),
        uuid('briefingId'),
        {
          name: 'format',
          in: 'query',
          required: false,
          schema: { enum: Object.keys(BRIEFING_FILE_FORMATS), default: 'docx' },
        },
      ],
      responses: {
        '200': {
          description: 'The file',
          content: Object.fromEntries(
            Object.values(BRIEFING_FILE_FORMATS).map((type) => [
              type,
              { schema: { type: 'string', format: 'binary' } },
            ]),
          ),
        },
        '400': { $ref: '#/components/responses/BadRequest' },
        ...errors,
        '422': { $ref: '#/components/responses/IdentifyingDetails' },
      },
    },
  };
  document.paths['/library'] = {
    get: {
      summary: 'Published briefings in the partnership’s library',
      operationId: 'listLibrary',
      parameters: [
        query('q', 'Words to search for'),
        query('theme', 'An audit theme'),
        query('year', 'Year published, YYYY'),
      ],
      responses: { '200': { description: 'Published briefings' }, '401': errors['401'] },
    },
  };
  document.paths['/library/{briefingId}'] = {
    get: {
      summary: 'A published briefing',
      operationId: 'getLibraryBriefing',
      parameters: [uuid('briefingId')],
      responses: {
        '200': json(
          { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' }, sections } },
          'The published version',
        ),
        ...errors,
      },
    },
  };
}
