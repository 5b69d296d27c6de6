import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import { singleError, type FormErrors } from '../../../../web/forms.ts';
import type { Controller } from '../../../../web/route-table.ts';
import { MAX_EXCHANGE_BYTES } from '../../exchange-api.ts';
import { checkDocument } from '../../exchange-import.ts';
import type { ExchangeProblem } from '../../exchange-schema.ts';
import { refusalText, uploadSchema } from './schema.ts';

const MEGABYTES = MAX_EXCHANGE_BYTES / 1024 / 1024;

function render(
  reply: FastifyReply,
  options: { errors?: FormErrors; problems?: ExchangeProblem[]; status?: number } = {},
) {
  return reply.code(options.status ?? 200).view('exchange/pages/import-upload/view.njk', {
    pageTitle: 'Import an audit',
    errors: options.errors,
    problems: options.problems ?? [],
    maxMegabytes: MEGABYTES,
  });
}

const refuse = (reply: FastifyReply, text: string, status = 400, problems?: ExchangeProblem[]) =>
  render(reply, { errors: singleError('file', text), status, problems });

/** Reads the one file of the multipart form; a file past the limit is answered, not read. */
async function readFile(request: Parameters<Controller>[0]) {
  const part = await request.file();
  if (!part || !part.filename) return undefined;
  return { filename: part.filename, text: (await part.toBuffer()).toString('utf8') };
}

/** Upload an exchange file: it is checked here, then kept for the page that matches its agencies. */
export function importUploadController({ exchange }: Services) {
  const get: Controller = (_request, reply) => Promise.resolve(render(reply));

  const post: Controller = async (request, reply) => {
    if (!request.isMultipart()) return refuse(reply, 'Select an audit exchange file');
    let file: { filename: string; text: string } | undefined;
    try {
      file = await readFile(request);
    } catch (error) {
      if ((error as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
      reply.header('connection', 'close');
      return refuse(reply, `The selected file must be smaller than ${MEGABYTES} MB`, 413);
    }
    if (!file) return refuse(reply, 'Select an audit exchange file');
    const form = uploadSchema.safeParse(file);
    if (!form.success) return refuse(reply, form.error.issues[0]?.message ?? 'Select an audit exchange file');
    const checked = checkDocument(form.data.text.document);
    if (!('ok' in checked))
      return refuse(reply, refusalText(checked), 400, checked.kind === 'invalid' ? checked.problems : []);
    const uploadId = await exchange.keepUpload(request.user, form.data.filename, form.data.text.text);
    return reply.redirect(`/exchange/import/${uploadId}`, 303);
  };

  return { get, post };
}
