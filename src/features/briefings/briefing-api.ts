import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { apiRoute, registerApi } from '../api/api-route.ts';
import type { OpenApiDocument } from '../api/openapi.ts';
import { hitForViewer } from '../../domain/redaction-guard.ts';
import { answersFiles, identifyingDetailsRefusal, refersToIdentifyingDetails } from '../report/identifying-details.ts';
import { BRIEFING_FILE_FORMATS, type BriefingFileFormat } from './briefing-documents.ts';

const FORMATS = Object.keys(BRIEFING_FILE_FORMATS) as [BriefingFileFormat, ...BriefingFileFormat[]];
const auditParams = z.object({ auditId: z.uuid() });
const briefingParams = z.object({ auditId: z.uuid(), briefingId: z.uuid() });
const section = z.object({
  heading: z.string(),
  text: z.string().describe('Lines starting "## " are sub-headings, "- " bullets; blank lines separate paragraphs'),
});
const DOCUMENT_PATH = '/audits/{auditId}/briefings/{briefingId}/document';

/** An audit's briefings (coordinator and panel) and the practitioners' library (everyone) in /api/v1. */
export function registerBriefingApi(app: FastifyInstance, services: Services, document: OpenApiDocument): void {
  const { briefings } = services;
  registerApi(app, document, [
    apiRoute({
      method: 'GET',
      url: '/audits/:auditId/briefings',
      access: 'briefing:read',
      operationId: 'listBriefings',
      summary: 'An audit’s practitioner briefings, drafts included (coordinator and panel)',
      params: auditParams,
      responses: { '200': { description: 'Briefings' } },
      handler: async ({ user, params }) => {
        const audit = await briefings.load(user, params.auditId, 'briefing:read');
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
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/audits/:auditId/briefings/:briefingId',
      access: 'briefing:read',
      operationId: 'getBriefing',
      summary: 'A briefing’s latest version',
      params: briefingParams,
      responses: {
        '200': {
          description: 'The briefing',
          schema: z.looseObject({
            id: z.string(),
            title: z.string(),
            version: z.int(),
            publishedVersion: z.int().nullable(),
            sections: z.array(section),
          }),
        },
      },
      handler: async ({ user, params }) => {
        const audit = await briefings.load(user, params.auditId, 'briefing:read');
        const { briefing, current } = await briefings.find(audit, params.briefingId);
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
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/audits/:auditId/briefings/:briefingId/document',
      access: 'briefing:read',
      operationId: 'getBriefingDocument',
      summary:
        'A briefing’s latest version as Word, PDF or standalone HTML, ' +
        'after the redaction guard (coordinator and panel)',
      params: briefingParams,
      query: z.object({ format: z.enum(FORMATS).default('docx') }),
      responses: { '200': { description: 'The file' }, '422': { description: 'Possible identifying details' } },
      handler: async ({ user, actor, params, query, request, reply }) => {
        const released = await briefings.release(
          { user, via: 'api' },
          { auditId: params.auditId, briefingId: params.briefingId, format: query.format },
          actor,
        );
        if (released.kind === 'document')
          return reply
            .header('content-disposition', `attachment; filename="${released.document.fileName}"`)
            .type(released.document.contentType)
            .send(released.document.body);
        const hits = released.hits.map((h) => ({
          kind: h.hit.kind,
          before: h.hit.before,
          matched: h.hit.matched,
          after: h.hit.after,
          term: hitForViewer(h.hit, released.maySeeIdentities).value,
          record: { type: 'section', number: h.sectionIndex + 1 },
        }));
        return identifyingDetailsRefusal(request, reply, hits);
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/library',
      access: 'signed-in',
      operationId: 'listLibrary',
      summary: 'Published briefings in the partnership’s library',
      query: z.object({
        q: z.string().optional().describe('Words to search for'),
        theme: z.string().optional().describe('An audit theme'),
        year: z.string().optional().describe('Year published, YYYY'),
      }),
      responses: { '200': { description: 'Published briefings' } },
      handler: async ({ user, query }) => {
        const found = await briefings.library(user.partnershipId, {
          q: (query.q ?? '').slice(0, 200),
          theme: query.theme ?? '',
          year: query.year ?? '',
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
    }),
    apiRoute({
      method: 'GET',
      url: '/library/:briefingId',
      access: 'signed-in',
      operationId: 'getLibraryBriefing',
      summary: 'A published briefing',
      params: z.object({ briefingId: z.uuid() }),
      responses: {
        '200': {
          description: 'The published version',
          schema: z.looseObject({ id: z.string(), title: z.string(), sections: z.array(section) }),
        },
      },
      handler: async ({ user, params }) => {
        const b = await briefings.libraryItem(user.partnershipId, params.briefingId);
        return { id: b.id, kind: b.kind, title: b.title, publishedAt: b.published_at, sections: b.sections };
      },
    }),
  ]);
  refersToIdentifyingDetails(document, DOCUMENT_PATH);
  answersFiles(document, DOCUMENT_PATH, Object.values(BRIEFING_FILE_FORMATS));
}
