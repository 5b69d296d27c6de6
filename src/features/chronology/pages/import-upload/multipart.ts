import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';

export const MAX_CHRONOLOGY_UPLOAD_BYTES = 100 * 1024 * 1024;

/**
 * Lets the routes of this scope take one uploaded file. The upload is multipart: its CSRF token
 * travels in the form action's query string and is checked by the access hook before the file is read.
 */
export async function acceptChronologyUploads(scope: FastifyInstance): Promise<void> {
  await scope.register(fastifyMultipart, {
    limits: { fileSize: MAX_CHRONOLOGY_UPLOAD_BYTES, files: 1, fields: 2, parts: 3 },
  });
  scope.addHook('preValidation', (request, _reply, done) => {
    if (request.isMultipart()) request.body = { _csrf: (request.query as Record<string, unknown>)._csrf };
    done();
  });
}
