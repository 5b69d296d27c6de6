import type { Db } from '../../db/database.ts';
import type { RecommendationKindValue } from '../../db/schema.ts';

/** Recommendations of an audit, with the agencies they are for and the findings they follow. */
export function recommendationsOf(db: Db, auditId: string) {
  return db.selectFrom('recommendation').selectAll().where('audit_id', '=', auditId).orderBy('created_at').execute();
}

export function recommendationLinks(db: Db, ids: string[]) {
  return Promise.all([
    db
      .selectFrom('recommendation_agency as ra')
      .innerJoin('agency as g', 'g.id', 'ra.agency_id')
      .select(['ra.recommendation_id', 'g.id', 'g.name'])
      .where('ra.recommendation_id', 'in', ids)
      .execute(),
    db
      .selectFrom('recommendation_finding as rf')
      .innerJoin('finding as f', 'f.id', 'rf.finding_id')
      .select(['rf.recommendation_id', 'f.id', 'f.text'])
      .where('rf.recommendation_id', 'in', ids)
      .execute(),
  ]);
}

export function findingsToChoose(db: Db, auditId: string) {
  return db
    .selectFrom('finding')
    .select(['id', 'text', 'kind'])
    .where('audit_id', '=', auditId)
    .orderBy('created_at')
    .execute();
}

type Fields = { text: string; addressedTo: 'partnership' | 'all_agencies' | 'agencies'; kind: RecommendationKindValue };

export async function insertRecommendation(db: Db, r: Fields & { auditId: string; createdBy: string }) {
  const row = await db
    .insertInto('recommendation')
    .values({
      audit_id: r.auditId,
      text: r.text,
      addressed_to: r.addressedTo,
      kind: r.kind,
      // Kept for the exchange file and the API, which carried it before kinds were recorded.
      assurance_request: r.kind === 'assurance',
      created_by: r.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Changes a recommendation still at `version`; false when someone else changed it first. */
export async function updateRecommendation(
  db: Db,
  r: Fields & { id: string; auditId: string; version: number },
): Promise<boolean> {
  const row = await db
    .updateTable('recommendation')
    .set((eb) => ({
      text: r.text,
      addressed_to: r.addressedTo,
      kind: r.kind,
      assurance_request: r.kind === 'assurance',
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', r.id)
    .where('audit_id', '=', r.auditId)
    .where('version', '=', r.version)
    .returning('id')
    .executeTakeFirst();
  return !!row;
}

export async function replaceRecommendationLinks(
  db: Db,
  id: string,
  links: { agencyIds: string[]; findingIds: string[] },
): Promise<void> {
  await db.deleteFrom('recommendation_agency').where('recommendation_id', '=', id).execute();
  await db.deleteFrom('recommendation_finding').where('recommendation_id', '=', id).execute();
  if (links.agencyIds.length)
    await db
      .insertInto('recommendation_agency')
      .values(links.agencyIds.map((agency_id) => ({ recommendation_id: id, agency_id })))
      .execute();
  if (links.findingIds.length)
    await db
      .insertInto('recommendation_finding')
      .values(links.findingIds.map((finding_id) => ({ recommendation_id: id, finding_id })))
      .execute();
}

/** The actions of the plan that answer a recommendation: while there is one, it cannot be removed. */
export function actionsOnRecommendation(db: Db, id: string) {
  return db
    .selectFrom('action')
    .select(['id', 'text'])
    .where('recommendation_id', '=', id)
    .orderBy('created_at')
    .execute();
}

/** Locks the recommendation of this audit for its removal; undefined when it is not there. */
export function lockRecommendation(db: Db, id: string, auditId: string) {
  return db
    .selectFrom('recommendation')
    .select(['id', 'kind'])
    .where('id', '=', id)
    .where('audit_id', '=', auditId)
    .forUpdate()
    .executeTakeFirst();
}

/** Its agencies and findings go with it (ON DELETE CASCADE). */
export async function deleteRecommendation(db: Db, id: string, auditId: string): Promise<void> {
  await db.deleteFrom('recommendation').where('id', '=', id).where('audit_id', '=', auditId).execute();
}
