import type { Db } from '../../db/database.ts';
import type { SessionData } from '../../db/schema.ts';

/** Sessions live in PostgreSQL, keyed by a hash of the cookie, so any instance can serve any request. */
export type SessionRow = {
  id: string;
  userId: string;
  stage: 'mfa' | 'enrol' | 'full';
  data: SessionData;
  createdAt: Date;
  lastSeenAt: Date;
};

export async function insertSession(
  db: Db,
  session: {
    id: string;
    userId: string;
    stage: SessionRow['stage'];
    data: SessionData;
    ip: string;
    userAgent: string | null;
    createdAt?: Date;
  },
): Promise<void> {
  await db
    .insertInto('user_session')
    .values({
      id: session.id,
      user_id: session.userId,
      stage: session.stage,
      data: JSON.stringify(session.data),
      ip: session.ip,
      user_agent: session.userAgent?.slice(0, 300) ?? null,
      created_at: session.createdAt ?? new Date(),
    })
    .execute();
}

export async function findSession(db: Db, id: string): Promise<SessionRow | undefined> {
  const row = await db
    .selectFrom('user_session')
    .select(['id', 'user_id', 'stage', 'data', 'created_at', 'last_seen_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        userId: row.user_id,
        stage: row.stage,
        data: row.data,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
      }
    : undefined;
}

export async function touchSession(db: Db, id: string): Promise<void> {
  await db.updateTable('user_session').set({ last_seen_at: new Date() }).where('id', '=', id).execute();
}

export async function saveSessionData(db: Db, id: string, data: SessionData): Promise<void> {
  await db
    .updateTable('user_session')
    .set({ data: JSON.stringify(data) })
    .where('id', '=', id)
    .execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('user_session').where('id', '=', id).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('user_session').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Db, idleBefore: Date, createdBefore: Date): Promise<number> {
  const result = await db
    .deleteFrom('user_session')
    .where((eb) => eb.or([eb('last_seen_at', '<', idleBefore), eb('created_at', '<', createdBefore)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
