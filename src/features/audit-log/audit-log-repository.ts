import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../../web/request-context.ts';

/** Append-only: a database trigger rejects UPDATE, DELETE and TRUNCATE on audit_log. */
export type AuditEvent = {
  action: string;
  recordType?: string;
  recordId?: string;
  detail?: Record<string, unknown>;
};

export async function appendAuditLog(db: Db, actor: Actor, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      partnership_id: actor.partnershipId,
      user_id: actor.userId,
      action: event.action,
      record_type: event.recordType ?? null,
      record_id: event.recordId ?? null,
      detail: JSON.stringify(event.detail ?? {}),
      correlation_id: actor.correlationId,
      ip: actor.ip,
    })
    .execute();
}

export type AuditLogFilter = {
  partnershipId: string;
  userId?: string;
  action?: string;
  recordType?: string;
  recordId?: string;
  from?: string; // YYYY-MM-DD, inclusive, Europe/London
  to?: string; // YYYY-MM-DD, inclusive, Europe/London
};

export type AuditLogRow = {
  id: number;
  at: Date;
  userId: string | null;
  userEmail: string | null;
  userName: string | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  detail: Record<string, unknown>;
  correlationId: string | null;
  ip: string | null;
};

export async function searchAuditLog(
  db: Db,
  filter: AuditLogFilter,
  limit: number,
  offset = 0,
): Promise<{ rows: AuditLogRow[]; total: number }> {
  let query = db
    .selectFrom('audit_log as l')
    .leftJoin('app_user as u', 'u.id', 'l.user_id')
    // Sign-in failures for unknown addresses have no partnership; administrators see them too.
    .where((eb) => eb.or([eb('l.partnership_id', '=', filter.partnershipId), eb('l.partnership_id', 'is', null)]));
  if (filter.userId) query = query.where('l.user_id', '=', filter.userId);
  if (filter.action) query = query.where('l.action', '=', filter.action);
  if (filter.recordType) query = query.where('l.record_type', '=', filter.recordType);
  if (filter.recordId) query = query.where('l.record_id', '=', filter.recordId);
  // Dates are days in England: midnight Europe/London to the next midnight.
  if (filter.from)
    query = query.where(sql<boolean>`l.at >= (${filter.from}::date::timestamp AT TIME ZONE 'Europe/London')`);
  if (filter.to)
    query = query.where(sql<boolean>`l.at < ((${filter.to}::date + 1)::timestamp AT TIME ZONE 'Europe/London')`);
  const [rows, count] = await Promise.all([
    query
      .select([
        'l.id',
        'l.at',
        'l.user_id',
        'u.email',
        'u.display_name',
        'l.action',
        'l.record_type',
        'l.record_id',
        'l.detail',
        'l.correlation_id',
        'l.ip',
      ])
      .orderBy('l.at', 'desc')
      .orderBy('l.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    rows: rows.map((r) => ({
      id: Number(r.id),
      at: r.at,
      userId: r.user_id,
      userEmail: r.email,
      userName: r.display_name,
      action: r.action,
      recordType: r.record_type,
      recordId: r.record_id,
      detail: r.detail,
      correlationId: r.correlation_id,
      ip: r.ip,
    })),
  };
}

export async function distinctActions(db: Db, partnershipId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select('action')
    .distinct()
    .where((eb) => eb.or([eb('partnership_id', '=', partnershipId), eb('partnership_id', 'is', null)]))
    .orderBy('action')
    .execute();
  return rows.map((r) => r.action);
}

/** The partnership's people, for the "who" filter. */
export async function peopleForFilter(db: Db, partnershipId: string) {
  return db
    .selectFrom('app_user')
    .select(['id', 'display_name', 'email'])
    .where('partnership_id', '=', partnershipId)
    .orderBy('display_name')
    .execute();
}
