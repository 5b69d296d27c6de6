import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OpenApiDocument } from '../api/openapi.ts';

type RefusedHit = {
  kind: string;
  before: string;
  matched: string;
  after: string;
  term?: string | undefined;
  record: unknown;
};

/**
 * The API's answer when the redaction guard refuses a document (the report, a briefing): each hit
 * in context; the term's own value only for those who may see identifying details.
 */
export function identifyingDetailsRefusal(request: FastifyRequest, reply: FastifyReply, hits: RefusedHit[]) {
  return reply.code(422).send({
    error: {
      code: 'identifying_details',
      message:
        `${hits.length} possible identifying detail${hits.length === 1 ? '' : 's'} found: ` +
        'correct the records named, then ask again',
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

const RECORD_DESCRIPTION =
  'Where the words are: for the report, {type: finding|recommendation|action|concern|audit|report, id?}; ' +
  'for a briefing, {type: section, number}; for an exchange file written without identities, ' +
  '{type: exchange, pointer (JSON pointer in the file), where}, with before, matched and after empty for ' +
  'people who may not see identifying details';

/** The 422 answer's schema, shared by every operation the guard may refuse. */
export function documentIdentifyingDetails(document: OpenApiDocument): void {
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
            record: { type: 'object', description: RECORD_DESCRIPTION },
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
}

/** Points an operation's 422 at the shared answer (the route table writes its own description). */
export function refersToIdentifyingDetails(document: OpenApiDocument, path: string, method = 'get'): void {
  const operation = (document.paths[path] as Record<string, { responses: Record<string, unknown> }>)[method];
  if (operation) operation.responses['422'] = { $ref: '#/components/responses/IdentifyingDetails' };
}

/** Documents an operation's 200 as the files it answers (the route table knows only one type). */
export function answersFiles(document: OpenApiDocument, path: string, contentTypes: string[]): void {
  const operation = (document.paths[path] as { get?: { responses: Record<string, { content?: object }> } }).get;
  const ok = operation?.responses['200'];
  if (!ok) return;
  const files = Object.fromEntries(
    contentTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
  );
  ok.content = { ...ok.content, ...files };
}
