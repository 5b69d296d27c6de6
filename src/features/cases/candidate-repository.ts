import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** Candidate uploads, lists, candidates and sampling draws: SQL only. */
export type CandidateInsert = {
  rowNumber: number;
  legalStatus: string;
  ageBand: string;
  sex: string;
  ethnicity: string;
  attributes: Record<string, string>;
  identityEncrypted: string | null;
};
export type CandidateFilter = { legalStatus?: string; ageBand?: string; sex?: string; ethnicity?: readonly string[] };

const BATCH = 1000;

export async function deleteExpiredUploads(db: Db, now: Date = new Date()): Promise<number> {
  const result = await db.deleteFrom('candidate_upload').where('expires_at', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function insertUpload(
  db: Db,
  values: {
    auditId: string;
    filename: string;
    sourceAgencyId: string | null;
    format: 'csv' | 'xlsx';
    rowCount: number;
    encrypted: string;
    createdBy: string;
  },
): Promise<string> {
  const row = await db
    .insertInto('candidate_upload')
    .values({
      audit_id: values.auditId,
      filename: values.filename,
      source_agency_id: values.sourceAgencyId,
      format: values.format,
      row_count: values.rowCount,
      encrypted: values.encrypted,
      created_by: values.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findUpload(db: Db, auditId: string, uploadId: string, forUpdate = false) {
  let query = db
    .selectFrom('candidate_upload')
    .select([
      'id',
      'audit_id',
      'filename',
      'source_agency_id',
      'format',
      'row_count',
      'encrypted',
      'mapping',
      'created_at',
      'expires_at',
    ])
    .where('id', '=', uploadId)
    .where('audit_id', '=', auditId)
    .where('expires_at', '>', new Date());
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function pendingUploads(db: Db, auditId: string) {
  return db
    .selectFrom('candidate_upload')
    .select(['id', 'filename', 'row_count', 'created_at', 'expires_at'])
    .where('audit_id', '=', auditId)
    .where('expires_at', '>', new Date())
    .orderBy('created_at', 'desc')
    .execute();
}

export async function setUploadMapping(db: Db, uploadId: string, mapping: Record<string, string>): Promise<void> {
  await db
    .updateTable('candidate_upload')
    .set({ mapping: JSON.stringify(mapping) })
    .where('id', '=', uploadId)
    .execute();
}

export async function deleteUpload(db: Db, uploadId: string): Promise<void> {
  await db.deleteFrom('candidate_upload').where('id', '=', uploadId).execute();
}

export async function insertList(
  db: Db,
  values: {
    auditId: string;
    filename: string;
    sourceAgencyId: string | null;
    mapping: Record<string, string>;
    rowCount: number;
    createdBy: string;
  },
): Promise<string> {
  const row = await db
    .insertInto('candidate_list')
    .values({
      audit_id: values.auditId,
      filename: values.filename,
      source_agency_id: values.sourceAgencyId,
      mapping: JSON.stringify(values.mapping),
      row_count: values.rowCount,
      created_by: values.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertCandidates(db: Db, listId: string, rows: readonly CandidateInsert[]): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) {
    await db
      .insertInto('candidate')
      .values(
        rows.slice(start, start + BATCH).map((r) => ({
          candidate_list_id: listId,
          row_number: r.rowNumber,
          legal_status: r.legalStatus,
          age_band: r.ageBand,
          sex: r.sex,
          ethnicity: r.ethnicity,
          attributes: JSON.stringify(r.attributes),
          identity_encrypted: r.identityEncrypted,
        })),
      )
      .execute();
  }
}

export async function listsOf(db: Db, auditId: string) {
  return db
    .selectFrom('candidate_list as l')
    .leftJoin('agency as a', 'a.id', 'l.source_agency_id')
    .select(['l.id', 'l.filename', 'l.row_count', 'l.created_at', 'a.name as agency_name'])
    .select((eb) =>
      eb
        .selectFrom('audit_case as c')
        .innerJoin('candidate as k', 'k.id', 'c.candidate_id')
        .whereRef('k.candidate_list_id', '=', 'l.id')
        .select(sql<number>`count(*)::int`.as('n'))
        .as('case_count'),
    )
    .where('l.audit_id', '=', auditId)
    .orderBy('l.created_at', 'desc')
    .execute();
}

export async function findList(db: Db, auditId: string, listId: string) {
  return db
    .selectFrom('candidate_list')
    .select(['id', 'filename', 'source_agency_id', 'mapping', 'row_count', 'created_at'])
    .where('id', '=', listId)
    .where('audit_id', '=', auditId)
    .executeTakeFirst();
}

export type CandidateListRow = {
  id: string;
  row_number: number;
  legal_status: string;
  age_band: string;
  sex: string;
  ethnicity: string;
};

export async function samplingRows(db: Db, listId: string): Promise<CandidateListRow[]> {
  return db
    .selectFrom('candidate')
    .select(['id', 'row_number', 'legal_status', 'age_band', 'sex', 'ethnicity'])
    .where('candidate_list_id', '=', listId)
    .orderBy('row_number')
    .execute();
}

export async function candidatePage(db: Db, listId: string, filter: CandidateFilter, offset: number, limit: number) {
  let query = db.selectFrom('candidate').where('candidate_list_id', '=', listId);
  if (filter.legalStatus) query = query.where('legal_status', '=', filter.legalStatus);
  if (filter.ageBand) query = query.where('age_band', '=', filter.ageBand);
  if (filter.sex) query = query.where('sex', '=', filter.sex);
  if (filter.ethnicity) query = query.where('ethnicity', 'in', filter.ethnicity.length ? [...filter.ethnicity] : ['']);
  const [rows, count] = await Promise.all([
    query
      .select(['id', 'row_number', 'legal_status', 'age_band', 'sex', 'ethnicity'])
      .orderBy('row_number')
      .offset(offset)
      .limit(limit)
      .execute(),
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

export async function candidatesByIds(db: Db, listId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('candidate')
    .select(['id', 'row_number', 'legal_status', 'age_band', 'sex', 'ethnicity', 'attributes', 'identity_encrypted'])
    .where('candidate_list_id', '=', listId)
    .where('id', 'in', [...ids])
    .orderBy('row_number')
    .execute();
}

/** Which of a list's candidates are already cases in the audit, and as which case. */
export async function casesFromList(db: Db, auditId: string, listId: string) {
  return db
    .selectFrom('audit_case as c')
    .innerJoin('candidate as k', 'k.id', 'c.candidate_id')
    .select(['c.id', 'c.reference', 'c.candidate_id'])
    .where('c.audit_id', '=', auditId)
    .where('k.candidate_list_id', '=', listId)
    .execute();
}

export async function insertDraw(
  db: Db,
  values: {
    auditId: string;
    listId: string;
    seed: string;
    size: number;
    strata: string[];
    candidateIds: string[];
    createdBy: string;
  },
): Promise<string> {
  const row = await db
    .insertInto('sampling_draw')
    .values({
      audit_id: values.auditId,
      candidate_list_id: values.listId,
      seed: values.seed,
      sample_size: values.size,
      strata: values.strata,
      candidate_ids: values.candidateIds,
      created_by: values.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findDraw(db: Db, auditId: string, listId: string, drawId: string) {
  return db
    .selectFrom('sampling_draw')
    .select(['id', 'seed', 'sample_size', 'strata', 'candidate_ids', 'created_at'])
    .where('id', '=', drawId)
    .where('audit_id', '=', auditId)
    .where('candidate_list_id', '=', listId)
    .executeTakeFirst();
}

export async function drawsOf(db: Db, listId: string) {
  return db
    .selectFrom('sampling_draw')
    .select(['id', 'seed', 'sample_size', 'strata', 'candidate_ids', 'created_at'])
    .where('candidate_list_id', '=', listId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** Holds the audit while cases are numbered, so two selections at once cannot take the same "Case N". */
export async function lockAudit(db: Db, auditId: string): Promise<void> {
  await db.selectFrom('audit').select('id').where('id', '=', auditId).forUpdate().execute();
}
