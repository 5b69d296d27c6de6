import type { FastifyReply } from 'fastify';
import { can } from '../../../../domain/authorisation.ts';
import { AGENCY_TYPES, isAgencyType } from '../../../../domain/roles.ts';
import type { Services } from '../../../../services.ts';
import { parseForm, singleError, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller } from '../../../../web/route-table.ts';
import type { ExchangeService } from '../../exchange-service.ts';
import type { ImportResult } from '../../exchange-import-types.ts';
import { agencyChoiceSchema, CREATE } from './schema.ts';

type Params = { Params: { uploadId: string } };
type Check = Awaited<ReturnType<ExchangeService['importCheck']>>;
type Values = Record<string, string | string[]>;

/** What was chosen, as the page shows it again: a field posted twice, or not at all, is no choice. */
function chosen(check: Check, values: Values): Values {
  const fields = check.upload.document.agencies.map((a) => `agency-${a.key}`);
  return {
    ...Object.fromEntries(fields.map((field) => [field, typeof values[field] === 'string' ? values[field] : ''])),
    asCopy: values.asCopy === 'yes' ? 'yes' : '',
  };
}

const agencyTypeLabel = (type: string) => (isAgencyType(type) ? AGENCY_TYPES[type] : type);

function agencyItems(check: Check, values: Values | undefined) {
  const { upload, available, automatic } = check;
  return upload.document.agencies.map((a) => {
    const chosen = values?.[`agency-${a.key}`] ?? (automatic.ok ? (automatic.byKey.get(a.key) ?? '') : '');
    return {
      key: a.key,
      name: a.name,
      type: agencyTypeLabel(a.type),
      items: [
        { value: '', text: 'Choose an agency' },
        ...available.map((t) => ({
          value: t.id,
          text: `${t.name} (${agencyTypeLabel(t.type)})`,
          selected: t.id === chosen,
        })),
        { value: CREATE, text: `Create a new agency: ${a.name}`, selected: chosen === CREATE },
      ],
    };
  });
}

function render(
  reply: FastifyReply,
  check: Check,
  form: { values?: Values; errors?: FormErrors; status?: number } = {},
) {
  const d = check.upload.document;
  return reply.code(form.status ?? 200).view('exchange/pages/import-check/view.njk', {
    pageTitle: 'Check and import the audit',
    upload: check.upload,
    audit: d.audit,
    source: d.source,
    exportedAt: new Date(d.exportedAt),
    counts: {
      cases: d.cases.length,
      entries: d.cases.reduce((n, c) => n + c.chronology.length, 0),
      returns: d.cases.reduce((n, c) => n + c.returns.length, 0),
      findings: d.findings.length,
      actions: d.actions.length,
    },
    containsIdentities: !!d.identities?.cases.length,
    mayHoldIdentities: check.mayHoldIdentities,
    agencies: agencyItems(check, form.values),
    previous: check.previous,
    asCopy: form.values?.asCopy === 'yes',
    errors: form.errors,
    backLink: '/exchange/import',
  });
}

function refusalErrors(result: Exclude<ImportResult, { kind: 'imported' }>): FormErrors {
  if (result.kind === 'duplicate')
    return singleError(
      'asCopy',
      'This file has already been imported. Select “Import it as a copy” to make a second audit from it',
    );
  if (result.kind === 'invalid')
    return singleError(
      'import',
      `${result.message} ${result.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    );
  return singleError('import', result.message);
}

/** Check an uploaded file, match its agencies to this partnership's, and import it. */
export function importCheckController({ exchange }: Services) {
  const get: Controller<Params> = async (request, reply) =>
    render(reply, await exchange.importCheck(request.user, request.params.uploadId));

  const post: Controller<Params> = async (request, reply) => {
    const check = await exchange.importCheck(request.user, request.params.uploadId);
    const form = parseForm(agencyChoiceSchema(check.upload.document.agencies, check.available), request.body);
    const values = chosen(check, form.values);
    if (!form.ok) return render(reply, check, { values, errors: form.errors, status: 400 });
    const result = await exchange.importUpload(request.user, check.upload, form.value, actorOf(request));
    if (result.kind !== 'imported')
      return render(reply, check, {
        values,
        errors: refusalErrors(result),
        status: result.kind === 'failed' ? 422 : 400,
      });
    await reply.flash({
      kind: 'success',
      heading: `Imported as audit ${result.reference}`,
      text:
        `${result.counts.cases} cases, ${result.counts.returns} returns and ` +
        `${result.counts.chronologyEntries} chronology entries.` +
        (result.referenceChanged ? ' Its reference was already in use here, so it has a new one.' : '') +
        (result.identitiesDropped ? ' Identifying details in the file were not imported.' : ''),
    });
    return reply.redirect(can(request.user, 'audit:read') ? `/audits/${result.auditId}` : '/exchange/import', 303);
  };

  return { get, post };
}
