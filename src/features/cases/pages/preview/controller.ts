import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import { NotFound } from '../../../../web/errors.ts';
import { parseForm, singleError, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { previewView } from '../../preview-view-model.ts';
import { importSchema } from './schema.ts';

type UploadParams = { Params: { auditId: string; uploadId: string } };

const NOTHING_GOOD = 'None of the rows can be imported: fix the file or the columns chosen';
const FAILED =
  'The list could not be imported and nothing was saved. ' +
  'Try again; if it fails again, quote the correlation id to support';

const confirmLeaveOut = (bad: number) =>
  `Confirm that the ${bad === 1 ? 'row' : `${bad} rows`} with problems will be left out, ` +
  'or fix the file and upload it again';

/** The check before importing: how many rows will come in, every bad row and why; then import or delete. */
export function previewController({ audits, candidates }: Services) {
  async function render(
    request: SignedInRequest<UploadParams>,
    reply: FastifyReply,
    form: { errors?: FormErrors; status?: number } = {},
  ) {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    const { row, data, mapping } = await candidates.upload(audit, request.params.uploadId);
    if (!mapping) return reply.redirect(`/audits/${audit.id}/candidates/uploads/${row.id}/mapping`, 303);
    return reply.code(form.status ?? 200).view('cases/pages/preview/view.njk', {
      pageTitle: 'Check the candidate list',
      audit,
      upload: row,
      ...previewView(candidates.rowsFor(data, mapping), data.headers, mapping),
      errors: form.errors,
      backLink: `/audits/${audit.id}/candidates/uploads/${row.id}/mapping`,
    });
  }

  const get: Controller<UploadParams> = (request, reply) => render(request, reply);

  const post: Controller<UploadParams> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    const { row, data, mapping } = await candidates.upload(audit, request.params.uploadId);
    if (!mapping) return reply.redirect(`/audits/${audit.id}/candidates/uploads/${row.id}/mapping`, 303);
    const { good, bad } = candidates.rowsFor(data, mapping);
    const refuse = (text: string, status = 400) =>
      render(request, reply, { errors: singleError('leaveOut', text), status });
    if (good.length === 0) return refuse(NOTHING_GOOD);
    const form = parseForm(importSchema, request.body);
    if (bad.length > 0 && !(form.ok && form.value.leaveOut)) return refuse(confirmLeaveOut(bad.length));
    let result: { listId: string; imported: number; leftOut: number };
    try {
      result = await candidates.importUpload(request.user, audit, row.id, actorOf(request));
    } catch (error) {
      if (error instanceof NotFound) throw error;
      request.log.error({ err: error }, 'candidate import failed');
      return refuse(FAILED, 500);
    }
    await reply.flash({
      kind: 'success',
      heading: `${result.imported.toLocaleString('en-GB')} candidates imported`,
      ...(result.leftOut
        ? { text: `${result.leftOut.toLocaleString('en-GB')} rows with problems were left out.` }
        : {}),
    });
    return reply.redirect(`/audits/${audit.id}/candidates/lists/${result.listId}`, 303);
  };

  /** Deleting an upload before it is imported. */
  const discard: Controller<UploadParams> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    await candidates.discardUpload(audit, request.params.uploadId, actorOf(request));
    await reply.flash({ kind: 'success', heading: 'The upload has been deleted' });
    return reply.redirect(`/audits/${audit.id}/candidates`, 303);
  };

  return { get, post, discard };
}
