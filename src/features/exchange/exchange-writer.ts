import crypto from 'node:crypto';
import type { Executor } from '../../db/transaction.ts';
import { encrypt } from '../../domain/encryption.ts';
import { isAgencyType } from '../../domain/roles.ts';
import { fingerprint } from '../chronology/chronology-repository.ts';
import type { ExchangeDocument } from './exchange-document.ts';
import type { ImportCounts, ImportOptions, ImportResult } from './exchange-import-types.ts';
import { canonicalJson, documentHash, sha256 } from './exchange-schema.ts';
import * as repo from './exchange-write-repository.ts';
import { insertRows } from './exchange-write-repository.ts';

/**
 * Writes a checked exchange document as a new audit, inside the caller's transaction: agencies
 * created when asked, template versions matched by content hash or created, learning themes by
 * code, then the audit and everything in it, with new ids throughout. The caller has already
 * checked the document, matched its agencies and people, and refused duplicates; it writes the
 * audit-log rows from what this returns, in the same transaction.
 */
export type Resolved = {
  byKey: Map<string, string>;
  toCreate: ExchangeDocument['agencies'];
  personId: (p: { email: string | null } | null) => string | null;
  fallbackLead: string | null;
  progress: (step: string) => void;
  /** Adds the audit tools every partnership starts with, so an imported tool can match one. */
  ensureShippedTemplates: (trx: Executor, partnershipId: string) => Promise<void>;
};

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
  for (const [ci, c] of doc.cases.entries()) {
    r.progress(`Case ${ci + 1} of ${doc.cases.length}`);
    const cid = id();
    caseId.set(c.key, cid);
    counts.cases++;
    await insertRows(trx, 'audit_case', [
      {
        id: cid,
        audit_id: auditId,
        reference: c.reference,
        position: c.position,
        selection_reason: c.selectionReason,
        selected_by: c.selectedBy,
        source_agency_id: An(c.sourceAgency),
        criteria: c.criteria,
        created_by: userId,
      },
    ]);
    for (const k of c.children) childId.set(k.key, id());
    if (c.children.length) {
      await insertRows(
        trx,
        'case_child',
        c.children.map((k) => ({
          id: childId.get(k.key)!,
          case_id: cid,
          pseudonym: k.pseudonym,
          position: k.position,
          age_years: k.ageYears,
          age_band: k.ageBand,
          unborn: k.unborn,
          expected_month: k.expectedMonth,
          sex: k.sex,
          ethnicity: k.ethnicity,
          sen_disability: k.senDisability,
          legal_status: k.legalStatus as never,
          cp_category: k.cpCategory,
        })),
      );
      counts.children += c.children.length;
    }
    for (const m of c.household) memberId.set(m.key, id());
    if (c.household.length)
      await insertRows(
        trx,
        'household_member',
        c.household.map((m) => ({
          id: memberId.get(m.key)!,
          case_id: cid,
          role: m.role,
          description: m.description,
          in_household: m.inHousehold,
          poses_risk: m.posesRisk,
          position: m.position,
          created_at: inOrder(),
        })),
      );
    if (c.involvement.length)
      await insertRows(
        trx,
        'involvement',
        c.involvement.map((v) => ({
          case_id: cid,
          agency_id: A(v.agency),
          status: v.status as never,
          reason: v.reason,
          recorded_at: v.recordedAt,
          recorded_by: userId,
        })),
      );
    for (const ret of c.returns) {
      const rid = id();
      counts.returns++;
      await insertRows(trx, 'agency_return', [
        {
          id: rid,
          case_id: cid,
          agency_id: A(ret.agency),
          status: ret.status as never,
          auditor_user_id: r.personId(ret.auditor),
          auditor_name: ret.auditorName,
          auditor_role: ret.auditorRole,
          overall_grade: ret.overallGrade,
          overall_rationale: ret.overallRationale,
          lead_comments: ret.leadComments,
          submitted_at: ret.submittedAt,
          signed_off_at: ret.signedOffAt,
        },
      ]);
      if (ret.sections.length)
        await insertRows(
          trx,
          'return_section',
          ret.sections.map((s) => ({
            return_id: rid,
            template_version_id: T(s.template),
            section_key: s.sectionKey,
            status: s.status as never,
            worked_well: s.workedWell,
            areas_for_development: s.areasForDevelopment,
            updated_by: userId,
          })),
        );
      if (ret.answers.length)
        await insertRows(
          trx,
          'return_answer',
          ret.answers.map((x) => ({
            return_id: rid,
            template_version_id: T(x.template),
            question_key: x.questionKey,
            answer: x.answer,
            evidence: x.evidence,
            updated_by: userId,
          })),
        );
      for (const s of ret.singleAgencyActions) saId.set(s.key, id());
      if (ret.singleAgencyActions.length)
        await insertRows(
          trx,
          'single_agency_action',
          ret.singleAgencyActions.map((s) => ({
            id: saId.get(s.key)!,
            return_id: rid,
            action: s.action,
            owner: s.owner,
            due_on: s.dueOn,
            position: s.position,
            created_at: inOrder(),
            created_by: userId,
          })),
        );
      if (ret.events.length)
        await insertRows(
          trx,
          'return_event',
          ret.events.map((e) => ({
            return_id: rid,
            event: e.event,
            from_status: e.from,
            to_status: e.to,
            comment: e.comment,
            created_at: e.at,
            created_by: userId,
          })),
        );
    }
    const entryId = new Map<string, string>();
    const rows = c.chronology.map((e) => {
      const eid = id();
      entryId.set(e.key, eid);
      return {
        id: eid,
        case_id: cid,
        agency_id: A(e.agency),
        date_from: e.dateFrom,
        date_to: e.dateTo,
        precision: e.precision,
        event: e.event,
        source: e.source,
        category: e.category,
        impact: e.impact,
        action_taken: e.actionTaken,
        significant: e.significant,
        fingerprint: fingerprint({ from: e.dateFrom, to: e.dateTo, category: e.category as never, event: e.event }),
        created_by: userId,
      };
    });
    for (let i = 0; i < rows.length; i += 1000) await insertRows(trx, 'chronology_entry', rows.slice(i, i + 1000));
    counts.chronologyEntries += rows.length;
    for (const p of c.discussionPoints) pointId.set(p.key, id());
    if (c.discussionPoints.length) {
      await insertRows(
        trx,
        'discussion_point',
        c.discussionPoints.map((p) => ({
          id: pointId.get(p.key)!,
          case_id: cid,
          point_key: p.pointKey,
          rule: p.rule,
          question: p.question,
          entry_ids: p.entries.map((e) => entryId.get(e)!),
          status: p.status as never,
          reason: p.reason,
          decided_at: p.decidedAt,
          decided_by: p.decidedAt ? userId : null,
        })),
      );
    }
    if (c.immediateConcerns.length) {
      await insertRows(
        trx,
        'immediate_concern',
        c.immediateConcerns.map((k) => ({
          audit_id: auditId,
          case_id: cid,
          agency_id: A(k.agency),
          child_id: k.child ? childId.get(k.child)! : null,
          what_found: k.whatFound,
          told_whom: k.toldWhom,
          told_at: k.toldAt,
          outcome: k.outcome,
          outcome_recorded_at: k.outcomeRecordedAt,
          outcome_recorded_by: k.outcomeRecordedAt ? userId : null,
          created_at: inOrder(),
          created_by: userId,
        })),
      );
    }
  }

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
  r.progress('Findings, recommendations and actions');
  if (doc.meeting) {
    const meetingId = id();
    await insertRows(trx, 'meeting', [
      { id: meetingId, audit_id: auditId, held_on: doc.meeting.heldOn, notes: doc.meeting.notes },
    ]);
    if (doc.meeting.attendees.length)
      await insertRows(
        trx,
        'meeting_attendee',
        doc.meeting.attendees.map((x) => ({
          meeting_id: meetingId,
          name: x.name,
          agency_id: An(x.agency),
          role: x.role,
          apologies: x.apologies,
          created_at: inOrder(),
        })),
      );
  }
  const findingId = new Map<string, string>();
  for (const f of doc.findings) {
    const fid = id();
    findingId.set(f.key, fid);
    counts.findings++;
    await insertRows(trx, 'finding', [
      {
        id: fid,
        audit_id: auditId,
        kind: f.kind,
        across_cases: f.acrossCases,
        text: f.text,
        domain: f.domain,
        discussion_point_id: f.discussionPoint ? pointId.get(f.discussionPoint)! : null,
        created_at: f.createdAt,
        created_by: userId,
      },
    ]);
    if (f.cases.length)
      await insertRows(
        trx,
        'finding_case',
        [...new Set(f.cases)].map((c) => ({ finding_id: fid, case_id: caseId.get(c)! })),
      );
    if (f.agencies.length)
      await insertRows(
        trx,
        'finding_agency',
        [...new Set(f.agencies.map(A))].map((g) => ({ finding_id: fid, agency_id: g })),
      );
    if (f.themes.length)
      await repo.insertFindingThemes(
        trx,
        f.themes.map((t) => ({
          finding_id: fid,
          theme_id: themes.get(t.theme)!,
          suggested: t.suggested,
          confirmed_by: t.confirmed ? (userId ?? r.fallbackLead) : null,
        })),
      );
  }
  const recommendationId = new Map<string, string>();
  for (const rec of doc.recommendations) {
    const rid = id();
    recommendationId.set(rec.key, rid);
    counts.recommendations++;
    await insertRows(trx, 'recommendation', [
      {
        id: rid,
        audit_id: auditId,
        text: rec.text,
        addressed_to: rec.addressedTo,
        assurance_request: rec.assuranceRequest,
        created_at: rec.createdAt,
        created_by: userId,
      },
    ]);
    if (rec.agencies.length)
      await insertRows(
        trx,
        'recommendation_agency',
        [...new Set(rec.agencies.map(A))].map((g) => ({ recommendation_id: rid, agency_id: g })),
      );
    if (rec.findings.length)
      await insertRows(
        trx,
        'recommendation_finding',
        [...new Set(rec.findings)].map((f) => ({ recommendation_id: rid, finding_id: findingId.get(f)! })),
      );
  }
  for (const x of doc.actions) {
    const aid = id();
    counts.actions++;
    await insertRows(trx, 'action', [
      {
        id: aid,
        audit_id: auditId,
        recommendation_id: x.recommendation ? recommendationId.get(x.recommendation)! : null,
        single_agency_action_id: x.singleAgencyAction ? saId.get(x.singleAgencyAction)! : null,
        text: x.text,
        agency_id: A(x.agency),
        lead_user_id: r.personId(x.lead) ?? r.fallbackLead!,
        start_on: x.startOn,
        due_on: x.dueOn,
        status: x.status,
        evidence_completion: x.evidenceCompletion,
        evidence_impact: x.evidenceImpact,
        reaudit_on: x.reauditOn,
        created_at: x.createdAt,
        created_by: userId,
      },
    ]);
    if (x.updates.length)
      await insertRows(
        trx,
        'action_update',
        x.updates.map((u) => ({
          action_id: aid,
          on_date: u.on,
          text: u.text,
          status: u.status,
          created_at: u.at,
          created_by: userId,
        })),
      );
  }

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
