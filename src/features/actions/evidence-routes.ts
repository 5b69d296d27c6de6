import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.ts';
import { errorsFrom, singleError, type FormErrors } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';

type Params = { Params: { id: string } };
type EvidenceParams = { Params: { id: string; evidenceId: string } };
type RenderAction = (
  request: FastifyRequest<Params>,
  reply: FastifyReply,
  values?: Record<string, unknown>,
  errors?: unknown,
  status?: number,
  evidenceKind?: string,
) => Promise<FastifyReply>;

/**
 * Evidence files on an action. The upload is multipart: its CSRF token travels in the form
 * action's query string and is checked by the access hook before the file is read; the file is
 * read into memory only up to the configured limit.
 */
export async function evidenceRoutes(
  app: FastifyInstance,
  services: Services,
  renderAction: RenderAction,
): Promise<void> {
  const { actionEvidence } = services;
  const maxMegabytes = actionEvidence.maxBytes / 1024 / 1024;
  await app.register(fastifyMultipart, {
    limits: { fileSize: actionEvidence.maxBytes, files: 1, fields: 2, parts: 3 },
  });
  app.addHook('preValidation', async (request) => {
    if (request.isMultipart()) request.body = { _csrf: (request.query as Record<string, unknown>)._csrf };
  });

  const refuse = (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    errors: FormErrors,
    status: number,
    kind?: string,
  ) => renderAction(request, reply, undefined, errors, status, kind);

  app.post<Params>('/actions/:id/evidence', { config: { access: 'action:update' } }, async (request, reply) => {
    if (!request.isMultipart()) return refuse(request, reply, singleError('file', 'Select a file'), 400);
    const fields: Record<string, string> = {};
    let file: { filename: string; bytes: Buffer } | undefined;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const bytes = await part.toBuffer();
          if (part.filename) file = { filename: part.filename, bytes };
        } else fields[part.fieldname] = String(part.value ?? '');
      }
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE')
        return refuse(
          request,
          reply,
          singleError('file', `The selected file must be smaller than ${maxMegabytes} MB`),
          413,
          fields.kind,
        );
      if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
        return refuse(request, reply, singleError('file', 'Select one file'), 400, fields.kind);
      throw error;
    }
    const kind = fields.kind ?? '';
    const result = await actionEvidence.upload(request.user!, request.params.id, { kind, file }, actorOf(request));
    if (!result.ok)
      return refuse(
        request,
        reply,
        errorsFrom(Object.fromEntries(Object.entries(result.errors).map(([field, text]) => [field, { text }]))),
        400,
        kind,
      );
    return reply.redirect(`/actions/${request.params.id}#evidence`, 303);
  });

  app.get<EvidenceParams>(
    '/actions/:id/evidence/:evidenceId',
    { config: { access: 'action:read' } },
    async (request, reply) => {
      const file = await actionEvidence.download(
        request.user!,
        request.params.id,
        request.params.evidenceId,
        actorOf(request),
      );
      const ascii = file.filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
      return reply
        .header(
          'content-disposition',
          `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        )
        .header('cache-control', 'no-store')
        .type(file.contentType)
        .send(file.bytes);
    },
  );

  app.post<EvidenceParams>(
    '/actions/:id/evidence/:evidenceId/delete',
    { config: { access: 'action:update' } },
    async (request, reply) => {
      await actionEvidence.remove(request.user!, request.params.id, request.params.evidenceId, actorOf(request));
      return reply.redirect(`/actions/${request.params.id}#evidence`, 303);
    },
  );
}
