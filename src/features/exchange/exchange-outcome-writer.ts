import type { ExchangeDocument } from './exchange-document.ts';
import type { WriteContext } from './exchange-write-context.ts';
import { insertRows } from './exchange-write-repository.ts';
import * as repo from './exchange-write-repository.ts';

/** Writes the meeting and what it agreed: findings, recommendations and actions, with their links. */
export async function writeOutcomes(ctx: WriteContext, doc: ExchangeDocument): Promise<void> {
  const { trx, id, auditId, A, An, userId, counts, inOrder, caseId, pointId, saId, themes } = ctx;
  ctx.progress('Findings, recommendations and actions');
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
          confirmed_by: t.confirmed ? (userId ?? ctx.fallbackLead) : null,
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
        // A file from before kinds were recorded says only whether assurance was asked for.
        kind: rec.kind !== undefined ? rec.kind : rec.assuranceRequest ? 'assurance' : null,
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
        lead_user_id: ctx.personId(x.lead) ?? ctx.fallbackLead!,
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
}
