import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import { errorsFrom, parseForm, singleError, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { IMPORT_FIELDS, type ImportMapping } from '../../import-mapping.ts';
import { mappingSchema } from './schema.ts';

type Params = { Params: { id: string; importId: string } };
type Options = { errors?: FormErrors; status?: number; mapping?: ImportMapping };

const TITLES: Record<string, string> = {
  mapping: 'Match the columns',
  previewed: 'Check the import',
  imported: 'Chronology imported',
};

/** One import: match its columns, watch it being checked, confirm it, or cancel it. */
export function importController({ chronologyImports }: Services) {
  async function render(request: SignedInRequest<Params>, reply: FastifyReply, options: Options = {}) {
    const { id, importId } = request.params;
    const { ctx, imp } = await chronologyImports.load(request.user, id, importId, actorOf(request));
    const mapping: ImportMapping = options.mapping ?? imp.mapping;
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
      pageTitle: TITLES[imp.status] ?? 'Importing a chronology',
      r: ctx.row,
      imp,
      fields,
      working,
      errors: options.errors,
      base: `/returns/${ctx.row.id}/chronology/import/${imp.id}`,
      backLink: `/returns/${ctx.row.id}/chronology`,
    });
  }

  const here = (request: SignedInRequest<Params>) =>
    `/returns/${request.params.id}/chronology/import/${request.params.importId}`;

  const get: Controller<Params> = (request, reply) => render(request, reply);

  /** The columns chosen; the rows are then checked in the background. */
  const post: Controller<Params> = async (request, reply) => {
    const { id, importId } = request.params;
    const form = parseForm(mappingSchema, request.body);
    const mapping = form.ok ? form.value : {};
    const problems = await chronologyImports.setMapping(request.user, id, importId, mapping, actorOf(request));
    if (Object.keys(problems).length) {
      const errors = errorsFrom(Object.fromEntries(Object.entries(problems).map(([k, text]) => [k, { text }])));
      return render(request, reply, { errors, status: 400, mapping });
    }
    return reply.redirect(here(request), 303);
  };

  const confirm: Controller<Params> = async (request, reply) => {
    const { id, importId } = request.params;
    if (!(await chronologyImports.confirm(request.user, id, importId, actorOf(request)))) {
      const text = 'This import cannot be applied now: it has no good rows, or has already been applied';
      return render(request, reply, { errors: singleError('confirm', text), status: 409 });
    }
    return reply.redirect(here(request), 303);
  };

  const discard: Controller<Params> = async (request, reply) => {
    const { id, importId } = request.params;
    await chronologyImports.discard(request.user, id, importId, actorOf(request));
    return reply.redirect(`/returns/${id}/chronology`, 303);
  };

  return { get, post, confirm, discard };
}
