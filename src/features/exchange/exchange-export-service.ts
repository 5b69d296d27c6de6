import type { Executor } from '../../db/transaction.ts';
import type { RedactionTerm } from '../../domain/redaction-guard.ts';
import type { Actor } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import type { ExchangeDocument } from './exchange-document.ts';
import { exchangeDocument, referencedIds } from './exchange-export.ts';
import type { StoredIdentities } from './exchange-export-rows.ts';
import * as exportRepo from './exchange-export-repository.ts';
import * as lookupRepo from './exchange-lookup-repository.ts';
import { IdentifyingDetailsInExport, screenExchange } from './exchange-screen.ts';

/**
 * The one way an exchange file leaves: guard (identifying details only for whoever may see them,
 * a refusal logged), read, build and check against the schema, log. Pages, API and the command line
 * all release through here; they differ only in what the audit log says the export came through.
 */
export type ExportDependencies = {
  /** The cases' identifying details, decrypted (the cases feature's store). */
  loadIdentities: (executor: Executor, caseIds: readonly string[]) => Promise<StoredIdentities>;
  /** The audit's identifying details and the coordinator's words to check for (each reading logged). */
  terms: (audit: { id: string }, actor: Actor) => Promise<(RedactionTerm & { standsFor?: string })[]>;
};

export type Release = {
  auditId: string;
  withIdentities: boolean;
  /** The person may see identifying details (can(user, 'case:identity')). */
  mayIncludeIdentities: boolean;
  actor: Actor;
  via: 'web' | 'cli';
  /** Told once the request is allowed, before the (possibly long) read. */
  onAllowed?: () => void;
};

export async function readDocument(
  db: Executor,
  deps: ExportDependencies,
  auditId: string,
  withIdentities: boolean,
): Promise<ExchangeDocument> {
  const audit = await exportRepo.auditHead(db, auditId);
  const parts = await exportRepo.auditParts(db, auditId);
  const caseIds = parts.cases.map((c) => c.id);
  const cases = await exportRepo.caseParts(db, auditId, caseIds);
  const returns = await exportRepo.returnParts(
    db,
    cases.returns.map((r) => r.id),
  );
  const outcomes = await exportRepo.outcomes(db, auditId);
  const links = await exportRepo.outcomeLinks(db, {
    meetingId: outcomes.meeting?.id,
    findingIds: outcomes.findings.map((f) => f.id),
    recommendationIds: outcomes.recommendations.map((r) => r.id),
    actionIds: outcomes.actions.map((a) => a.id),
  });
  const identities = withIdentities ? await deps.loadIdentities(db, caseIds) : new Map();
  const rows = { audit, ...parts, ...cases, ...returns, ...outcomes, ...links, identities };
  const ids = referencedIds(rows);
  const [agencies, people, versions, themes] = await Promise.all([
    lookupRepo.agenciesByIds(db, ids.agencyIds),
    lookupRepo.peopleByIds(db, ids.userIds),
    lookupRepo.templateVersionsByIds(db, ids.versionIds),
    lookupRepo.learningThemesByIds(db, ids.themeIds),
  ]);
  return exchangeDocument(rows, { agencies, people, versions, themes }, { withIdentities });
}

/**
 * The document, or undefined when identifying details were asked for by someone who may not see
 * them. Without identities, the guard reads every free text first: a hit blocks the export
 * (IdentifyingDetailsInExport, with where each is), logged with the count and pointers, never the words.
 */
export async function releaseExchange(
  db: Executor,
  deps: ExportDependencies,
  r: Release,
): Promise<ExchangeDocument | undefined> {
  if (r.withIdentities && !r.mayIncludeIdentities) {
    await appendAuditLog(db, r.actor, {
      action: 'case-identity.refused',
      recordType: 'audit',
      recordId: r.auditId,
      detail: { via: r.via === 'web' ? 'exchange-export' : 'cli-export' },
    });
    return undefined;
  }
  r.onAllowed?.();
  const document = await readDocument(db, deps, r.auditId, r.withIdentities);
  const format = 'exchange-json';
  if (!r.withIdentities) {
    const knownWords = [document.source.partnership, ...document.agencies.map((a) => a.name)];
    const hits = screenExchange(document, await deps.terms({ id: r.auditId }, r.actor), knownWords);
    if (hits.length) {
      await appendAuditLog(db, r.actor, {
        action: 'audit.export-blocked',
        recordType: 'audit',
        recordId: r.auditId,
        detail: { format, via: r.via, hits: hits.length, pointers: hits.slice(0, 50).map((h) => h.pointer) },
      });
      throw new IdentifyingDetailsInExport(hits);
    }
  }
  await appendAuditLog(db, r.actor, {
    action: r.withIdentities ? 'case-identity.exported' : 'audit.exported',
    recordType: 'audit',
    recordId: r.auditId,
    detail:
      r.via === 'web'
        ? { format, withIdentities: r.withIdentities, cases: document.cases.length }
        : { format, withIdentities: r.withIdentities, via: 'cli' },
  });
  return document;
}
