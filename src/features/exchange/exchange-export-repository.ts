import type { Db } from '../../db/database.ts';

/**
 * What an audit's exchange file is made of, read as plain SQL: the audit, its cases and their
 * returns, each in the order the file lists them. Each function takes the database or a transaction.
 */
// `in ()` is not SQL: an empty list asks for an id no row has.
const NONE = ['00000000-0000-0000-0000-000000000000'];
const ids = (list: readonly string[]) => (list.length ? [...list] : NONE);

export function auditHead(db: Db, auditId: string) {
  return db
    .selectFrom('audit as a')
    .innerJoin('partnership as p', 'p.id', 'a.partnership_id')
    .leftJoin('audit_theme as t', 't.id', 'a.theme_id')
    .selectAll('a')
    .select(['p.name as partnership_name', 't.label as theme_label'])
    .where('a.id', '=', auditId)
    .executeTakeFirstOrThrow();
}

export async function auditParts(db: Db, auditId: string) {
  const [milestones, history, invited, tools, cases] = await Promise.all([
    db
      .selectFrom('audit_milestone')
      .selectAll()
      .where('audit_id', '=', auditId)
      .orderBy('position')
      .orderBy('due_on')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('audit_status_change')
      .selectAll()
      .where('audit_id', '=', auditId)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db.selectFrom('audit_agency').selectAll().where('audit_id', '=', auditId).execute(),
    db.selectFrom('audit_tool').selectAll().where('audit_id', '=', auditId).orderBy('position').execute(),
    db
      .selectFrom('audit_case')
      .selectAll()
      .where('audit_id', '=', auditId)
      .orderBy('position')
      .orderBy('reference')
      .execute(),
  ]);
  return { milestones, history, invited, tools, cases };
}

export async function caseParts(db: Db, auditId: string, caseIds: readonly string[]) {
  const inCases = ids(caseIds);
  const [children, members, involvement, returns, entries, points, concerns] = await Promise.all([
    db
      .selectFrom('case_child')
      .selectAll()
      .where('case_id', 'in', inCases)
      .orderBy('position')
      .orderBy('pseudonym')
      .execute(),
    db
      .selectFrom('household_member')
      .selectAll()
      .where('case_id', 'in', inCases)
      .orderBy('position')
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db.selectFrom('involvement').selectAll().where('case_id', 'in', inCases).execute(),
    db.selectFrom('agency_return').selectAll().where('case_id', 'in', inCases).execute(),
    db.selectFrom('chronology_entry').selectAll().where('case_id', 'in', inCases).execute(),
    db.selectFrom('discussion_point').selectAll().where('case_id', 'in', inCases).orderBy('point_key').execute(),
    db
      .selectFrom('immediate_concern')
      .selectAll()
      .where('audit_id', '=', auditId)
      .orderBy('told_at')
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  ]);
  return { children, members, involvement, returns, entries, points, concerns };
}

export async function returnParts(db: Db, returnIds: readonly string[]) {
  const inReturns = ids(returnIds);
  const [sections, answers, saActions, events] = await Promise.all([
    db.selectFrom('return_section').selectAll().where('return_id', 'in', inReturns).execute(),
    db.selectFrom('return_answer').selectAll().where('return_id', 'in', inReturns).execute(),
    db
      .selectFrom('single_agency_action')
      .selectAll()
      .where('return_id', 'in', inReturns)
      .orderBy('position')
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('return_event')
      .selectAll()
      .where('return_id', 'in', inReturns)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  ]);
  return { sections, answers, saActions, events };
}

export async function outcomes(db: Db, auditId: string) {
  const [meeting, findings, recommendations, actions] = await Promise.all([
    db.selectFrom('meeting').selectAll().where('audit_id', '=', auditId).executeTakeFirst(),
    db.selectFrom('finding').selectAll().where('audit_id', '=', auditId).orderBy('created_at').orderBy('id').execute(),
    db
      .selectFrom('recommendation')
      .selectAll()
      .where('audit_id', '=', auditId)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db.selectFrom('action').selectAll().where('audit_id', '=', auditId).orderBy('created_at').orderBy('id').execute(),
  ]);
  return { meeting, findings, recommendations, actions };
}

export async function outcomeLinks(
  db: Db,
  o: { meetingId?: string; findingIds: string[]; recommendationIds: string[]; actionIds: string[] },
) {
  const [attendees, findingCases, findingAgencies, findingThemes, recAgencies, recFindings, updates] =
    await Promise.all([
      o.meetingId
        ? db
            .selectFrom('meeting_attendee')
            .selectAll()
            .where('meeting_id', '=', o.meetingId)
            .orderBy('created_at')
            .orderBy('name')
            .orderBy('id')
            .execute()
        : Promise.resolve([]),
      db.selectFrom('finding_case').selectAll().where('finding_id', 'in', ids(o.findingIds)).execute(),
      db.selectFrom('finding_agency').selectAll().where('finding_id', 'in', ids(o.findingIds)).execute(),
      db.selectFrom('finding_theme').selectAll().where('finding_id', 'in', ids(o.findingIds)).execute(),
      db
        .selectFrom('recommendation_agency')
        .selectAll()
        .where('recommendation_id', 'in', ids(o.recommendationIds))
        .execute(),
      db
        .selectFrom('recommendation_finding')
        .selectAll()
        .where('recommendation_id', 'in', ids(o.recommendationIds))
        .execute(),
      db
        .selectFrom('action_update')
        .selectAll()
        .where('action_id', 'in', ids(o.actionIds))
        .orderBy('created_at')
        .orderBy('id')
        .execute(),
    ]);
  return { attendees, findingCases, findingAgencies, findingThemes, recAgencies, recFindings, updates };
}
