import type { Db } from '../../db/database.ts';
import type { Actor } from '../../web/request-context.ts';
import type { ExchangeDocument } from './exchange-document.ts';
import { matchAgencies, partnershipAgencies, type TargetAgency } from './exchange-agencies.ts';
import { referenceProblems } from './exchange-references.ts';
import { writeAudit } from './exchange-writer.ts';
import { checkFormatAndVersion, documentHash, schemaProblems, type ExchangeProblem } from './exchange-schema.ts';

/**
 * Imports an exchange document into a partnership as a new audit, in one transaction: on any
 * error nothing is left behind. Every record gets a new id; agencies are matched (or created when
 * asked); template versions are matched by content hash or created (and so frozen); people are
 * matched by e-mail. Identifying details are kept, re-encrypted with this instance's key, only if
 * the importer may hold them; otherwise they are dropped and the result says so.
 */
export type ImportOptions = {
  partnershipId: string;
  actor: Actor;
  /** The importer may hold identifying details (can(user, 'case:identity')). */
  mayHoldIdentities: boolean;
  agencyMapping?: Record<string, string>;
  createMissingAgencies?: boolean;
  asCopy?: boolean;
  /** Leads actions whose lead is not a person of this partnership; the importer by default. */
  fallbackLeadUserId?: string | null;
  onProgress?: (step: string) => void;
};

export type ImportCounts = Record<
  | 'cases'
  | 'children'
  | 'returns'
  | 'chronologyEntries'
  | 'findings'
  | 'recommendations'
  | 'actions'
  | 'createdAgencies'
  | 'createdTemplates',
  number
>;

export type ImportResult =
  | { kind: 'invalid'; message: string; problems: ExchangeProblem[] }
  | { kind: 'newer-version'; message: string }
  | {
      kind: 'agencies-missing';
      message: string;
      missing: { key: string; name: string; type: string }[];
      unknownTargets: string[];
      available: TargetAgency[];
    }
  | { kind: 'duplicate'; message: string; previousAuditId: string | null; importedAt: Date }
  | { kind: 'leads-missing'; message: string; people: string[] }
  | { kind: 'failed'; message: string }
  | {
      kind: 'imported';
      auditId: string;
      reference: string;
      referenceChanged: boolean;
      identitiesDropped: boolean;
      counts: ImportCounts;
      importId: string;
    };

/** The checks that need no database: format and version, the schema, the references. */
export function checkDocument(
  input: unknown,
): { ok: true; document: ExchangeDocument } | Extract<ImportResult, { kind: 'invalid' | 'newer-version' }> {
  const version = checkFormatAndVersion(input);
  if (!version.ok)
    return version.newer
      ? { kind: 'newer-version', message: version.message }
      : { kind: 'invalid', message: version.message, problems: [] };
  const problems = schemaProblems(input);
  if (problems.length)
    return { kind: 'invalid', message: 'The file does not match the audit exchange schema.', problems };
  const document = input as ExchangeDocument;
  const references = referenceProblems(document);
  if (references.length)
    return { kind: 'invalid', message: 'The file refers to records it does not contain.', problems: references };
  return { ok: true, document };
}

export async function findPreviousImport(db: Db, partnershipId: string, document: ExchangeDocument) {
  const hash = documentHash(document);
  return db
    .selectFrom('exchange_import')
    .select(['audit_id', 'created_at'])
    .where('partnership_id', '=', partnershipId)
    .where('as_copy', '=', false)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('source_audit_id', '=', document.source.auditId),
          eb('exported_at', '=', new Date(document.exportedAt)),
        ]),
        eb('content_hash', '=', hash),
      ]),
    )
    .orderBy('created_at')
    .executeTakeFirst();
}

export async function importExchange(
  db: Db,
  encryptionKey: Buffer,
  input: unknown,
  options: ImportOptions,
): Promise<ImportResult> {
  const progress = options.onProgress ?? (() => {});
  progress('Checking the file');
  const checked = checkDocument(input);
  if (!('ok' in checked)) return checked;
  const doc = checked.document;

  const previous = await findPreviousImport(db, options.partnershipId, doc);
  if (previous && !options.asCopy) return duplicate(previous);

  progress('Matching agencies');
  const match = matchAgencies(
    doc.agencies,
    await partnershipAgencies(db, options.partnershipId),
    options.agencyMapping ?? {},
    !!options.createMissingAgencies,
  );
  if (!match.ok) {
    const names = match.missing.map((a) => `${a.name} (${a.type})`).join(', ');
    const unknown = match.unknownTargets.length
      ? ` The mapping names agencies this partnership does not have: ${match.unknownTargets.join(', ')}.`
      : '';
    return {
      kind: 'agencies-missing',
      message: `These agencies in the file are not agencies of this partnership: ${names}.${unknown} Map each to one of yours, or create them.`,
      missing: match.missing,
      unknownTargets: match.unknownTargets,
      available: match.available,
    };
  }

  const emails = [
    ...new Set(
      [
        ...doc.agencies.flatMap((a) => (a.lead?.email ? [a.lead.email] : [])),
        ...doc.cases.flatMap((c) => c.returns.flatMap((r) => (r.auditor?.email ? [r.auditor.email] : []))),
        ...doc.actions.flatMap((a) => (a.lead.email ? [a.lead.email] : [])),
      ].map((e) => e.toLowerCase()),
    ),
  ];
  const users = emails.length
    ? await db
        .selectFrom('app_user')
        .select(['id', 'email'])
        .where('partnership_id', '=', options.partnershipId)
        .where('email', 'in', emails)
        .execute()
    : [];
  const userByEmail = new Map(users.map((u) => [u.email, u.id]));
  const personId = (p: { email: string | null } | null) =>
    p?.email ? (userByEmail.get(p.email.toLowerCase()) ?? null) : null;
  const fallbackLead = options.fallbackLeadUserId ?? options.actor.userId;
  const unmatchedLeads = [
    ...new Set(
      doc.actions
        .filter((a) => !personId(a.lead))
        .map((a) => `${a.lead.name}${a.lead.email ? ` <${a.lead.email}>` : ''}`),
    ),
  ];
  if (unmatchedLeads.length && !fallbackLead) {
    return {
      kind: 'leads-missing',
      message: `Actions are led by people who are not in this partnership: ${unmatchedLeads.join(', ')}. Name a person to lead them instead.`,
      people: unmatchedLeads,
    };
  }

  try {
    return await db.transaction().execute(async (trx) => {
      const result = await writeAudit(trx, encryptionKey, doc, options, {
        byKey: match.byKey,
        toCreate: match.toCreate,
        personId,
        fallbackLead: fallbackLead ?? null,
        progress,
      });
      return result;
    });
  } catch (error) {
    const code = (error as { code?: string; constraint?: string }).code;
    if (code === '23505' && /^exchange_import_/.test((error as { constraint?: string }).constraint ?? '')) {
      const again = await findPreviousImport(db, options.partnershipId, doc);
      if (again) return duplicate(again);
    }
    const detail = error instanceof Error ? error.message : String(error);
    return { kind: 'failed', message: `The import failed and nothing was imported: ${detail}` };
  }
}

function duplicate(previous: { audit_id: string | null; created_at: Date }): ImportResult {
  return {
    kind: 'duplicate',
    message: `This file was already imported on ${previous.created_at.toISOString().slice(0, 16).replace('T', ' ')} UTC. Import it as a copy if you want a second audit from it.`,
    previousAuditId: previous.audit_id,
    importedAt: previous.created_at,
  };
}
