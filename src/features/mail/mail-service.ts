import type { Executor } from '../../db/transaction.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import type { CurrentUser } from '../../web/request-context.ts';
import {
  claimForSending,
  findOutboxMessage,
  insertOutboxMessage,
  listOutbox,
  markOutcome,
  queuedOlderThan,
  type OutboxMessage,
} from './outbox-repository.ts';
import type { Email } from './templates.ts';
import type { Transport } from './transports.ts';

/**
 * Every e-mail is written to the outbox in the caller's transaction, with its sending job, so a
 * message exists if and only if the change that caused it was committed.
 */
export type MailService = {
  queue(
    db: Executor,
    message: { partnershipId: string | null; to: string; email: Email; priority?: 'normal' | 'high' },
  ): Promise<string>;
  deliver(outboxId: string): Promise<void>;
  requeueStale(): Promise<number>;
  /** The partnership's messages, newest first, optionally to one address. */
  outbox(user: CurrentUser, to: string | undefined): Promise<OutboxMessage[]>;
  /** One message of the person's partnership (or of none, as sign-in e-mails are). */
  message(user: CurrentUser, id: string): Promise<OutboxMessage | undefined>;
};

const UUID = /^[0-9a-f-]{36}$/i;
const OUTBOX_PAGE = 200;

export function createMailService(db: Executor, jobs: JobQueue | undefined, transport: Transport): MailService {
  return {
    async queue(trx, message) {
      const id = await insertOutboxMessage(trx, {
        partnershipId: message.partnershipId,
        to: message.to,
        template: message.email.template,
        subject: message.email.subject,
        body: message.email.body,
        priority: message.priority ?? 'normal',
      });
      await jobs?.send('send-email', { id }, { db: trx, priority: message.priority === 'high' ? 10 : 0 });
      return id;
    },
    async deliver(outboxId) {
      const message = await claimForSending(db, outboxId);
      if (!message) return; // already sent, or gone
      try {
        const outcome = await transport.deliver(message);
        await markOutcome(db, outboxId, outcome);
      } catch (error) {
        await markOutcome(db, outboxId, 'failed', error instanceof Error ? error.message : String(error));
        throw error; // pg-boss retries with back-off
      }
    },
    /** Messages whose job was lost (a crash between commit and send) are offered again. */
    async requeueStale() {
      const ids = await queuedOlderThan(db, new Date(Date.now() - 5 * 60_000));
      for (const id of ids) await jobs?.send('send-email', { id });
      return ids.length;
    },
    outbox: (user, to) => listOutbox(db, user.partnershipId, { to }, OUTBOX_PAGE),
    async message(user, id) {
      if (!UUID.test(id)) return undefined;
      const message = await findOutboxMessage(db, id);
      if (!message || (message.partnershipId && message.partnershipId !== user.partnershipId)) return undefined;
      return message;
    },
  };
}
