import path from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../domain/authorisation.ts';
import type { Services } from '../../services.ts';
import { NotFound } from '../../web/errors.ts';
import { errorsFrom, singleError, type FormErrors } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import { auditForUser } from '../audits/audit-access.ts';
import { AGENCY_TYPES, isAgencyType } from '../../domain/roles.ts';
import type { ExchangeDocument } from './exchange-document.ts';
import { matchAgencies, partnershipAgencies } from './exchange-agencies.ts';
import { checkDocument, findPreviousImport } from './exchange-import.ts';
import { MAX_EXCHANGE_BYTES } from './exchange-api.ts';

/**
 * The exchange file pages: download an audit's file (/audits/:id/exchange), and import one
 * (/exchange/import): upload, see what is wrong with it, match its agencies, import. The upload
 * is multipart, so its CSRF token travels in the form action's query string.
 */
const manage = { config: { access: 'exchange:manage' as const } };
const CREATE = 'create';
type AuditParams = { Params: { auditId: string } };
type UploadParams = { Params: { uploadId: string } };
const agencyTypeLabel = (type: string) => (isAgencyType(type) ? AGENCY_TYPES[type] : type);

export async function exchangeRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db, exchange } = services;
  await app.register(fastifyMultipart, {
    limits: { fileSize: MAX_EXCHANGE_BYTES, files: 1, fields: 2, fieldSize: 1000, parts: 3 },
  });
  app.addHook('preValidation', async (request) => {
    if (request.isMultipart()) request.body = { _csrf: (request.query as Record<string, unknown>)._csrf };
  });

  app.get<AuditParams>('/audits/:auditId/exchange', manage, async (request, reply) => {
    const audit = await auditForUser(db, request.user!, request.params.auditId, 'exchange:manage');
    return reply.view('exchange/pages/audit-exchange/view.njk', {
      pageTitle: 'Exchange file',
      audit,
      mayIncludeIdentities: can(request.user, 'case:identity', audit.resource),
      backLink: can(request.user, 'audit:read', audit.resource) ? `/audits/${audit.id}` : undefined,
    });
  });

  app.get<AuditParams & { Querystring: { identities?: string } }>(
    '/audits/:auditId/exchange/download',
    manage,
    async (request, reply) => {
      const withIdentities = request.query.identities === 'yes';
      const document = await exchange.exportAudit(
        request.user!,
        { auditId: request.params.auditId, withIdentities },
        actorOf(request),
      );
      const name = `audit-${document.audit.reference.replace(/[^A-Za-z0-9._-]/g, '_')}${withIdentities ? '-with-identities' : ''}.exchange.json`;
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(`${JSON.stringify(document, null, 2)}\n`);
    },
  );

  const renderUpload = (
    reply: FastifyReply,
    options: { errors?: FormErrors; problems?: { path: string; message: string }[]; status?: number } = {},
  ) =>
    reply.code(options.status ?? 200).view('exchange/pages/import-upload/view.njk', {
      pageTitle: 'Import an audit',
      errors: options.errors,
      problems: options.problems ?? [],
      maxMegabytes: MAX_EXCHANGE_BYTES / 1024 / 1024,
    });

  app.get('/exchange/import', manage, async (_request, reply) => renderUpload(reply));

  app.post('/exchange/import', manage, async (request, reply) => {
    const refuse = (text: string, status = 400, problems?: { path: string; message: string }[]) =>
      renderUpload(reply, { errors: singleError('file', text), status, problems });
    if (!request.isMultipart()) return refuse('Select an audit exchange file');
    let file: { filename: string; text: string };
    try {
      const part = await request.file();
      if (!part || !part.filename) return refuse('Select an audit exchange file');
      file = {
        filename: path
          .basename(part.filename)
          .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
          .slice(0, 200),
        text: (await part.toBuffer()).toString('utf8'),
      };
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
        reply.header('connection', 'close');
        return refuse(`The selected file must be smaller than ${MAX_EXCHANGE_BYTES / 1024 / 1024} MB`, 413);
      }
      throw error;
    }
    if (file.text.trim() === '') return refuse('The selected file is empty');
    let parsed: unknown;
    try {
      parsed = JSON.parse(file.text);
    } catch {
      return refuse('The selected file must be an audit exchange file (JSON)');
    }
    const checked = checkDocument(parsed);
    if (!('ok' in checked))
      return refuse(
        checked.kind === 'invalid' && checked.problems.length
          ? `The selected file has ${checked.problems.length === 20 ? '20 or more problems' : `${checked.problems.length} problem${checked.problems.length === 1 ? '' : 's'}`}: ${checked.message}`
          : checked.message,
        400,
        checked.kind === 'invalid' ? checked.problems : [],
      );
    const uploadId = await exchange.keepUpload(request.user!, file.filename, file.text);
    return reply.redirect(`/exchange/import/${uploadId}`, 303);
  });

  async function loadUpload(request: FastifyRequest<UploadParams>) {
    const upload = await exchange.upload(request.user!, request.params.uploadId);
    if (!upload) throw new NotFound();
    const checked = checkDocument(upload.document);
    if (!('ok' in checked)) throw new NotFound();
    return { ...upload, document: checked.document };
  }

  async function renderCheck(
    request: FastifyRequest<UploadParams>,
    reply: FastifyReply,
    upload: { id: string; filename: string; document: ExchangeDocument },
    options: { values?: Record<string, string>; errors?: FormErrors; status?: number } = {},
  ) {
    const user = request.user!;
    const available = await partnershipAgencies(db, user.partnershipId);
    const automatic = matchAgencies(upload.document.agencies, available, {}, true);
    const previous = await findPreviousImport(db, user.partnershipId, upload.document);
    const d = upload.document;
    const agencies = d.agencies.map((a) => {
      const chosen = options.values?.[`agency-${a.key}`] ?? (automatic.ok ? (automatic.byKey.get(a.key) ?? '') : '');
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
    return reply.code(options.status ?? 200).view('exchange/pages/import-check/view.njk', {
      pageTitle: 'Check and import the audit',
      upload,
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
      mayHoldIdentities: exchange.mayHoldIdentities(user),
      agencies,
      previous,
      asCopy: options.values?.asCopy === 'yes',
      errors: options.errors,
      backLink: '/exchange/import',
    });
  }

  app.get<UploadParams>('/exchange/import/:uploadId', manage, async (request, reply) =>
    renderCheck(request, reply, await loadUpload(request)),
  );

  app.post<UploadParams & { Body: Record<string, string | undefined> }>(
    '/exchange/import/:uploadId',
    manage,
    async (request, reply) => {
      const upload = await loadUpload(request);
      const body = request.body ?? {};
      const values: Record<string, string> = {};
      const fieldErrors: Record<string, { text: string }> = {};
      const mapping: Record<string, string> = {};
      const available = await partnershipAgencies(db, request.user!.partnershipId);
      let createMissing = false;
      for (const a of upload.document.agencies) {
        const field = `agency-${a.key}`;
        const value = typeof body[field] === 'string' ? body[field] : '';
        values[field] = value;
        if (value === CREATE) createMissing = true;
        else if (available.some((t) => t.id === value)) mapping[a.name] = value;
        else fieldErrors[field] = { text: `Select the agency here for ${a.name}, or create it` };
      }
      values.asCopy = body.asCopy === 'yes' ? 'yes' : '';
      if (Object.keys(fieldErrors).length)
        return renderCheck(request, reply, upload, { values, errors: errorsFrom(fieldErrors), status: 400 });
      const result = await exchange.importAudit(
        request.user!,
        upload.document,
        { agencyMapping: mapping, createMissingAgencies: createMissing, asCopy: values.asCopy === 'yes' },
        actorOf(request),
      );
      if (result.kind === 'imported') {
        await exchange.discardUpload(upload.id);
        request.session!.data.flash = {
          kind: 'success',
          heading: `Imported as audit ${result.reference}`,
          text: `${result.counts.cases} cases, ${result.counts.returns} returns and ${result.counts.chronologyEntries} chronology entries.${result.referenceChanged ? ' Its reference was already in use here, so it has a new one.' : ''}${result.identitiesDropped ? ' Identifying details in the file were not imported.' : ''}`,
        };
        await services.auth.saveSessionData(request.session!);
        return reply.redirect(can(request.user, 'audit:read') ? `/audits/${result.auditId}` : '/exchange/import', 303);
      }
      const errors =
        result.kind === 'duplicate'
          ? singleError(
              'asCopy',
              'This file has already been imported. Select “Import it as a copy” to make a second audit from it',
            )
          : singleError(
              'import',
              result.kind === 'invalid'
                ? `${result.message} ${result.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`
                : result.message,
            );
      return renderCheck(request, reply, upload, { values, errors, status: result.kind === 'failed' ? 422 : 400 });
    },
  );
}
