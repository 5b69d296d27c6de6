import type { Services } from '../../../../services.ts';
import { errorsFrom, singleError } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { actionController, type ActionParams } from './controller.ts';

type EvidenceParams = { Params: { id: string; evidenceId: string } };
type Upload =
  | { kind: string; file?: { filename: string; bytes: Buffer } }
  | { refused: string; status: number; kind: string | undefined };

/**
 * Evidence files on an action. The upload is multipart: its CSRF token travels in the form
 * action's query string and is checked by the access hook before the file is read; the file is
 * read into memory only up to the configured limit.
 */
export function evidenceController(services: Services) {
  const { actionEvidence } = services;
  const { render } = actionController(services);
  const maxMegabytes = actionEvidence.maxBytes / 1024 / 1024;

  async function readUpload(request: SignedInRequest<ActionParams>): Promise<Upload> {
    const fields: Record<string, string> = {};
    let file: { filename: string; bytes: Buffer } | undefined;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const bytes = await part.toBuffer();
          if (part.filename) file = { filename: part.filename, bytes };
        } else fields[part.fieldname] = typeof part.value === 'string' ? part.value : '';
      }
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE')
        return { refused: `The selected file must be smaller than ${maxMegabytes} MB`, status: 413, kind: fields.kind };
      if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
        return { refused: 'Select one file', status: 400, kind: fields.kind };
      throw error;
    }
    return { kind: fields.kind ?? '', file };
  }

  const upload: Controller<ActionParams> = async (request, reply) => {
    if (!request.isMultipart())
      return render(request, reply, { errors: singleError('file', 'Select a file'), status: 400 });
    const read = await readUpload(request);
    if ('refused' in read)
      return render(request, reply, {
        errors: singleError('file', read.refused),
        status: read.status,
        evidenceKind: read.kind,
      });
    const { kind } = read;
    const result = await actionEvidence.upload(
      request.user,
      request.params.id,
      { kind, file: read.file },
      actorOf(request),
    );
    if (!result.ok) {
      const errors = errorsFrom(
        Object.fromEntries(Object.entries(result.errors).map(([field, text]) => [field, { text }])),
      );
      return render(request, reply, { errors, status: 400, evidenceKind: kind });
    }
    return reply.redirect(`/actions/${request.params.id}#evidence`, 303);
  };

  const download: Controller<EvidenceParams> = async (request, reply) => {
    const { id, evidenceId } = request.params;
    const file = await actionEvidence.download(request.user, id, evidenceId, actorOf(request));
    const ascii = file.filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
    return reply
      .header(
        'content-disposition',
        `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      )
      .header('cache-control', 'no-store')
      .type(file.contentType)
      .send(file.bytes);
  };

  const remove: Controller<EvidenceParams> = async (request, reply) => {
    const { id, evidenceId } = request.params;
    await actionEvidence.remove(request.user, id, evidenceId, actorOf(request));
    return reply.redirect(`/actions/${id}#evidence`, 303);
  };

  return { upload, download, remove };
}
