import type { Db } from '../../db/database.ts';
import type { OutboxStatus } from '../../db/schema.ts';

export type OutboxMessage = {
  id: string;
  partnershipId: string | null;
  to: string;
  template: string;
  subject: string;
  body: string;
  priority: 'normal' | 'high';
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
};

export async function insertOutboxMessage(
  db: Db,
  message: {
    partnershipId: string | null;
    to: string;
    template: string;
    subject: string;
    body: string;
    priority: 'normal' | 'high';
  },
): Promise<string> {
  const row = await db
    .insertInto('outbox')
    .values({
      partnership_id: message.partnershipId,
      to_address: message.to,
      template: message.template,
      subject: message.subject,
      body: message.body,
      priority: message.priority,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const columns = [
  'id',
  'partnership_id',
  'to_address',
  'template',
  'subject',
  'body',
  'priority',
  'status',
  'attempts',
  'last_error',
  'sent_at',
  'created_at',
] as const;

function toMessage(row: {
  id: string;
  partnership_id: string | null;
  to_address: string;
  template: string;
  subject: string;
  body: string;
  priority: 'normal' | 'high';
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
  created_at: Date;
}): OutboxMessage {
  return {
    id: row.id,
    partnershipId: row.partnership_id,
    to: row.to_address,
    template: row.template,
    subject: row.subject,
    body: row.body,
    priority: row.priority,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    sentAt: row.sent_at,
    createdAt: row.created_at,
  };
}

export async function findOutboxMessage(db: Db, id: string): Promise<OutboxMessage | undefined> {
  const row = await db.selectFrom('outbox').select(columns).where('id', '=', id).executeTakeFirst();
  return row ? toMessage(row) : undefined;
}

export async function listOutbox(
  db: Db,
  partnershipId: string,
  filter: { to?: string },
  limit: number,
): Promise<OutboxMessage[]> {
  let query = db
    .selectFrom('outbox')
    .select(columns)
    .where((eb) => eb.or([eb('partnership_id', '=', partnershipId), eb('partnership_id', 'is', null)]));
  if (filter.to) query = query.where('to_address', 'ilike', `%${filter.to.replace(/[%_\\]/g, '\\$&')}%`);
  const rows = await query.orderBy('created_at', 'desc').limit(limit).execute();
  return rows.map(toMessage);
}

/** Claims a queued message for sending; two workers never send the same message. */
export async function claimForSending(db: Db, id: string): Promise<OutboxMessage | undefined> {
  const row = await db
    .updateTable('outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'failed'])
    .returning(columns)
    .executeTakeFirst();
  return row ? toMessage(row) : undefined;
}

export async function markOutcome(db: Db, id: string, status: OutboxStatus, error?: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      status,
      last_error: error ?? null,
      sent_at: status === 'sent' || status === 'kept' ? new Date() : null,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

export async function queuedOlderThan(db: Db, before: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('outbox')
    .select('id')
    .where('status', '=', 'queued')
    .where('created_at', '<', before)
    .limit(500)
    .execute();
  return rows.map((r) => r.id);
}
