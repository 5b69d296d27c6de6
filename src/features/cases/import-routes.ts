import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CANDIDATE_FIELDS, guessMapping } from '../../domain/candidate-rows.ts';
import type { Services } from '../../services.ts';
import { NotFound } from '../../web/errors.ts';
import { errorsFrom, formValues, singleError } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import { auditForUser, isUuid, type AuditInContext } from '../audits/audit-access.ts';
import type { StoredMapping } from './candidate-service.ts';
import { previewView } from './preview-view-model.ts';

type UploadParams = { Params: { auditId: string; uploadId: string } };
const manage = { config: { access: 'audit:manage' as const } };

/** An uploaded list's next steps: match its columns, see every bad row, import it (or delete it). */
export async function importRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db, candidates } = services;

  async function flash(request: FastifyRequest, heading: string, text?: string) {
    request.session!.data.flash = { kind: 'success', heading, ...(text ? { text } : {}) };
    await services.auth.saveSessionData(request.session!);
  }

  async function loadUpload(request: FastifyRequest<UploadParams>) {
    const audit = await auditForUser(db, request.user!, request.params.auditId, 'audit:manage');
    if (!isUuid(request.params.uploadId)) throw new NotFound();
    return { audit, ...(await candidates.upload(audit, request.params.uploadId)) };
  }

  function renderMapping(
    reply: FastifyReply,
    audit: AuditInContext,
    upload: { id: string; filename: string; row_count: number },
    headers: string[],
    mapping: StoredMapping,
    errors?: unknown,
  ) {
    const items = (field: string) => [
      { value: '', text: 'Not in the file', selected: !mapping[field as keyof StoredMapping] },
      ...headers.map((h, i) => ({
        value: String(i),
        text: h,
        selected: mapping[field as keyof StoredMapping] === String(i),
      })),
    ];
    return reply.code(errors ? 400 : 200).view('cases/pages/mapping/view.njk', {
      pageTitle: 'Match the columns',
      audit,
      upload,
      fields: Object.fromEntries(CANDIDATE_FIELDS.map((f) => [f.key, { label: f.label, items: items(f.key) }])),
      recordLabel: mapping.recordLabel ?? 'Record number',
      errors,
      backLink: `/audits/${audit.id}/candidates`,
    });
  }

  app.get<UploadParams>('/audits/:auditId/candidates/uploads/:uploadId/mapping', manage, async (request, reply) => {
    const { audit, row, data, mapping } = await loadUpload(request);
    return renderMapping(reply, audit, row, data.headers, mapping ?? guessMapping(data.headers));
  });

  app.post<UploadParams>('/audits/:auditId/candidates/uploads/:uploadId/mapping', manage, async (request, reply) => {
    const { audit, row, data } = await loadUpload(request);
    const values = formValues(request.body);
    const mapping: StoredMapping = { recordLabel: String(values.recordLabel ?? '') };
    for (const field of CANDIDATE_FIELDS)
      if (typeof values[field.key] === 'string' && values[field.key]) mapping[field.key] = values[field.key] as string;
    const saved = await candidates.saveMapping(audit, row.id, mapping, actorOf(request));
    if (!saved.ok) {
      const fields = Object.fromEntries(
        Object.entries(saved.problems).map(([k, text]) => [k === 'age' ? 'ageYears' : k, { text }]),
      );
      return renderMapping(reply, audit, row, data.headers, mapping, errorsFrom(fields));
    }
    return reply.redirect(`/audits/${audit.id}/candidates/uploads/${row.id}/preview`, 303);
  });

  async function renderPreview(
    request: FastifyRequest<UploadParams>,
    reply: FastifyReply,
    options: { errors?: unknown; status?: number } = {},
  ) {
    const { audit, row, data, mapping } = await loadUpload(request);
    if (!mapping) return reply.redirect(`/audits/${audit.id}/candidates/uploads/${row.id}/mapping`, 303);
    return reply.code(options.status ?? 200).view('cases/pages/preview/view.njk', {
      pageTitle: 'Check the candidate list',
      audit,
      upload: row,
      ...previewView(candidates.rowsFor(data, mapping), data.headers, mapping),
      errors: options.errors,
      backLink: `/audits/${audit.id}/candidates/uploads/${row.id}/mapping`,
    });
  }

  app.get<UploadParams>('/audits/:auditId/candidates/uploads/:uploadId/preview', manage, async (request, reply) =>
    renderPreview(request, reply),
  );

  app.post<UploadParams>('/audits/:auditId/candidates/uploads/:uploadId/import', manage, async (request, reply) => {
    const { audit, row, data, mapping } = await loadUpload(request);
    if (!mapping) return reply.redirect(`/audits/${audit.id}/candidates/uploads/${row.id}/mapping`, 303);
    const { good, bad } = candidates.rowsFor(data, mapping);
    if (good.length === 0)
      return renderPreview(request, reply, {
        errors: singleError('leaveOut', 'None of the rows can be imported: fix the file or the columns chosen'),
        status: 400,
      });
    if (bad.length > 0 && formValues(request.body).leaveOut !== 'yes') {
      return renderPreview(request, reply, {
        errors: singleError(
          'leaveOut',
          `Confirm that the ${bad.length === 1 ? 'row' : `${bad.length} rows`} with problems will be left out, or fix the file and upload it again`,
        ),
        status: 400,
      });
    }
    let result: { listId: string; imported: number; leftOut: number };
    try {
      result = await candidates.importUpload(request.user!, audit, row.id, actorOf(request));
    } catch (error) {
      if (error instanceof NotFound) throw error;
      request.log.error({ err: error }, 'candidate import failed');
      return renderPreview(request, reply, {
        errors: singleError(
          'leaveOut',
          'The list could not be imported and nothing was saved. Try again; if it fails again, quote the correlation id to support',
        ),
        status: 500,
      });
    }
    await flash(
      request,
      `${result.imported.toLocaleString('en-GB')} candidates imported`,
      result.leftOut ? `${result.leftOut.toLocaleString('en-GB')} rows with problems were left out.` : undefined,
    );
    return reply.redirect(`/audits/${audit.id}/candidates/lists/${result.listId}`, 303);
  });

  app.post<UploadParams>('/audits/:auditId/candidates/uploads/:uploadId/discard', manage, async (request, reply) => {
    const { audit, row } = await loadUpload(request);
    await candidates.discardUpload(audit, row.id, actorOf(request));
    await flash(request, 'The upload has been deleted');
    return reply.redirect(`/audits/${audit.id}/candidates`, 303);
  });
}
