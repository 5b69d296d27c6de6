import type { Db } from '../../db/database.ts';

/** The parts of an audit the meeting works from: its cases, invited agencies and tools. */
/** The audit's tools in their order: the template version and its content. */
export function auditTools(db: Db, auditId: string) {
  return db
    .selectFrom('audit_tool as t')
    .innerJoin('template_version as v', 'v.id', 't.template_version_id')
    .select(['v.id', 'v.content'])
    .where('t.audit_id', '=', auditId)
    .orderBy('t.position')
    .execute();
}

/** The row of the audit's meeting, made on first use (idempotent). */
export async function ensureMeeting(db: Db, auditId: string) {
  await db
    .insertInto('meeting')
    .values({ audit_id: auditId })
    .onConflict((oc) => oc.column('audit_id').doNothing())
    .execute();
  return db.selectFrom('meeting').selectAll().where('audit_id', '=', auditId).executeTakeFirstOrThrow();
}
