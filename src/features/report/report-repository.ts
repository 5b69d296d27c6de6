import type { Db } from '../../db/database.ts';
import { isUuid } from '../audits/audit-access.ts';

/**
 * What the report is made from, read once: the report builds its model from these rows and the
 * redaction guard names the record behind each hit from the same rows. Never reads case_identity.
 */
export function reportAudit(db: Db, partnershipId: string, auditId: string) {
  return db
    .selectFrom('audit as a')
    .innerJoin('partnership as p', 'p.id', 'a.partnership_id')
    .leftJoin('audit_theme as t', 't.id', 'a.theme_id')
    .select([
      'a.id',
      'a.reference',
      'a.title',
      'a.theme_text',
      't.label as theme_label',
      'a.lines_of_enquiry',
      'a.scope_kind',
      'a.scope_from',
      'a.scope_to',
      'a.scope_months',
      'a.scope_reference_date',
      'a.methodology',
      'a.joint_partnerships',
      'a.status',
      'p.name as partnership_name',
    ])
    .where('a.id', '=', auditId)
    .where('a.partnership_id', '=', partnershipId)
    .executeTakeFirst();
}

export function milestones(db: Db, auditId: string) {
  return db
    .selectFrom('audit_milestone')
    .select(['label', 'due_on', 'done_on'])
    .where('audit_id', '=', auditId)
    .orderBy('position')
    .orderBy('created_at')
    .execute();
}

export function children(db: Db, auditId: string) {
  return db
    .selectFrom('case_child as ch')
    .innerJoin('audit_case as c', 'c.id', 'ch.case_id')
    .select(['ch.case_id', 'ch.unborn', 'ch.age_years', 'ch.age_band', 'ch.legal_status'])
    .where('c.audit_id', '=', auditId)
    .execute();
}

export function involvementCells(db: Db, auditId: string) {
  return db
    .selectFrom('involvement as i')
    .innerJoin('audit_case as c', 'c.id', 'i.case_id')
    .select(['i.case_id', 'i.agency_id', 'i.status'])
    .where('c.audit_id', '=', auditId)
    .execute();
}

export function auditTools(db: Db, auditId: string) {
  return db
    .selectFrom('audit_tool as t')
    .innerJoin('template_version as v', 'v.id', 't.template_version_id')
    .select(['v.id', 'v.content'])
    .where('t.audit_id', '=', auditId)
    .orderBy('t.position')
    .execute();
}

/** Returns that count towards the judgements: submitted or signed off. */
export function countedReturns(db: Db, auditId: string) {
  return db
    .selectFrom('agency_return as r')
    .innerJoin('audit_case as c', 'c.id', 'r.case_id')
    .innerJoin('agency as g', 'g.id', 'r.agency_id')
    .select(['r.id', 'g.name', 'r.case_id', 'r.agency_id', 'r.overall_grade'])
    .where('c.audit_id', '=', auditId)
    .where('r.status', 'in', ['submitted', 'signed_off'])
    .execute();
}

export function concerns(db: Db, auditId: string) {
  return db
    .selectFrom('immediate_concern as x')
    .innerJoin('audit_case as c', 'c.id', 'x.case_id')
    .innerJoin('agency as g', 'g.id', 'x.agency_id')
    .select(['x.id', 'c.reference', 'g.name', 'x.outcome'])
    .where('x.audit_id', '=', auditId)
    .orderBy('x.created_at')
    .execute();
}

export async function findings(db: Db, auditId: string) {
  const rows = await db
    .selectFrom('finding')
    .select(['id', 'kind', 'across_cases', 'text'])
    .where('audit_id', '=', auditId)
    .orderBy('created_at')
    .execute();
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('finding_case')
    .select(['finding_id', 'case_id'])
    .where(
      'finding_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => ({ ...r, caseIds: links.filter((l) => l.finding_id === r.id).map((l) => l.case_id) }));
}

export function recommendations(db: Db, auditId: string) {
  return db
    .selectFrom('recommendation')
    .select(['id', 'text', 'kind', 'addressed_to'])
    .where('audit_id', '=', auditId)
    .orderBy('created_at')
    .execute();
}

export function recommendationAgencies(db: Db, recommendationIds: string[]) {
  if (recommendationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('recommendation_agency as ra')
    .innerJoin('agency as g', 'g.id', 'ra.agency_id')
    .select(['ra.recommendation_id', 'g.name'])
    .where('ra.recommendation_id', 'in', recommendationIds)
    .orderBy('g.name')
    .execute();
}

/** The action plan, with what its RAG rating is derived from. */
export function actions(db: Db, auditId: string) {
  return db
    .selectFrom('action as x')
    .innerJoin('agency as g', 'g.id', 'x.agency_id')
    .innerJoin('app_user as u', 'u.id', 'x.lead_user_id')
    .select([
      'x.id',
      'x.text',
      'g.name as agency_name',
      'u.display_name as lead_name',
      'x.start_on',
      'x.due_on',
      'x.status',
    ])
    .where('x.audit_id', '=', auditId)
    .orderBy('x.due_on')
    .execute();
}

export async function chronologyEntryCount(db: Db, auditId: string): Promise<number> {
  const row = await db
    .selectFrom('chronology_entry as e')
    .innerJoin('audit_case as c', 'c.id', 'e.case_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('c.audit_id', '=', auditId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The non-empty answers of the returns given. */
export function answersOf(db: Db, returnIds: string[]) {
  if (returnIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('return_answer')
    .select(['return_id', 'template_version_id', 'question_key', 'answer'])
    .where('return_id', 'in', returnIds)
    .where('answer', '!=', '')
    .execute();
}

/** An audit named on the command line, by id or by reference (in any case), in any partnership. */
export async function auditsByIdOrReference(db: Db, wanted: string) {
  let query = db.selectFrom('audit').select(['id', 'partnership_id', 'reference']);
  query = isUuid(wanted)
    ? query.where('id', '=', wanted)
    : query.where((eb) => eb(eb.fn('lower', ['reference']), '=', wanted.trim().toLowerCase()));
  return query.limit(2).execute();
}

/** Returns the coordinator has recorded will not be received: "will not be received" in the participation. */
export function waivers(db: Db, auditId: string) {
  return db
    .selectFrom('return_waiver as w')
    .innerJoin('audit_case as c', 'c.id', 'w.case_id')
    .select(['w.case_id', 'w.agency_id'])
    .where('c.audit_id', '=', auditId)
    .execute();
}

/** The report's hits marked "not identifying here", by key. */
export async function overrideKeys(db: Db, auditId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('report_override').select('hit_key').where('audit_id', '=', auditId).execute();
  return new Set(rows.map((r) => r.hit_key));
}

export async function insertOverride(
  db: Db,
  o: { auditId: string; key: string; recordKind: string; kind: string; reason: string; by: string },
): Promise<void> {
  await db
    .insertInto('report_override')
    .values({
      audit_id: o.auditId,
      hit_key: o.key,
      record_kind: o.recordKind,
      kind: o.kind,
      reason: o.reason,
      created_by: o.by,
    })
    .onConflict((oc) => oc.columns(['audit_id', 'hit_key']).doNothing())
    .execute();
}

/** The marks, for the report page to show: what kind, in which kind of record, why, by whom. */
export function overridesOf(db: Db, auditId: string) {
  return db
    .selectFrom('report_override as o')
    .leftJoin('app_user as u', 'u.id', 'o.created_by')
    .select(['o.hit_key', 'o.record_kind', 'o.kind', 'o.reason', 'o.created_at', 'u.display_name as by_name'])
    .where('o.audit_id', '=', auditId)
    .orderBy('o.created_at')
    .execute();
}
