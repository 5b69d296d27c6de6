import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import { singleError, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { MAX_CHRONOLOGY_UPLOAD_BYTES } from './multipart.ts';
import { uploadSchema } from './schema.ts';

type Params = { Params: { id: string } };

const MEGABYTES = MAX_CHRONOLOGY_UPLOAD_BYTES / 1024 / 1024;
const NO_FILE = singleError('file', 'Select a CSV or Excel file');

/** Importing a chronology from a spreadsheet: the upload, which starts the import. */
export function importUploadController({ chronology, chronologyImports }: Services) {
  async function render(request: SignedInRequest<Params>, reply: FastifyReply, errors?: FormErrors, status = 200) {
    const { ctx } = await chronology.forReturn(request.user, request.params.id, actorOf(request), true);
    return reply.code(status).view('chronology/pages/import-upload/view.njk', {
      pageTitle: 'Import a chronology',
      r: ctx.row,
      maxMegabytes: MEGABYTES,
      errors,
      backLink: `/returns/${ctx.row.id}/chronology`,
    });
  }

  const get: Controller<Params> = (request, reply) => render(request, reply);

  const post: Controller<Params> = async (request, reply) => {
    if (!request.isMultipart()) return render(request, reply, NO_FILE, 400);
    try {
      const part = await request.file();
      const upload = uploadSchema.safeParse({ filename: part?.filename });
      if (!part || !upload.success) return render(request, reply, NO_FILE, 400);
      const { id } = request.params;
      const result = await chronologyImports.start(request.user, id, upload.data.filename, part.file, actorOf(request));
      if (!result.ok) return render(request, reply, singleError('file', result.message), 400);
      return reply.redirect(`/returns/${id}/chronology/import/${result.importId}`, 303);
    } catch (error) {
      if ((error as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
      const tooLarge = singleError('file', `The selected file must be smaller than ${MEGABYTES} MB`);
      return render(request, reply, tooLarge, 413);
    }
  };

  return { get, post };
}
