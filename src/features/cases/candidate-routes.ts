import path from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../services.ts';
import { singleError } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import { auditForUser, isUuid, type AuditInContext } from '../audits/audit-access.ts';
import { agencyItems } from './case-view-model.ts';

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
type AuditParams = { Params: { auditId: string } };
const manage = { config: { access: 'audit:manage' as const } };

/**
 * Uploading a candidate list (then import-routes.ts maps, previews and imports it).
 * The upload is multipart, so its CSRF token travels in the form action's query string and is
 * checked (by the access hook) before a byte of the file is read.
 */
export async function candidateRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db, candidates, cases } = services;
  await app.register(fastifyMultipart, {
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, fieldSize: 1000, parts: 6 },
  });
  app.addHook('preValidation', async (request) => {
    if (request.isMultipart()) request.body = { _csrf: (request.query as Record<string, unknown>)._csrf };
  });

  async function renderOverview(
    reply: FastifyReply,
    audit: AuditInContext,
    options: { errors?: unknown; status?: number; sourceAgencyId?: string } = {},
  ) {
    const [{ lists, pending }, agencies] = await Promise.all([
      candidates.overview(audit),
      cases.agencies(audit.partnershipId),
    ]);
    return reply.code(options.status ?? 200).view('cases/pages/candidates/view.njk', {
      pageTitle: 'Candidate lists',
      audit,
      lists,
      pending,
      agencyItems: agencyItems(agencies, options.sourceAgencyId ?? '', 'Not given'),
      maxMegabytes: MAX_UPLOAD_BYTES / 1024 / 1024,
      errors: options.errors,
      backLink: `/audits/${audit.id}/cases`,
    });
  }

  app.get<AuditParams>('/audits/:auditId/candidates', manage, async (request, reply) => {
    const audit = await auditForUser(db, request.user!, request.params.auditId, 'audit:manage');
    return renderOverview(reply, audit);
  });

  app.post<AuditParams>('/audits/:auditId/candidates/upload', manage, async (request, reply) => {
    const audit = await auditForUser(db, request.user!, request.params.auditId, 'audit:manage');
    const refuse = (text: string, status = 400, sourceAgencyId?: string) =>
      renderOverview(reply, audit, { errors: singleError('file', text), status, sourceAgencyId });
    if (!request.isMultipart()) return refuse('Select a CSV or Excel file');
    let file: { filename: string; buffer: Buffer; sourceAgencyId: string | null };
    try {
      const part = await request.file();
      if (!part || !part.filename) return refuse('Select a CSV or Excel file');
      const field = part.fields.sourceAgencyId as { value?: unknown } | undefined;
      const sourceAgencyId = typeof field?.value === 'string' && isUuid(field.value) ? field.value : null;
      const buffer = await part.toBuffer();
      file = {
        filename: path
          .basename(part.filename)
          .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
          .slice(0, 200),
        buffer,
        sourceAgencyId,
      };
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
        // The rest of the file is not wanted: closing the connection stops the browser sending it.
        reply.header('connection', 'close');
        return refuse(`The selected file must be smaller than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`, 413);
      }
      throw error;
    }
    const agencies = await cases.agencies(audit.partnershipId);
    if (file.sourceAgencyId && !agencies.some((a) => a.id === file.sourceAgencyId)) file.sourceAgencyId = null;
    const result = await candidates.receive(request.user!, audit, file, actorOf(request));
    if (!result.ok) return refuse(result.message, 400, file.sourceAgencyId ?? undefined);
    return reply.redirect(`/audits/${audit.id}/candidates/uploads/${result.uploadId}/mapping`, 303);
  });
}
