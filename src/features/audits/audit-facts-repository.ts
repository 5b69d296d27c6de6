import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.ts';
import type { AuditFacts } from '../../domain/audit-lifecycle.ts';

/**
 * What the lifecycle guards and the audit page's task list need to know about an audit, counted in
 * one SQL statement. Later features (actions) extend this one function as their tables arrive.
 */
export type AuditProgressFacts = AuditFacts & {
  /** Audit tools chosen for the returns. */
  toolCount: number;
  /** Case-and-agency cells with involvement recorded, and still awaited. */
  involvementRecorded: number;
  involvementAwaiting: number;
  /** The discussion meeting has a date recorded. */
  meetingHeld: boolean;
  findingCount: number;
  recommendationCount: number;
  actionCount: number;
  briefingCount: number;
  publishedBriefingCount: number;
  /** Cases agencies are involved in (one per case and agency), and those with an auditor assigned. */
  involvedCells: number;
  involvedCellsWithAuditor: number;
  /** Expected returns (involved cells) neither received nor recorded as not coming; and those recorded so. */
  returnsOutstanding: number;
  returnsWaived: number;
};

type Row = {
  case_count: number;
  invited_agency_count: number;
  agencies_without_lead: number;
  has_returns_deadline: boolean;
  unresolved_concerns: number;
  returns_received: number;
  tool_count: number;
  involvement_recorded: number;
  returns_outstanding: number;
  returns_waived: number;
  open_actions: number;
  meeting_held: boolean;
  finding_count: number;
  recommendation_count: number;
  action_count: number;
  briefing_count: number;
  published_briefing_count: number;
  involved_cells: number;
  involved_cells_with_auditor: number;
};

export async function auditFacts(db: Executor, auditId: string): Promise<AuditProgressFacts> {
  const result = await sql<Row>`
    SELECT
      (SELECT count(*) FROM audit_case c WHERE c.audit_id = a.id)::int AS case_count,
      (SELECT count(*) FROM audit_agency g WHERE g.audit_id = a.id)::int AS invited_agency_count,
      (SELECT count(*) FROM audit_agency g
        WHERE g.audit_id = a.id AND g.lead_user_id IS NULL)::int AS agencies_without_lead,
      EXISTS (SELECT 1 FROM audit_milestone m
        WHERE m.audit_id = a.id AND m.kind = 'returns_deadline' AND m.due_on IS NOT NULL) AS has_returns_deadline,
      (SELECT count(*) FROM immediate_concern ic
        WHERE ic.audit_id = a.id AND ic.outcome_recorded_at IS NULL)::int AS unresolved_concerns,
      (SELECT count(*) FROM agency_return r JOIN audit_case c ON c.id = r.case_id
        WHERE c.audit_id = a.id AND r.status IN ('submitted', 'signed_off'))::int AS returns_received,
      (SELECT count(*) FROM audit_tool t WHERE t.audit_id = a.id)::int AS tool_count,
      (SELECT count(*) FROM action x WHERE x.audit_id = a.id AND x.status <> 'complete')::int AS open_actions,
      EXISTS (SELECT 1 FROM meeting mt WHERE mt.audit_id = a.id AND mt.held_on IS NOT NULL) AS meeting_held,
      (SELECT count(*) FROM finding f WHERE f.audit_id = a.id)::int AS finding_count,
      (SELECT count(*) FROM recommendation rc WHERE rc.audit_id = a.id)::int AS recommendation_count,
      (SELECT count(*) FROM action x WHERE x.audit_id = a.id)::int AS action_count,
      (SELECT count(*) FROM briefing b WHERE b.audit_id = a.id)::int AS briefing_count,
      (SELECT count(*) FROM briefing b
        WHERE b.audit_id = a.id AND b.published_version IS NOT NULL)::int AS published_briefing_count,
      (SELECT count(*) FROM involvement i JOIN audit_case c ON c.id = i.case_id
        JOIN audit_agency g ON g.audit_id = c.audit_id AND g.agency_id = i.agency_id
        WHERE c.audit_id = a.id)::int AS involvement_recorded,
      (SELECT count(*) FROM involvement i JOIN audit_case c ON c.id = i.case_id
        WHERE c.audit_id = a.id AND i.status = 'involved')::int AS involved_cells,
      (SELECT count(*) FROM involvement i JOIN audit_case c ON c.id = i.case_id
        WHERE c.audit_id = a.id AND i.status = 'involved'
          AND EXISTS (SELECT 1 FROM case_assignment s
            WHERE s.case_id = i.case_id AND s.agency_id = i.agency_id))::int AS involved_cells_with_auditor,
      (SELECT count(*) FROM involvement i JOIN audit_case c ON c.id = i.case_id
        WHERE c.audit_id = a.id AND i.status = 'involved'
          AND NOT EXISTS (SELECT 1 FROM agency_return r WHERE r.case_id = i.case_id AND r.agency_id = i.agency_id
            AND r.status IN ('submitted', 'signed_off'))
          AND NOT EXISTS (SELECT 1 FROM return_waiver w
            WHERE w.case_id = i.case_id AND w.agency_id = i.agency_id))::int AS returns_outstanding,
      (SELECT count(*) FROM return_waiver w JOIN audit_case c ON c.id = w.case_id
        WHERE c.audit_id = a.id
          AND NOT EXISTS (SELECT 1 FROM agency_return r WHERE r.case_id = w.case_id AND r.agency_id = w.agency_id
            AND r.status IN ('submitted', 'signed_off')))::int AS returns_waived
    FROM audit a
    WHERE a.id = ${auditId}
  `.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error('auditFacts: no such audit');
  const cells = row.case_count * row.invited_agency_count;
  return {
    caseCount: row.case_count,
    invitedAgencyCount: row.invited_agency_count,
    agenciesWithoutLead: row.agencies_without_lead,
    hasReturnsDeadline: row.has_returns_deadline,
    unresolvedConcerns: row.unresolved_concerns,
    openActions: row.open_actions,
    returnsReceived: row.returns_received,
    toolCount: row.tool_count,
    involvementRecorded: row.involvement_recorded,
    involvementAwaiting: Math.max(0, cells - row.involvement_recorded),
    meetingHeld: row.meeting_held,
    findingCount: row.finding_count,
    recommendationCount: row.recommendation_count,
    actionCount: row.action_count,
    briefingCount: row.briefing_count,
    publishedBriefingCount: row.published_briefing_count,
    involvedCells: row.involved_cells,
    involvedCellsWithAuditor: row.involved_cells_with_auditor,
    returnsOutstanding: row.returns_outstanding,
    returnsWaived: row.returns_waived,
  };
}

/** The expected returns not yet in and not recorded as not coming: what a stage move leaves behind. */
export async function outstandingReturns(db: Executor, auditId: string) {
  const result = await sql<{ case_reference: string; agency_name: string; status: string | null }>`
    SELECT c.reference AS case_reference, g.name AS agency_name, r.status
    FROM involvement i
    JOIN audit_case c ON c.id = i.case_id
    JOIN agency g ON g.id = i.agency_id
    LEFT JOIN agency_return r ON r.case_id = i.case_id AND r.agency_id = i.agency_id
    WHERE c.audit_id = ${auditId} AND i.status = 'involved'
      AND (r.status IS NULL OR r.status NOT IN ('submitted', 'signed_off'))
      AND NOT EXISTS (SELECT 1 FROM return_waiver w WHERE w.case_id = i.case_id AND w.agency_id = i.agency_id)
    ORDER BY c.reference, g.name
  `.execute(db);
  return result.rows;
}
