import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { BriefingSection } from '../../domain/briefing-template.ts';

/** Briefings and their versions as plain SQL; each function takes the database or a transaction. */
export function briefingOfAudit(db: Db, auditId: string, briefingId: string) {
  return db
    .selectFrom('briefing')
    .selectAll()
    .where('id', '=', briefingId)
    .where('audit_id', '=', auditId)
    .executeTakeFirst();
}

export function version(db: Db, briefingId: string, number: number) {
  return db
    .selectFrom('briefing_version')
    .selectAll()
    .where('briefing_id', '=', briefingId)
    .where('number', '=', number)
    .executeTakeFirst();
}

/** The audit's briefings with their latest version's title, in the order they were made (or newest first). */
export function briefingsOfAudit(db: Db, auditId: string, order: 'asc' | 'desc' = 'asc') {
  return db
    .selectFrom('briefing as b')
    .leftJoin('briefing_template as t', 't.id', 'b.template_id')
    .innerJoin('briefing_version as v', (j) =>
      j.onRef('v.briefing_id', '=', 'b.id').onRef('v.number', '=', 'b.current_version'),
    )
    .select([
      'b.id',
      'b.kind',
      'b.current_version',
      'b.published_version',
      'b.published_at',
      'b.created_at',
      't.name as template_name',
      't.shipped_key',
      'v.title',
      'v.created_at as saved_at',
    ])
    .where('b.audit_id', '=', auditId)
    .orderBy('b.created_at', order)
    .execute();
}

export async function insertBriefing(
  db: Db,
  b: { auditId: string; templateId: string; kind: string; createdBy: string },
): Promise<string> {
  const row = await db
    .insertInto('briefing')
    .values({ audit_id: b.auditId, template_id: b.templateId, kind: b.kind, created_by: b.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertVersion(
  db: Db,
  v: { briefingId: string; number: number; title: string; sections: BriefingSection[]; note: string; by: string },
): Promise<void> {
  await db
    .insertInto('briefing_version')
    .values({
      briefing_id: v.briefingId,
      number: v.number,
      title: v.title,
      sections: JSON.stringify(v.sections) as never,
      note: v.note,
      created_by: v.by,
    })
    .execute();
}

export function versionsOf(db: Db, briefingId: string) {
  return db
    .selectFrom('briefing_version as v')
    .leftJoin('app_user as u', 'u.id', 'v.created_by')
    .select(['v.number', 'v.note', 'v.created_at', 'u.display_name'])
    .where('v.briefing_id', '=', briefingId)
    .orderBy('v.number', 'desc')
    .execute();
}

/** Moves the briefing on one version, only from the version the editor started from. */
export async function moveCurrentVersion(db: Db, briefingId: string, fromVersion: number): Promise<boolean> {
  const moved = await db
    .updateTable('briefing')
    .set({ current_version: fromVersion + 1, updated_at: new Date() })
    .where('id', '=', briefingId)
    .where('current_version', '=', fromVersion)
    .returning('id')
    .executeTakeFirst();
  return !!moved;
}

export async function currentVersionNumber(db: Db, briefingId: string): Promise<number> {
  const row = await db
    .selectFrom('briefing')
    .select('current_version')
    .where('id', '=', briefingId)
    .executeTakeFirstOrThrow();
  return row.current_version;
}

/** The partnership's and the audit's invited agencies' names: never a name part on their own. */
export async function knownWords(db: Db, partnershipId: string, auditId: string): Promise<string[]> {
  const [partnerships, agencies] = await Promise.all([
    db.selectFrom('partnership').select('name').where('id', '=', partnershipId).execute(),
    db
      .selectFrom('audit_agency as aa')
      .innerJoin('agency as g', 'g.id', 'aa.agency_id')
      .select('g.name')
      .where('aa.audit_id', '=', auditId)
      .execute(),
  ]);
  return [...partnerships.map((p) => p.name), ...agencies.map((g) => g.name)];
}

export async function overrideKeys(db: Db, briefingId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('redaction_override')
    .select('hit_key')
    .where('briefing_id', '=', briefingId)
    .execute();
  return new Set(rows.map((o) => o.hit_key));
}

export async function insertOverride(
  db: Db,
  o: {
    briefingId: string;
    termId: string | null;
    key: string;
    reason: string;
    by: string;
    version: number;
    section: number;
    kind: string;
  },
): Promise<void> {
  await db
    .insertInto('redaction_override')
    .values({
      briefing_id: o.briefingId,
      term_id: o.termId,
      hit_key: o.key,
      reason: o.reason,
      created_by: o.by,
      version: o.version,
      section: o.section,
      kind: o.kind,
    })
    .onConflict((oc) => oc.columns(['briefing_id', 'hit_key']).doNothing())
    .execute();
}

/** Publishes the version given, if it is still the latest. */
export async function publish(
  db: Db,
  p: { briefingId: string; auditId: string; version: number; by: string | null },
): Promise<boolean> {
  const row = await db
    .updateTable('briefing')
    .set({ published_version: p.version, published_at: new Date(), published_by: p.by, updated_at: new Date() })
    .where('id', '=', p.briefingId)
    .where('audit_id', '=', p.auditId)
    .where('current_version', '=', p.version)
    .returning('id')
    .executeTakeFirst();
  return !!row;
}

export async function unpublish(db: Db, briefingId: string): Promise<void> {
  await db
    .updateTable('briefing')
    .set({ published_version: null, published_at: null, published_by: null, updated_at: new Date() })
    .where('id', '=', briefingId)
    .execute();
}

const theme = sql<string>`coalesce(t.label, a.theme_text, '')`;

function published(db: Db, partnershipId: string) {
  return db
    .selectFrom('briefing as b')
    .innerJoin('audit as a', 'a.id', 'b.audit_id')
    .leftJoin('audit_theme as t', 't.id', 'a.theme_id')
    .where('a.partnership_id', '=', partnershipId)
    .where('b.published_version', 'is not', null);
}

/** Published briefings in the partnership, newest first (at most 200), by words, theme and year. */
export function library(db: Db, partnershipId: string, filter: { q?: string; theme?: string; year?: string }) {
  let query = published(db, partnershipId)
    .innerJoin('briefing_version as v', (j) =>
      j.onRef('v.briefing_id', '=', 'b.id').onRef('v.number', '=', 'b.published_version'),
    )
    .select(['b.id', 'b.kind', 'b.published_at', 'v.title', 'v.sections', theme.as('theme')]);
  const q = filter.q?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('v.title', 'ilike', like), eb(sql`v.sections::text`, 'ilike', like)]));
  }
  if (filter.theme) query = query.where(theme, '=', filter.theme);
  if (filter.year && /^\d{4}$/.test(filter.year))
    query = query.where(sql`extract(year from b.published_at)::int`, '=', Number(filter.year));
  return query.orderBy('b.published_at', 'desc').limit(200).execute();
}

/** The theme and year of every published briefing, for the library's filters. */
export function libraryFacets(db: Db, partnershipId: string) {
  return published(db, partnershipId)
    .select([theme.as('theme'), sql<number>`extract(year from b.published_at)::int`.as('year')])
    .execute();
}

export function publishedBriefing(db: Db, partnershipId: string, briefingId: string) {
  return db
    .selectFrom('briefing as b')
    .innerJoin('audit as a', 'a.id', 'b.audit_id')
    .innerJoin('briefing_version as v', (j) =>
      j.onRef('v.briefing_id', '=', 'b.id').onRef('v.number', '=', 'b.published_version'),
    )
    .select(['b.id', 'b.kind', 'b.published_at', 'v.title', 'v.sections'])
    .where('b.id', '=', briefingId)
    .where('a.partnership_id', '=', partnershipId)
    .where('b.published_version', 'is not', null)
    .executeTakeFirst();
}

/** A partnership whose library is open to the public, or undefined. */
export function publicLibraryPartnership(db: Db, partnershipId: string) {
  return db
    .selectFrom('partnership')
    .select(['id', 'name', 'public_library'])
    .where('id', '=', partnershipId)
    .where('public_library', '=', true)
    .executeTakeFirst();
}

/** The marks "not identifying here" made on one version of a briefing, for the page to show. */
export function overridesOfVersion(db: Db, briefingId: string, version: number) {
  return db
    .selectFrom('redaction_override as o')
    .leftJoin('app_user as u', 'u.id', 'o.created_by')
    .select(['o.section', 'o.kind', 'o.reason', 'o.created_at', 'u.display_name as by_name'])
    .where('o.briefing_id', '=', briefingId)
    .where('o.version', '=', version)
    .orderBy('o.section')
    .orderBy('o.created_at')
    .execute();
}
