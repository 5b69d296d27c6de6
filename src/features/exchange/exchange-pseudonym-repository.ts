import type { Db } from '../../db/database.ts';

export type OutcomeTable = 'finding' | 'recommendation' | 'action';

/** The ids of the audit's findings, recommendations and actions, in the exchange file's order. */
export async function outcomeIds(db: Db, auditId: string): Promise<Record<OutcomeTable, string[]>> {
  const ids = (table: OutcomeTable) =>
    db.selectFrom(table).select('id').where('audit_id', '=', auditId).orderBy('created_at').orderBy('id').execute();
  const [finding, recommendation, action] = await Promise.all([ids('finding'), ids('recommendation'), ids('action')]);
  return {
    finding: finding.map((r) => r.id),
    recommendation: recommendation.map((r) => r.id),
    action: action.map((r) => r.id),
  };
}

/** Replaces a record's text only if it is still the text previewed: false when someone changed it. */
export async function replaceText(
  db: Db,
  change: { table: OutcomeTable; id: string; auditId: string; before: string; after: string },
): Promise<boolean> {
  const result = await db
    .updateTable(change.table)
    // A new version, so an editor holding the old text gets the conflict page rather than overwriting this.
    .set((eb) => ({ text: change.after, version: eb(eb.ref('version'), '+', 1), updated_at: new Date() }))
    .where('id', '=', change.id)
    .where('audit_id', '=', change.auditId)
    .where('text', '=', change.before)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
