import type { ExchangeCase, Person } from './exchange-document.ts';
import { byText, iso, isoOrNull, type ExportRows } from './exchange-export-rows.ts';

/**
 * The file's cases: each keyed in order ("C1"), with its children, household, chronology,
 * discussion points and returns keyed under it, and the keys given back for the rest of the file.
 */
export function exportCases(
  rows: ExportRows,
  keys: {
    A: (agencyId: string) => string;
    T: (versionId: string) => string;
    agencyName: Map<string, string>;
    person: (userId: string | null) => Person | null;
  },
) {
  const { cases, children, members, involvement, returns, entries, points, concerns } = rows;
  const { sections, answers, saActions, events } = rows;
  const { A, T, agencyName, person } = keys;
  const childKey = new Map<string, string>();
  const memberKey = new Map<string, string>();
  const entryKey = new Map<string, string>();
  const pointKey = new Map<string, string>();
  const caseKey = new Map<string, string>();
  const saKey = new Map<string, string>();
  const exportedCases: ExchangeCase[] = cases.map((c, ci) => {
    const key = `C${ci + 1}`;
    caseKey.set(c.id, key);
    const kids = children.filter((k) => k.case_id === c.id);
    kids.forEach((k, i) => childKey.set(k.id, `${key}-K${i + 1}`));
    const mems = members.filter((m) => m.case_id === c.id);
    mems.forEach((m, i) => memberKey.set(m.id, `${key}-M${i + 1}`));
    const caseEntries = entries
      .filter((e) => e.case_id === c.id)
      .sort(
        (a, b) =>
          byText(a.date_from, b.date_from) ||
          byText(a.date_to, b.date_to) ||
          byText(agencyName.get(a.agency_id) ?? '', agencyName.get(b.agency_id) ?? '') ||
          byText(a.category, b.category) ||
          byText(a.event, b.event) ||
          byText(a.fingerprint, b.fingerprint),
      );
    caseEntries.forEach((e, i) => entryKey.set(e.id, `${key}-E${i + 1}`));
    const casePoints = points.filter((p) => p.case_id === c.id);
    casePoints.forEach((p, i) => pointKey.set(p.id, `${key}-P${i + 1}`));
    const agencyOrder = (id: string) => Number(A(id).slice(1));
    const caseReturns = returns
      .filter((r) => r.case_id === c.id)
      .sort((a, b) => agencyOrder(a.agency_id) - agencyOrder(b.agency_id));
    return {
      key,
      reference: c.reference,
      position: c.position,
      selectionReason: c.selection_reason,
      selectedBy: c.selected_by,
      sourceAgency: c.source_agency_id ? A(c.source_agency_id) : null,
      criteria: c.criteria,
      children: kids.map((k) => ({
        key: childKey.get(k.id)!,
        pseudonym: k.pseudonym,
        position: k.position,
        ageYears: k.age_years,
        ageBand: k.age_band,
        unborn: k.unborn,
        expectedMonth: k.expected_month,
        sex: k.sex,
        ethnicity: k.ethnicity,
        senDisability: k.sen_disability,
        legalStatus: k.legal_status,
        cpCategory: k.cp_category,
      })),
      household: mems.map((m) => ({
        key: memberKey.get(m.id)!,
        role: m.role,
        description: m.description,
        inHousehold: m.in_household,
        posesRisk: m.poses_risk,
        position: m.position,
      })),
      involvement: involvement
        .filter((i) => i.case_id === c.id)
        .sort((a, b) => agencyOrder(a.agency_id) - agencyOrder(b.agency_id))
        .map((i) => ({ agency: A(i.agency_id), status: i.status, reason: i.reason, recordedAt: iso(i.recorded_at) })),
      returns: caseReturns.map((r, ri) => {
        const rkey = `${key}-R${ri + 1}`;
        const mine = saActions.filter((s) => s.return_id === r.id);
        mine.forEach((s, i) => saKey.set(s.id, `${rkey}-S${i + 1}`));
        return {
          key: rkey,
          agency: A(r.agency_id),
          status: r.status,
          auditor: person(r.auditor_user_id),
          auditorName: r.auditor_name,
          auditorRole: r.auditor_role,
          overallGrade: r.overall_grade,
          overallRationale: r.overall_rationale,
          leadComments: r.lead_comments,
          submittedAt: isoOrNull(r.submitted_at),
          signedOffAt: isoOrNull(r.signed_off_at),
          sections: sections
            .filter((s) => s.return_id === r.id)
            .map((s) => ({
              template: T(s.template_version_id),
              sectionKey: s.section_key,
              status: s.status,
              workedWell: s.worked_well,
              areasForDevelopment: s.areas_for_development,
            }))
            .sort((a, b) => byText(a.template, b.template) || byText(a.sectionKey, b.sectionKey)),
          answers: answers
            .filter((a) => a.return_id === r.id)
            .map((a) => ({
              template: T(a.template_version_id),
              questionKey: a.question_key,
              answer: a.answer,
              evidence: a.evidence,
            }))
            .sort((a, b) => byText(a.template, b.template) || byText(a.questionKey, b.questionKey)),
          singleAgencyActions: mine.map((s) => ({
            key: saKey.get(s.id)!,
            action: s.action,
            owner: s.owner,
            dueOn: s.due_on,
            position: s.position,
          })),
          events: events
            .filter((e) => e.return_id === r.id)
            .map((e) => ({
              event: e.event,
              from: e.from_status,
              to: e.to_status,
              comment: e.comment,
              at: iso(e.created_at),
            })),
        };
      }),
      chronology: caseEntries.map((e) => ({
        key: entryKey.get(e.id)!,
        agency: A(e.agency_id),
        dateFrom: e.date_from,
        dateTo: e.date_to,
        precision: e.precision,
        event: e.event,
        source: e.source,
        category: e.category,
        impact: e.impact,
        actionTaken: e.action_taken,
        significant: e.significant,
      })),
      discussionPoints: casePoints.map((p) => ({
        key: pointKey.get(p.id)!,
        pointKey: p.point_key,
        rule: p.rule,
        question: p.question,
        entries: p.entry_ids.flatMap((id) => (entryKey.has(id) ? [entryKey.get(id)!] : [])),
        status: p.status,
        reason: p.reason,
        decidedAt: isoOrNull(p.decided_at),
      })),
      immediateConcerns: concerns
        .filter((k) => k.case_id === c.id)
        .map((k) => ({
          agency: A(k.agency_id),
          child: k.child_id ? (childKey.get(k.child_id) ?? null) : null,
          whatFound: k.what_found,
          toldWhom: k.told_whom,
          toldAt: iso(k.told_at),
          outcome: k.outcome,
          outcomeRecordedAt: isoOrNull(k.outcome_recorded_at),
        })),
    };
  });

  return { cases: exportedCases, caseKey, childKey, memberKey, pointKey, saKey };
}
