import type { Db } from '../../db/database.ts';

/** Findings of an audit, with the cases, agencies and themes each is linked to. */
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

export type FindingFields = { kind: 'strength' | 'development'; acrossCases: boolean; text: string; domain: string };

export async function insertFinding(
  db: Db,
  finding: FindingFields & { auditId: string; createdBy: string; discussionPointId?: string },
): Promise<string> {
  const row = await db
    .insertInto('finding')
    .values({
      audit_id: finding.auditId,
      kind: finding.kind,
      across_cases: finding.acrossCases,
      text: finding.text,
      domain: finding.domain,
      created_by: finding.createdBy,
      discussion_point_id: finding.discussionPointId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Changes a finding still at `version`; false when someone else changed it first. */
export async function updateFinding(
  db: Db,
  finding: FindingFields & { id: string; auditId: string; version: number },
): Promise<boolean> {
  const row = await db
    .updateTable('finding')
    .set((eb) => ({
      kind: finding.kind,
      across_cases: finding.acrossCases,
      text: finding.text,
      domain: finding.domain,
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', finding.id)
    .where('audit_id', '=', finding.auditId)
    .where('version', '=', finding.version)
    .returning('id')
    .executeTakeFirst();
  return !!row;
}

export async function deleteFinding(db: Db, findingId: string, auditId: string): Promise<boolean> {
  const removed = await db
    .deleteFrom('finding')
    .where('id', '=', findingId)
    .where('audit_id', '=', auditId)
    .executeTakeFirst();
  return Number(removed.numDeletedRows) > 0;
}
