import type { FastifyReply } from 'fastify';
import { CANDIDATE_FIELDS, guessMapping } from '../../../../domain/candidate-rows.ts';
import type { Services } from '../../../../services.ts';
import { errorsFrom, parseForm, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';
import type { AuditInContext } from '../../../audits/audit-access.ts';
import type { StoredMapping } from '../../candidate-service.ts';
import { mappingSchema } from './schema.ts';

type UploadParams = { Params: { auditId: string; uploadId: string } };
type Upload = { id: string; filename: string; row_count: number };

function render(
  reply: FastifyReply,
  audit: AuditInContext,
  upload: Upload,
  headers: string[],
  mapping: StoredMapping,
  errors?: FormErrors,
) {
  const items = (field: keyof StoredMapping) => [
    { value: '', text: 'Not in the file', selected: !mapping[field] },
    ...headers.map((h, i) => ({ value: String(i), text: h, selected: mapping[field] === String(i) })),
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

/** An uploaded list's columns matched to the fields MACA reads, guessed from the headings at first. */
export function mappingController({ audits, candidates }: Services) {
  const get: Controller<UploadParams> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    const { row, data, mapping } = await candidates.upload(audit, request.params.uploadId);
    return render(reply, audit, row, data.headers, mapping ?? guessMapping(data.headers));
  };

  const post: Controller<UploadParams> = async (request, reply) => {
    const audit = await audits.forUser(request.user, request.params.auditId, 'audit:manage');
    const { row, data } = await candidates.upload(audit, request.params.uploadId);
    const form = parseForm(mappingSchema, request.body);
    const mapping = form.ok ? form.value : {};
    const saved = await candidates.saveMapping(audit, row.id, mapping, actorOf(request));
    if (!saved.ok) {
      const fields = Object.fromEntries(
        Object.entries(saved.problems).map(([k, text]) => [k === 'age' ? 'ageYears' : k, { text }]),
      );
      return render(reply, audit, row, data.headers, mapping, errorsFrom(fields));
    }
    return reply.redirect(`/audits/${audit.id}/candidates/uploads/${row.id}/preview`, 303);
  };

  return { get, post };
}
