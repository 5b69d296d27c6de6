import type { Db } from '../../db/database.ts';
import { LEARNING_THEMES } from '../../domain/theme-suggester.ts';

/** The partnership's learning themes, starting from the taxonomy in DOMAIN.md (idempotent). */
export async function ensureLearningThemes(db: Db, partnershipId: string): Promise<void> {
  const have = await db
    .selectFrom('learning_theme')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .limit(1)
    .executeTakeFirst();
  if (have) return;
  await db
    .insertInto('learning_theme')
    .values(LEARNING_THEMES.map((t) => ({ partnership_id: partnershipId, code: t.code, label: t.label })))
    .onConflict((oc) => oc.columns(['partnership_id', 'code']).doNothing())
    .execute();
}

export async function listThemes(db: Db, partnershipId: string) {
  await ensureLearningThemes(db, partnershipId);
  return db
    .selectFrom('learning_theme')
    .select(['id', 'code', 'label', 'active'])
    .where('partnership_id', '=', partnershipId)
    .orderBy('label')
    .execute();
}

export type FindingRow = {
  id: string;
  kind: 'strength' | 'development';
  acrossCases: boolean;
  text: string;
  domain: string;
  version: number;
  caseIds: string[];
  agencyIds: string[];
  themeIds: string[];
};

export async function listFindings(db: Db, auditId: string): Promise<FindingRow[]> {
  const rows = await db
    .selectFrom('finding')
    .selectAll()
    .where('audit_id', '=', auditId)
    .orderBy('created_at')
    .execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [cases, agencies, themes] = await Promise.all([
    db.selectFrom('finding_case').selectAll().where('finding_id', 'in', ids).execute(),
    db.selectFrom('finding_agency').selectAll().where('finding_id', 'in', ids).execute(),
    db.selectFrom('finding_theme').selectAll().where('finding_id', 'in', ids).execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    acrossCases: r.across_cases,
    text: r.text,
    domain: r.domain,
    version: r.version,
    caseIds: cases.filter((c) => c.finding_id === r.id).map((c) => c.case_id),
    agencyIds: agencies.filter((a) => a.finding_id === r.id).map((a) => a.agency_id),
    themeIds: themes.filter((t) => t.finding_id === r.id).map((t) => t.theme_id),
  }));
}

export async function replaceLinks(
  db: Db,
  findingId: string,
  links: { caseIds: string[]; agencyIds: string[]; themes: { id: string; suggested: boolean }[]; userId: string },
): Promise<void> {
  await db.deleteFrom('finding_case').where('finding_id', '=', findingId).execute();
  await db.deleteFrom('finding_agency').where('finding_id', '=', findingId).execute();
  await db.deleteFrom('finding_theme').where('finding_id', '=', findingId).execute();
  if (links.caseIds.length)
    await db
      .insertInto('finding_case')
      .values(links.caseIds.map((case_id) => ({ finding_id: findingId, case_id })))
      .execute();
  if (links.agencyIds.length)
    await db
      .insertInto('finding_agency')
      .values(links.agencyIds.map((agency_id) => ({ finding_id: findingId, agency_id })))
      .execute();
  if (links.themes.length) {
    await db
      .insertInto('finding_theme')
      .values(
        links.themes.map((t) => ({
          finding_id: findingId,
          theme_id: t.id,
          suggested: t.suggested,
          confirmed_by: links.userId,
        })),
      )
      .execute();
  }
}
