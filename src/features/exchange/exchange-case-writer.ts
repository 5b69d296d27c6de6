import { fingerprint } from '../chronology/chronology-repository.ts';
import type { ExchangeDocument } from './exchange-document.ts';
import type { WriteContext } from './exchange-write-context.ts';
import { insertRows } from './exchange-write-repository.ts';

/** Writes the file's cases and everything in them: children, household, involvement, returns, chronology. */
export async function writeCases(ctx: WriteContext, doc: ExchangeDocument): Promise<void> {
  const { trx, id, auditId, A, An, T, userId, counts, inOrder, caseId, childId, memberId, pointId, saId } = ctx;
  for (const [ci, c] of doc.cases.entries()) {
    ctx.progress(`Case ${ci + 1} of ${doc.cases.length}`);
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
          auditor_user_id: ctx.personId(ret.auditor),
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
}
