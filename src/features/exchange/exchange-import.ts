import type { AgencyMatch } from './exchange-agencies.ts';
import type { ExchangeDocument } from './exchange-document.ts';
import type { ImportResult } from './exchange-import-types.ts';
import { referenceProblems } from './exchange-references.ts';
import { checkFormatAndVersion, schemaProblems } from './exchange-schema.ts';

/**
 * The parts of an import that need no database: the checks of the file (format and version, the
 * schema, the references), and the answers an import refused for a reason gives. The import service
 * runs them around its lookups and the one transaction that writes the audit.
 */
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

export function duplicate(previous: { audit_id: string | null; created_at: Date }): ImportResult {
  const when = previous.created_at.toISOString().slice(0, 16).replace('T', ' ');
  return {
    kind: 'duplicate',
    message:
      `This file was already imported on ${when} UTC. ` + 'Import it as a copy if you want a second audit from it.',
    previousAuditId: previous.audit_id,
    importedAt: previous.created_at,
  };
}

export function agenciesMissing(match: Extract<AgencyMatch, { ok: false }>): ImportResult {
  const names = match.missing.map((a) => `${a.name} (${a.type})`).join(', ');
  const unknown = match.unknownTargets.length
    ? ` The mapping names agencies this partnership does not have: ${match.unknownTargets.join(', ')}.`
    : '';
  return {
    kind: 'agencies-missing',
    message:
      `These agencies in the file are not agencies of this partnership: ${names}.${unknown} ` +
      'Map each to one of yours, or create them.',
    missing: match.missing,
    unknownTargets: match.unknownTargets,
    available: match.available,
  };
}

/** Every e-mail address the file gives for a person (agency leads, auditors, action leads), in lower case. */
export function emailsIn(doc: ExchangeDocument): string[] {
  return [
    ...new Set(
      [
        ...doc.agencies.flatMap((a) => (a.lead?.email ? [a.lead.email] : [])),
        ...doc.cases.flatMap((c) => c.returns.flatMap((r) => (r.auditor?.email ? [r.auditor.email] : []))),
        ...doc.actions.flatMap((a) => (a.lead.email ? [a.lead.email] : [])),
      ].map((e) => e.toLowerCase()),
    ),
  ];
}

/** The action leads who are no one here, as "Name <e-mail>". */
export function unmatchedLeads(doc: ExchangeDocument, personId: (p: { email: string | null }) => string | null) {
  return [
    ...new Set(
      doc.actions
        .filter((a) => !personId(a.lead))
        .map((a) => `${a.lead.name}${a.lead.email ? ` <${a.lead.email}>` : ''}`),
    ),
  ];
}

export function leadsMissing(people: string[]): ImportResult {
  return {
    kind: 'leads-missing',
    message:
      `Actions are led by people who are not in this partnership: ${people.join(', ')}. ` +
      'Name a person to lead them instead.',
    people,
  };
}
