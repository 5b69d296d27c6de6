import type { Config } from '../../config.ts';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import { todayInLondon } from '../../domain/calendar-date.ts';
import { dueReminder, reminderSettings } from '../../domain/deadline-reminder.ts';
import type { MailService } from '../mail/mail-service.ts';
import type { ReturnService } from '../returns/return-service.ts';
import { deadlineReminderEmail } from './involvement-emails.ts';
import { claimReminder, outstandingAgencies } from './reminder-repository.ts';

/**
 * Returns deadline reminders to each invited agency's audit lead while returns are open and the
 * agency has returns not yet submitted (or cases whose involvement it has not recorded): before the
 * deadline and, once overdue, every so many days (the partnership's settings). A `reminder_sent`
 * row with a unique key is written in the e-mails' transaction, so two instances running the job at
 * once, or the job run twice, send each reminder once.
 */
export function createDeadlineReminders(
  db: Executor,
  config: Config,
  mail: MailService,
  returns: Pick<ReturnService, 'leadAddresses'>,
) {
  async function outstanding() {
    return (await outstandingAgencies(db)).filter((r) => r.outstanding > 0 || r.awaiting > 0);
  }

  return {
    /** Sends what is due today; answers how many reminders (agency and period) were sent. */
    send: async (today = todayInLondon()): Promise<number> => {
      let sent = 0;
      for (const row of await outstanding()) {
        const due = dueReminder(row.deadline, today, reminderSettings(row.partnership_settings.returnsReminders));
        if (!due) continue;
        const claimed = await inTransaction(db, async (trx) => {
          // An agency with no audit lead yet is not marked as reminded: its lead hears once named.
          const addresses = await returns.leadAddresses(trx, row.audit_id, row.agency_id);
          if (addresses.length === 0) return false;
          const claim = { auditId: row.audit_id, agencyId: row.agency_id, kind: due.kind, periodKey: due.periodKey };
          if (!(await claimReminder(trx, claim))) return false;
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
