import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { apiRoute, registerApi } from '../api/api-route.ts';
import type { OpenApiDocument } from '../api/openapi.ts';
import { returnJson, returnResponse } from './return-json.ts';

const returnParams = z.object({ id: z.guid() });
const sectionParams = returnParams.extend({ versionId: z.string(), sectionKey: z.string() });
const text = z.record(z.string(), z.string());
const sectionBody = z.object({
  // Checked by the handler, so that a missing version is answered with what to send.
  version: z
    .unknown()
    .meta({ type: 'integer', description: 'The section version you started from (0 if never saved)' }),
  mode: z.enum(['complete', 'draft']).optional(),
  answers: text.optional(),
  evidence: text.optional(),
  workedWell: z.string().optional(),
  areasForDevelopment: z.string().optional(),
});
const problem = (code: string, message: string, extra: Record<string, unknown>, correlationId: string) => ({
  error: { code, message, ...extra },
  correlationId,
});

/** Returns in /api/v1, with the same visibility, validation, concurrency and audit log as the pages. */
export function registerReturnApi(app: FastifyInstance, { returns }: Services, document: OpenApiDocument): void {
  registerApi(app, document, [
    apiRoute({
      method: 'GET',
      url: '/returns/:id',
      access: 'return:read',
      operationId: 'getReturn',
      summary: 'An agency return (the read is audit-logged)',
      params: returnParams,
      responses: { '200': { description: 'The return with its sections and answers', schema: returnResponse } },
      handler: async ({ user, actor, params }) => returnJson(await returns.view(user, params.id, actor)),
    }),
    apiRoute({
      method: 'PUT',
      url: '/returns/:id/sections/:versionId/:sectionKey',
      access: 'return:edit',
      operationId: 'saveReturnSection',
      summary: 'Save a section (409 if someone saved it since `version`)',
      params: sectionParams,
      body: sectionBody,
      responses: {
        '200': {
          description: 'Saved: the new version',
          schema: z.object({ version: z.number().int(), complete: z.boolean() }),
        },
        '409': { description: 'Conflict or locked' },
      },
      handler: async ({ user, actor, params, body, request, reply }) => {
        if (typeof body.version !== 'number' || !Number.isInteger(body.version)) {
          const message = 'version: send the section version you started from (0 if never saved)';
          return reply.code(400).send(problem('invalid', message, {}, request.id));
        }
        const outcome = await returns.saveSection(
          user,
          {
            returnId: params.id,
            templateVersionId: params.versionId,
            sectionKey: params.sectionKey,
            expectedVersion: body.version,
            mode: body.mode === 'draft' ? 'draft' : 'complete',
            posted: {
              answers: body.answers ?? {},
              evidence: body.evidence ?? {},
              workedWell: body.workedWell ?? '',
              areasForDevelopment: body.areasForDevelopment ?? '',
            },
          },
          actor,
        );
        if (outcome.kind === 'saved') return { version: outcome.version, complete: outcome.complete };
        if (outcome.kind === 'invalid') {
          const message = Object.values(outcome.errors)
            .map((e) => e.text)
            .join('; ');
          return reply.code(400).send(problem('invalid', message, { fields: outcome.errors }, request.id));
        }
        if (outcome.kind === 'locked')
          return reply.code(409).send(problem('locked', 'The return has been submitted or signed off', {}, request.id));
        return reply.code(409).send({
          error: { code: 'conflict', message: 'Someone else saved this section first' },
          current: outcome.theirs,
          correlationId: request.id,
        });
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/returns/:id/submit',
      access: 'return:edit',
      operationId: 'submitReturn',
      summary: 'Submit the return for sign-off',
      params: returnParams,
      responses: { '200': { description: 'Submitted', schema: z.object({ status: z.literal('submitted') }) } },
      handler: async ({ user, actor, params, request, reply }) => {
        const result = await returns.submit(user, params.id, actor);
        if (!result.ok)
          return reply.code(400).send({
            error: { code: 'not_ready', message: result.missing.join('; ') },
            missing: result.missing,
            correlationId: request.id,
          });
        return { status: 'submitted' as const };
      },
    }),
  ]);
}
