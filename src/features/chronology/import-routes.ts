import path from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.ts';
import { errorsFrom, formValues, singleError } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import { IMPORT_FIELDS, type ImportMapping } from './import-mapping.ts';

export const MAX_CHRONOLOGY_UPLOAD_BYTES = 100 * 1024 * 1024;
type Params = { Params: { id: string } };
type ImportParams = { Params: { id: string; importId: string } };

/**
 * Importing a chronology from a spreadsheet. The upload is multipart: its CSRF token travels in
 * the form action's query string and is checked by the access hook before the file is read.
 */
export async function chronologyImportRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { chronologyImports, chronology } = services;
  await app.register(fastifyMultipart, {
    limits: { fileSize: MAX_CHRONOLOGY_UPLOAD_BYTES, files: 1, fields: 2, parts: 3 },
  });
  app.addHook('preValidation', async (request) => {
    if (request.isMultipart()) request.body = { _csrf: (request.query as Record<string, unknown>)._csrf };
  });

  async function renderUpload(request: FastifyRequest<Params>, reply: FastifyReply, errors?: unknown, status = 200) {
    const { ctx } = await chronology.forReturn(request.user!, request.params.id, actorOf(request), true);
    return reply.code(status).view('chronology/pages/import-upload/view.njk', {
      pageTitle: 'Import a chronology',
      r: ctx.row,
      maxMegabytes: MAX_CHRONOLOGY_UPLOAD_BYTES / 1024 / 1024,
      errors,
      backLink: `/returns/${ctx.row.id}/chronology`,
    });
  }

  app.get<Params>('/returns/:id/chronology/import', { config: { access: 'return:edit' } }, async (request, reply) =>
    renderUpload(request, reply),
  );

  app.post<Params>('/returns/:id/chronology/import', { config: { access: 'return:edit' } }, async (request, reply) => {
    if (!request.isMultipart())
      return renderUpload(request, reply, singleError('file', 'Select a CSV or Excel file'), 400);
    try {
      const part = await request.file();
      if (!part || !part.filename)
        return renderUpload(request, reply, singleError('file', 'Select a CSV or Excel file'), 400);
      const filename = path
        .basename(part.filename)
        .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
        .slice(0, 200);
      const result = await chronologyImports.start(
        request.user!,
        request.params.id,
        filename,
        part.file,
        actorOf(request),
      );
      if (!result.ok) return renderUpload(request, reply, singleError('file', result.message), 400);
      return reply.redirect(`/returns/${request.params.id}/chronology/import/${result.importId}`, 303);
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
        return renderUpload(
          request,
          reply,
          singleError('file', `The selected file must be smaller than ${MAX_CHRONOLOGY_UPLOAD_BYTES / 1024 / 1024} MB`),
          413,
        );
      }
      throw error;
    }
  });

  async function renderImport(
    request: FastifyRequest<ImportParams>,
    reply: FastifyReply,
    options: { errors?: unknown; status?: number; mapping?: ImportMapping } = {},
  ) {
    const { ctx, imp } = await chronologyImports.load(
      request.user!,
      request.params.id,
      request.params.importId,
      actorOf(request),
    );
    const mapping = options.mapping ?? (imp.mapping as unknown as ImportMapping);
    const fields = IMPORT_FIELDS.map((f) => ({
      ...f,
      items: [
        { value: '', text: f.required ? 'Select a column' : 'Not in this file' },
        ...imp.headers.map((h, i) => ({
          value: String(i),
          text: h || `Column ${i + 1}`,
          selected: mapping[f.key] === i,
        })),
      ],
    }));
    const working = imp.status === 'checking' || imp.status === 'importing';
    if (working) reply.header('refresh', '2');
    return reply.code(options.status ?? 200).view('chronology/pages/import/view.njk', {
      pageTitle:
        imp.status === 'mapping'
          ? 'Match the columns'
          : imp.status === 'previewed'
            ? 'Check the import'
            : imp.status === 'imported'
              ? 'Chronology imported'
              : 'Importing a chronology',
      r: ctx.row,
      imp,
      fields,
      working,
      errors: options.errors,
      base: `/returns/${ctx.row.id}/chronology/import/${imp.id}`,
      backLink: `/returns/${ctx.row.id}/chronology`,
    });
  }

  app.get<ImportParams>(
    '/returns/:id/chronology/import/:importId',
    { config: { access: 'return:read' } },
    async (request, reply) => renderImport(request, reply),
  );

  app.post<ImportParams>(
    '/returns/:id/chronology/import/:importId/mapping',
    { config: { access: 'return:edit' } },
    async (request, reply) => {
      const values = formValues(request.body);
      const mapping: ImportMapping = {};
      for (const f of IMPORT_FIELDS) {
        const raw = String(values[f.key] ?? '');
        if (raw !== '') mapping[f.key] = Number(raw);
      }
      const problems = await chronologyImports.setMapping(
        request.user!,
        request.params.id,
        request.params.importId,
        mapping,
        actorOf(request),
      );
      if (Object.keys(problems).length)
        return renderImport(request, reply, {
          errors: errorsFrom(Object.fromEntries(Object.entries(problems).map(([k, text]) => [k, { text }]))),
          status: 400,
          mapping,
        });
      return reply.redirect(`/returns/${request.params.id}/chronology/import/${request.params.importId}`, 303);
    },
  );

  app.post<ImportParams>(
    '/returns/:id/chronology/import/:importId/confirm',
    { config: { access: 'return:edit' } },
    async (request, reply) => {
      const ok = await chronologyImports.confirm(
        request.user!,
        request.params.id,
        request.params.importId,
        actorOf(request),
      );
      if (!ok)
        return renderImport(request, reply, {
          errors: singleError(
            'confirm',
            'This import cannot be applied now: it has no good rows, or has already been applied',
          ),
          status: 409,
        });
      return reply.redirect(`/returns/${request.params.id}/chronology/import/${request.params.importId}`, 303);
    },
  );

  app.post<ImportParams>(
    '/returns/:id/chronology/import/:importId/discard',
    { config: { access: 'return:edit' } },
    async (request, reply) => {
      await chronologyImports.discard(request.user!, request.params.id, request.params.importId, actorOf(request));
      return reply.redirect(`/returns/${request.params.id}/chronology`, 303);
    },
  );
}
