import {
  EXCHANGE_FORMAT,
  EXCHANGE_SCHEMA_VERSION,
  type ExchangeDocument,
  type ExchangeIdentities,
  type Person,
} from './exchange-document.ts';
import { exportCases } from './exchange-export-cases.ts';
import { ExchangeNotWritable } from './exchange-screen.ts';
import { byText, iso, type ExportLookups, type ExportRows, type StoredIdentities } from './exchange-export-rows.ts';
import { canonicalJson, schemaProblems, sha256 } from './exchange-schema.ts';

/**
 * Builds an audit's exchange document from the rows the export repository read, then checks it
 * against the published schema before anyone sees it. Who may ask, the reading and the audit log are
 * the service's business; identifying details are among the rows only when `withIdentities` is set.
 */
export const IDENTITIES_WARNING =
  'IDENTIFYING DETAILS. This block names children and adults. ' +
  'Keep and send the file as personal data, and delete it when it has been imported.';

/** Which agencies, people, template versions and learning themes the rows refer to. */
export function referencedIds(rows: ExportRows) {
  const { invited, cases, involvement, returns, entries, concerns, attendees, findingAgencies, recAgencies } = rows;
  const { actions, identities, tools, sections, answers, findingThemes } = rows;
  const agencyIds = new Set<string>([
    ...invited.map((i) => i.agency_id),
    ...cases.flatMap((c) => (c.source_agency_id ? [c.source_agency_id] : [])),
    ...involvement.map((i) => i.agency_id),
    ...returns.map((r) => r.agency_id),
    ...entries.map((e) => e.agency_id),
    ...concerns.map((c) => c.agency_id),
    ...attendees.flatMap((a) => (a.agency_id ? [a.agency_id] : [])),
    ...findingAgencies.map((f) => f.agency_id),
    ...recAgencies.map((r) => r.agency_id),
    ...actions.map((a) => a.agency_id),
    ...[...identities.values()].flatMap((s) =>
      s.identity.records.flatMap((r: { agencyId: string | null }) => (r.agencyId ? [r.agencyId] : [])),
    ),
  ]);
  const userIds = new Set<string>([
    ...invited.flatMap((i) => (i.lead_user_id ? [i.lead_user_id] : [])),
    ...returns.flatMap((r) => (r.auditor_user_id ? [r.auditor_user_id] : [])),
    ...actions.map((a) => a.lead_user_id),
  ]);
  const versionIds = [
    ...new Set([
      ...tools.map((t) => t.template_version_id),
      ...sections.map((s) => s.template_version_id),
      ...answers.map((a) => a.template_version_id),
    ]),
  ];
  const themeIds = [...new Set(findingThemes.map((f) => f.theme_id))];
  return { agencyIds: [...agencyIds], userIds: [...userIds], versionIds, themeIds };
}

/** The document, checked against the published schema before anyone sees it. */
export function exchangeDocument(
  rows: ExportRows,
  lookups: ExportLookups,
  options: { withIdentities: boolean; now?: Date },
): ExchangeDocument {
  const { audit, milestones, history, invited, tools, cases, meeting, findings } = rows;
  const { recommendations, actions, attendees, findingCases, findingAgencies, findingThemes } = rows;
  const { recAgencies, recFindings, updates, identities } = rows;

  // Agencies: every one the audit mentions anywhere, keyed in name order.
  const agencyRows = [...lookups.agencies];
  agencyRows.sort(
    (a, b) => byText(a.name.toLowerCase(), b.name.toLowerCase()) || byText(a.type, b.type) || byText(a.id, b.id),
  );
  const agencyKey = new Map(agencyRows.map((a, i) => [a.id, `A${i + 1}`]));
  const agencyName = new Map(agencyRows.map((a) => [a.id, a.name]));
  const A = (id: string) => agencyKey.get(id)!;

  // People, by name and e-mail only.
  const people = new Map(lookups.people.map((u) => [u.id, { name: u.display_name, email: u.email } satisfies Person]));
  const person = (id: string | null) => (id ? (people.get(id) ?? null) : null);

  // Template versions: the audit's tools, and any version its returns were answered against.
  const versions = [...lookups.versions];
  const versionOrder = (id: string) => {
    const p = tools.findIndex((t) => t.template_version_id === id);
    return p === -1 ? tools.length : p;
  };
  versions.sort(
    (a, b) => versionOrder(a.id) - versionOrder(b.id) || byText(a.name, b.name) || a.version_number - b.version_number,
  );
  const templateKey = new Map(versions.map((v, i) => [v.id, `TV${i + 1}`]));
  const T = (id: string) => templateKey.get(id)!;

  // Learning themes the findings use, by code.
  const themes = lookups.themes;
  const themeKey = new Map(themes.map((t, i) => [t.id, `T${i + 1}`]));

  const {
    cases: exportedCases,
    caseKey,
    childKey,
    memberKey,
    pointKey,
    saKey,
  } = exportCases(rows, {
    A,
    T,
    agencyName,
    person,
  });

  const findingKey = new Map(findings.map((f, i) => [f.id, `F${i + 1}`]));
  const recommendationKey = new Map(recommendations.map((r, i) => [r.id, `RC${i + 1}`]));
  const sortKeys = (keys: string[]) =>
    keys.sort((a, b) =>
      byText(
        a.replace(/\d+/g, (n) => n.padStart(6, '0')),
        b.replace(/\d+/g, (n) => n.padStart(6, '0')),
      ),
    );

  const document: ExchangeDocument = {
    format: EXCHANGE_FORMAT,
    schemaVersion: EXCHANGE_SCHEMA_VERSION,
    exportedAt: (options.now ?? new Date()).toISOString(),
    source: { system: 'MACA', partnership: audit.partnership_name, auditId: audit.id, auditReference: audit.reference },
    containsIdentities: options.withIdentities,
    audit: {
      reference: audit.reference,
      title: audit.title,
      theme: audit.theme_label ?? audit.theme_text ?? null,
      linesOfEnquiry: audit.lines_of_enquiry,
      scope: {
        kind: audit.scope_kind,
        from: audit.scope_from,
        to: audit.scope_to,
        months: audit.scope_months,
        referenceDate: audit.scope_reference_date,
      },
      methodology: audit.methodology,
      status: audit.status,
      statusChangedAt: iso(audit.status_changed_at),
      jointPartnerships: audit.joint_partnerships,
      settings: audit.settings,
      tools: tools.map((t) => T(t.template_version_id)),
      milestones: milestones.map((m) => ({ kind: m.kind, label: m.label, dueOn: m.due_on, doneOn: m.done_on })),
      statusHistory: history.map((h) => ({
        from: h.from_status,
        to: h.to_status,
        reason: h.reason,
        at: iso(h.created_at),
      })),
    },
    agencies: agencyRows.map((a) => {
      const inv = invited.find((i) => i.agency_id === a.id);
      return {
        key: A(a.id),
        name: a.name,
        type: a.type,
        invited: !!inv,
        invitedAt: inv ? iso(inv.invited_at) : null,
        lead: inv ? person(inv.lead_user_id) : null,
      };
    }),
    templates: versions.map((v) => {
      const content = v.content;
      return {
        key: T(v.id),
        name: v.name,
        versionNumber: v.version_number,
        contentHash: sha256(canonicalJson(content)),
        content,
      };
    }),
    learningThemes: themes.map((t) => ({
      key: themeKey.get(t.id)!,
      code: t.code,
      label: t.label,
      description: t.description,
    })),
    cases: exportedCases,
    meeting: meeting
      ? {
          heldOn: meeting.held_on,
          notes: meeting.notes,
          attendees: attendees.map((a) => ({
            name: a.name,
            agency: a.agency_id ? A(a.agency_id) : null,
            role: a.role,
            apologies: a.apologies,
          })),
        }
      : null,
    findings: findings.map((f) => ({
      key: findingKey.get(f.id)!,
      kind: f.kind,
      acrossCases: f.across_cases,
      text: f.text,
      domain: f.domain,
      discussionPoint: f.discussion_point_id ? (pointKey.get(f.discussion_point_id) ?? null) : null,
      cases: sortKeys(findingCases.filter((x) => x.finding_id === f.id).map((x) => caseKey.get(x.case_id)!)),
      agencies: sortKeys(findingAgencies.filter((x) => x.finding_id === f.id).map((x) => A(x.agency_id))),
      themes: findingThemes
        .filter((x) => x.finding_id === f.id)
        .map((x) => ({ theme: themeKey.get(x.theme_id)!, suggested: x.suggested, confirmed: x.confirmed_by !== null }))
        .sort((a, b) => byText(a.theme, b.theme)),
      createdAt: iso(f.created_at),
    })),
    recommendations: recommendations.map((r) => ({
      key: recommendationKey.get(r.id)!,
      text: r.text,
      addressedTo: r.addressed_to,
      assuranceRequest: r.assurance_request,
      kind: r.kind,
      agencies: sortKeys(recAgencies.filter((x) => x.recommendation_id === r.id).map((x) => A(x.agency_id))),
      findings: sortKeys(
        recFindings.filter((x) => x.recommendation_id === r.id).map((x) => findingKey.get(x.finding_id)!),
      ),
      createdAt: iso(r.created_at),
    })),
    actions: actions.map((a, i) => ({
      key: `AC${i + 1}`,
      recommendation: a.recommendation_id ? (recommendationKey.get(a.recommendation_id) ?? null) : null,
      singleAgencyAction: a.single_agency_action_id ? (saKey.get(a.single_agency_action_id) ?? null) : null,
      text: a.text,
      agency: A(a.agency_id),
      lead: person(a.lead_user_id) ?? { name: 'Unknown', email: null },
      startOn: a.start_on,
      dueOn: a.due_on,
      status: a.status,
      evidenceCompletion: a.evidence_completion,
      evidenceImpact: a.evidence_impact,
      reauditOn: a.reaudit_on,
      updates: updates
        .filter((u) => u.action_id === a.id)
        .map((u) => ({ on: u.on_date, text: u.text, status: u.status, at: iso(u.created_at) })),
      createdAt: iso(a.created_at),
    })),
  };
  if (options.withIdentities)
    document.identities = identitiesBlock(
      cases.map((c) => c.id),
      identities,
      { caseKey, childKey, memberKey, agencyKey },
    );

  const problems = schemaProblems(document);
  if (problems.length) throw new ExchangeNotWritable(problems);
  return document;
}

function identitiesBlock(
  caseIds: string[],
  stored: StoredIdentities,
  keys: {
    caseKey: Map<string, string>;
    childKey: Map<string, string>;
    memberKey: Map<string, string>;
    agencyKey: Map<string, string>;
  },
): ExchangeIdentities {
  return {
    warning: IDENTITIES_WARNING,
    cases: caseIds.flatMap((id) => {
      const s = stored.get(id);
      if (!s) return [];
      const i = s.identity;
      return [
        {
          case: keys.caseKey.get(id)!,
          children: i.children.flatMap((c) =>
            keys.childKey.has(c.childId)
              ? [{ child: keys.childKey.get(c.childId)!, name: c.name, dateOfBirth: c.dateOfBirth || null }]
              : [],
          ),
          adults: i.adults.flatMap((a) =>
            keys.memberKey.has(a.memberId) ? [{ member: keys.memberKey.get(a.memberId)!, name: a.name }] : [],
          ),
          addresses: i.addresses,
          records: i.records.map((r) => ({
            agency: r.agencyId ? (keys.agencyKey.get(r.agencyId) ?? null) : null,
            label: r.label,
            value: r.value,
          })),
        },
      ];
    }),
  };
}
