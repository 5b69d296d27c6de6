import { sql } from 'kysely';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { todayInLondon } from '../../domain/calendar-date.ts';
import { dueReminder, reminderSettings } from '../../domain/deadline-reminder.ts';
import type { MailService } from '../mail/mail-service.ts';
import type { ReturnService } from '../returns/return-service.ts';
import { deadlineReminderEmail } from './involvement-emails.ts';

type Outstanding = {
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

/**
 * Returns deadline reminders to each invited agency's audit lead while returns are open and the
 * agency has returns not yet submitted (or cases whose involvement it has not recorded): before the
 * deadline and, once overdue, every so many days (the partnership's settings). A `reminder_sent`
 * row with a unique key is written in the e-mails' transaction, so two instances running the job at
 * once, or the job run twice, send each reminder once.
 */
export function createDeadlineReminders(
  db: Db,
  config: Config,
  mail: MailService,
  returns: Pick<ReturnService, 'leadAddresses'>,
) {
  async function outstanding(): Promise<Outstanding[]> {
    const result = await sql<Outstanding>`
      SELECT a.id AS audit_id, a.partnership_id, a.title, a.reference, p.settings AS partnership_settings,
             to_char(m.due_on, 'YYYY-MM-DD') AS deadline, g.id AS agency_id, g.name AS agency_name,
             (SELECT count(*) FROM agency_return r JOIN audit_case c ON c.id = r.case_id
               WHERE c.audit_id = a.id AND r.agency_id = g.id AND r.status IN ('not_started', 'in_progress', 'returned'))::int AS outstanding,
             (SELECT count(*) FROM audit_case c
               WHERE c.audit_id = a.id AND NOT EXISTS (SELECT 1 FROM involvement i WHERE i.case_id = c.id AND i.agency_id = g.id))::int AS awaiting
      FROM audit a
      JOIN partnership p ON p.id = a.partnership_id
      JOIN audit_milestone m ON m.audit_id = a.id AND m.kind = 'returns_deadline' AND m.due_on IS NOT NULL AND m.done_on IS NULL
      JOIN audit_agency aa ON aa.audit_id = a.id
      JOIN agency g ON g.id = aa.agency_id
      WHERE a.status = 'returns_open'`.execute(db);
    return result.rows.filter((r) => r.outstanding > 0 || r.awaiting > 0);
  }

  return {
    /** Sends what is due today; answers how many reminders (agency and period) were sent. */
    async send(today = todayInLondon()): Promise<number> {
      let sent = 0;
      for (const row of await outstanding()) {
        const due = dueReminder(row.deadline, today, reminderSettings(row.partnership_settings.returnsReminders));
        if (!due) continue;
        const claimed = await db.transaction().execute(async (trx) => {
          // An agency with no audit lead yet is not marked as reminded: its lead hears once named.
          const addresses = await returns.leadAddresses(trx, row.audit_id, row.agency_id);
          if (addresses.length === 0) return false;
          const claim = await trx
            .insertInto('reminder_sent')
            .values({ audit_id: row.audit_id, agency_id: row.agency_id, kind: due.kind, period_key: due.periodKey })
            .onConflict((oc) => oc.doNothing())
            .returning('id')
            .executeTakeFirst();
          if (!claim) return false;
          const link =
            row.outstanding > 0
              ? `${config.baseUrl}/my-returns`
              : `${config.baseUrl}/audits/${row.audit_id}/involvement/${row.agency_id}`;
          const email = deadlineReminderEmail({
            auditTitle: row.title,
            auditReference: row.reference,
            agencyName: row.agency_name,
            deadline: row.deadline,
            overdue: due.kind === 'overdue',
            outstanding: row.outstanding,
            awaitingInvolvement: row.awaiting,
            link,
          });
          for (const to of addresses) await mail.queue(trx, { partnershipId: row.partnership_id, to, email });
          return true;
        });
        if (claimed) sent++;
      }
      return sent;
    },
  };
}

export type DeadlineReminders = ReturnType<typeof createDeadlineReminders>;
