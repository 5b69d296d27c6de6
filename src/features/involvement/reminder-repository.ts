import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

export type Outstanding = {
  audit_id: string;
  partnership_id: string;
  title: string;
  reference: string;
  partnership_settings: Record<string, unknown>;
  deadline: string;
  agency_id: string;
  agency_name: string;
  outstanding: number;
  awaiting: number;
};

/** SQL for the invited agencies of audits open for returns, with what each has still to do. */
export async function outstandingAgencies(db: Db): Promise<Outstanding[]> {
  const result = await sql<Outstanding>`
    SELECT a.id AS audit_id, a.partnership_id, a.title, a.reference, p.settings AS partnership_settings,
           to_char(m.due_on, 'YYYY-MM-DD') AS deadline, g.id AS agency_id, g.name AS agency_name,
           (SELECT count(*) FROM agency_return r JOIN audit_case c ON c.id = r.case_id
             WHERE c.audit_id = a.id AND r.agency_id = g.id
               AND r.status IN ('not_started', 'in_progress', 'returned')
               -- A return the coordinator has recorded will not come is not chased.
               AND NOT EXISTS (SELECT 1 FROM return_waiver w
                 WHERE w.case_id = r.case_id AND w.agency_id = r.agency_id))::int AS outstanding,
           (SELECT count(*) FROM audit_case c
             WHERE c.audit_id = a.id
               AND NOT EXISTS (SELECT 1 FROM involvement i WHERE i.case_id = c.id AND i.agency_id = g.id))::int
             AS awaiting
    FROM audit a
    JOIN partnership p ON p.id = a.partnership_id
    JOIN audit_milestone m ON m.audit_id = a.id AND m.kind = 'returns_deadline'
     AND m.due_on IS NOT NULL AND m.done_on IS NULL
    JOIN audit_agency aa ON aa.audit_id = a.id
    JOIN agency g ON g.id = aa.agency_id
    WHERE a.status = 'returns_open'`.execute(db);
  return result.rows;
}

/** Claims one reminder (agency and period); answers false when it was already sent. */
export async function claimReminder(
  db: Db,
  claim: { auditId: string; agencyId: string; kind: 'overdue' | 'before_deadline'; periodKey: string },
): Promise<boolean> {
  const row = await db
    .insertInto('reminder_sent')
    .values({ audit_id: claim.auditId, agency_id: claim.agencyId, kind: claim.kind, period_key: claim.periodKey })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
