import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import { singleError, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import type { AuditInContext } from '../../../audits/audit-access.ts';
import { agencyItems } from '../../case-view-model.ts';
import { uploadSchema } from './schema.ts';

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const MAX_MEGABYTES = MAX_UPLOAD_BYTES / 1024 / 1024;
type AuditParams = { Params: { auditId: string } };
type Upload = { filename: string; buffer: Buffer; sourceAgencyId: string | null };

/** The file part of a multipart upload; undefined when no file was chosen, 'too large' past the limit. */
async function readUpload(request: SignedInRequest<AuditParams>): Promise<Upload | undefined | 'too large'> {
  try {
    const part = await request.file();
    if (!part || !part.filename) return undefined;
    const field = part.fields.sourceAgencyId as { value?: unknown } | undefined;
    const fields = uploadSchema.parse({ filename: part.filename, sourceAgencyId: field?.value });
    return { ...fields, buffer: await part.toBuffer() };
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return 'too large';
    throw error;
  }
}

/**
 * Candidate lists: those imported, uploads waiting to be mapped, and the upload form. The upload
 * is multipart, so its CSRF token travels in the form action's query string and is checked (by
 * the access hook) before a byte of the file is read.
 */
export function candidatesController({ audits, candidates }: Services) {
  async function render(
    reply: FastifyReply,
    audit: AuditInContext,
    form: { errors?: FormErrors; status?: number; sourceAgencyId?: string } = {},
  ) {
    const { lists, pending, agencies } = await candidates.overview(audit);
    return reply.code(form.status ?? 200).view('cases/pages/candidates/view.njk', {
      pageTitle: 'Candidate lists',
      audit,
      lists,
      pending,
      agencyItems: agencyItems(agencies, form.sourceAgencyId ?? '', 'Not given'),
      maxMegabytes: MAX_MEGABYTES,
      errors: form.errors,
      backLink: `/audits/${audit.id}/cases`,
    });
  }

  const get: Controller<AuditParams> = async (request, reply) =>
    render(reply, await audits.forUser(request.user, request.params.auditId, 'audit:manage'));

  const post: Controller<AuditParams> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    const refuse = (text: string, status = 400, sourceAgencyId?: string) =>
      render(reply, audit, { errors: singleError('file', text), status, sourceAgencyId });
    if (!request.isMultipart()) return refuse('Select a CSV or Excel file');
    const file = await readUpload(request);
    if (!file) return refuse('Select a CSV or Excel file');
    if (file === 'too large') {
      // The rest of the file is not wanted: closing the connection stops the browser sending it.
      reply.header('connection', 'close');
      return refuse(`The selected file must be smaller than ${MAX_MEGABYTES} MB`, 413);
    }
    const result = await candidates.receive(request.user, audit, file, actorOf(request));
    if (!result.ok) return refuse(result.message, 400, result.sourceAgencyId ?? undefined);
    return reply.redirect(`/audits/${audit.id}/candidates/uploads/${result.uploadId}/mapping`, 303);
  };

  return { get, post };
}
