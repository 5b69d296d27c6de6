import crypto from 'node:crypto';
import type { Executor } from '../../db/transaction.ts';
import { encrypt } from '../../domain/encryption.ts';
import { isAgencyType } from '../../domain/roles.ts';
import type { ExchangeDocument } from './exchange-document.ts';
import type { ImportCounts, ImportOptions, ImportResult } from './exchange-import-types.ts';
import { canonicalJson, documentHash, sha256 } from './exchange-schema.ts';
import { writeCases } from './exchange-case-writer.ts';
import { writeOutcomes } from './exchange-outcome-writer.ts';
import type { Resolved, WriteContext } from './exchange-write-context.ts';
import * as repo from './exchange-write-repository.ts';
import { insertRows } from './exchange-write-repository.ts';

/**
 * Writes a checked exchange document as a new audit, inside the caller's transaction: agencies
 * created when asked, template versions matched by content hash or created, learning themes by
 * code, then the audit and everything in it, with new ids throughout. The caller has already
 * checked the document, matched its agencies and people, and refused duplicates; it writes the
 * audit-log rows from what this returns, in the same transaction.
 */
export type Written = {
  result: Extract<ImportResult, { kind: 'imported' }>;
  /** What the import's audit-log row says about it. */
  summary: Record<string, unknown>;
  /** How many cases' identifying details were stored; null when none were. */
  identitiesStored: number | null;
};

export async function writeAudit(
  trx: Executor,
  key: Buffer,
  doc: ExchangeDocument,
  options: ImportOptions,
  r: Resolved,
): Promise<Written> {
  const { partnershipId, actor } = options;
  const userId = actor.userId;
  const counts: ImportCounts = {
    cases: 0,
    children: 0,
    returns: 0,
    chronologyEntries: 0,
    findings: 0,
    recommendations: 0,
    actions: 0,
    createdAgencies: 0,
    createdTemplates: 0,
  };
  const id = () => crypto.randomUUID();
  const started = Date.now();
  let tick = 0;
  const inOrder = () => new Date(started + tick++);

  // Agencies, created when asked.
  const agency = new Map(r.byKey);
  for (const a of r.toCreate) {
    const created = await repo.insertAgency(trx, {
      partnership_id: partnershipId,
      name: a.name,
      type: isAgencyType(a.type) ? a.type : 'other',
      created_by: userId,
    });
    agency.set(a.key, created);
    counts.createdAgencies++;
  }
  const A = (k: string) => agency.get(k)!;
  const An = (k: string | null) => (k === null ? null : A(k));

  // Template versions: the same content already here, or a new template holding it.
  r.progress('Matching audit tools');
  await r.ensureShippedTemplates(trx, partnershipId);
  const versions = await repo.partnershipTemplateVersions(trx, partnershipId);
  const versionByHash = new Map<string, string>();
  for (const v of versions) {
    const hash = sha256(canonicalJson(v.content));
    if (!versionByHash.has(hash)) versionByHash.set(hash, v.id);
  }
  const template = new Map<string, string>();
  for (const t of doc.templates) {
    let versionId = versionByHash.get(t.contentHash);
    if (!versionId) {
      const name = await freeName(trx, partnershipId, t.name);
      const created = await repo.insertToolTemplate(trx, {
        partnership_id: partnershipId,
        name,
        description: typeof t.content.description === 'string' ? t.content.description : '',
        created_by: userId,
      });
      versionId = id();
      await insertRows(trx, 'template_version', [
        {
          id: versionId,
          template_id: created,
          version_number: 1,
          content: JSON.stringify(t.content),
          created_by: userId,
        },
      ]);
      versionByHash.set(t.contentHash, versionId);
      counts.createdTemplates++;
    }
    template.set(t.key, versionId);
  }
  const T = (k: string) => template.get(k)!;

  // Learning themes by code.
  const themes = new Map<string, string>();
  for (const t of doc.learningThemes) {
    const themeId = await repo.learningThemeFor(trx, {
      partnershipId,
      code: t.code,
      label: t.label,
      description: t.description,
    });
    themes.set(t.key, themeId);
  }

  // The audit.
  r.progress('Creating the audit');
  const a = doc.audit;
  const reference = await freeReference(trx, partnershipId, a.reference);
  const theme = a.theme ? await repo.auditThemeByLabel(trx, partnershipId, a.theme) : undefined;
  const auditId = id();
  await insertRows(trx, 'audit', [
    {
      id: auditId,
      partnership_id: partnershipId,
      reference,
      title: a.title,
      theme_id: theme?.id ?? null,
      theme_text: theme ? null : a.theme,
      lines_of_enquiry: a.linesOfEnquiry,
      scope_kind: a.scope.kind,
      scope_from: a.scope.from,
      scope_to: a.scope.to,
      scope_months: a.scope.months,
      scope_reference_date: a.scope.referenceDate,
      methodology: a.methodology,
      joint_partnerships: a.jointPartnerships,
      status: a.status,
      status_changed_at: a.statusChangedAt,
      settings: JSON.stringify(a.settings),
      created_by: userId,
    },
  ]);
  if (a.milestones.length)
    await insertRows(
      trx,
      'audit_milestone',
      a.milestones.map((m, i) => ({
        audit_id: auditId,
        kind: m.kind as never,
        label: m.label,
        due_on: m.dueOn,
        done_on: m.doneOn,
        position: i,
      })),
    );
  if (a.statusHistory.length)
    await insertRows(
      trx,
      'audit_status_change',
      a.statusHistory.map((h) => ({
        audit_id: auditId,
        from_status: h.from as never,
        to_status: h.to as never,
        reason: h.reason,
        created_at: h.at,
        created_by: userId,
      })),
    );
  const invited = doc.agencies.filter((g) => g.invited);
  if (invited.length)
    await insertRows(
      trx,
      'audit_agency',
      invited.map((g) => ({
        audit_id: auditId,
        agency_id: A(g.key),
        lead_user_id: r.personId(g.lead),
        invited_at: g.invitedAt ?? new Date(),
        invited_by: userId,
      })),
    );
  const tools = [...new Set(a.tools.map(T))];
  if (tools.length)
    await insertRows(
      trx,
      'audit_tool',
      tools.map((v, i) => ({ audit_id: auditId, template_version_id: v, position: i })),
    );

  // Cases and everything in them.
  const caseId = new Map<string, string>();
  const childId = new Map<string, string>();
  const memberId = new Map<string, string>();
  const pointId = new Map<string, string>();
  const saId = new Map<string, string>();
  const ctx: WriteContext = {
    trx,
    userId,
    auditId,
    counts,
    id,
    inOrder,
    A,
    An,
    T,
    themes,
    caseId,
    childId,
    memberId,
    pointId,
    saId,
    personId: r.personId,
    fallbackLead: r.fallbackLead,
    progress: r.progress,
  };
  await writeCases(ctx, doc);

  // Identifying details, re-encrypted with this instance's key, for an importer who may hold them.
  const identitiesDropped = !!doc.identities?.cases.length && !options.mayHoldIdentities;
  if (doc.identities && options.mayHoldIdentities) {
    r.progress('Storing identifying details');
    for (const i of doc.identities.cases) {
      const identity = {
        children: i.children.map((k) => ({ childId: childId.get(k.child)!, name: k.name, dateOfBirth: k.dateOfBirth })),
        adults: i.adults.map((m) => ({ memberId: memberId.get(m.member)!, name: m.name })),
        addresses: i.addresses,
        records: i.records.map((x) => ({ agencyId: An(x.agency), label: x.label, value: x.value })),
      };
      await insertRows(trx, 'case_identity', [
        { case_id: caseId.get(i.case)!, encrypted: encrypt(key, JSON.stringify(identity)), updated_by: userId },
      ]);
    }
  }

  // The meeting and what it agreed.
  await writeOutcomes(ctx, doc);

  const summary = {
    sourcePartnership: doc.source.partnership,
    sourceReference: doc.source.auditReference,
    reference,
    counts,
    identitiesDropped,
    asCopy: !!options.asCopy,
  };
  const importId = await repo.insertExchangeImport(trx, {
    partnership_id: partnershipId,
    audit_id: auditId,
    source_audit_id: doc.source.auditId,
    source_partnership: doc.source.partnership,
    exported_at: doc.exportedAt,
    content_hash: documentHash(doc),
    as_copy: !!options.asCopy,
    summary: JSON.stringify(summary),
    created_by: userId,
  });
  r.progress('Done');
  return {
    result: {
      kind: 'imported',
      auditId,
      reference,
      referenceChanged: reference !== a.reference,
      identitiesDropped,
      counts,
      importId,
    },
    summary,
    identitiesStored: doc.identities && options.mayHoldIdentities ? doc.identities.cases.length : null,
  };
}

async function freeReference(db: Executor, partnershipId: string, wanted: string): Promise<string> {
  const taken = new Set((await repo.auditReferences(db, partnershipId)).map((x) => x.toLowerCase()));
  if (!taken.has(wanted.toLowerCase())) return wanted;
  for (let n = 2; ; n++) {
    const candidate = `${wanted}-${n}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

async function freeName(db: Executor, partnershipId: string, wanted: string): Promise<string> {
  const taken = new Set((await repo.templateNames(db, partnershipId)).map((x) => x.toLowerCase()));
  const base = wanted.slice(0, 180);
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 1; ; n++) {
    const candidate = `${base} (imported${n > 1 ? ` ${n}` : ''})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
