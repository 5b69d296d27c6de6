import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { LegalStatusCode } from '../../domain/case-attributes.ts';

/** Cases, children and household members: plain SQL, every write guarded by the row's version. */
export const CASE_COLUMNS = [
  'id',
  'audit_id',
  'reference',
  'position',
  'selection_reason',
  'selected_by',
  'source_agency_id',
  'criteria',
  'candidate_id',
  'version',
  'updated_at',
] as const;
export const CHILD_COLUMNS = [
  'id',
  'case_id',
  'pseudonym',
  'position',
  'age_years',
  'age_band',
  'unborn',
  'expected_month',
  'sex',
  'ethnicity',
  'sen_disability',
  'legal_status',
  'cp_category',
  'version',
] as const;
export const MEMBER_COLUMNS = [
  'id',
  'case_id',
  'role',
  'description',
  'in_household',
  'poses_risk',
  'position',
  'version',
] as const;

export type CaseValues = {
  reference: string;
  selectionReason: string;
  selectedBy: string;
  sourceAgencyId: string | null;
  criteria: string[];
  candidateId?: string | null;
};

export type ChildValues = {
  pseudonym: string;
  ageYears: number | null;
  ageBand: string | null;
  unborn: boolean;
  expectedMonth: string | null;
  sex: string;
  ethnicity: string;
  senDisability: string | null;
  legalStatus: LegalStatusCode;
  cpCategory: string | null;
};
export type MemberValues = { role: string; description: string; inHousehold: boolean; posesRisk: boolean };

export async function casesOf(db: Db, auditId: string) {
  return db
    .selectFrom('audit_case')
    .select(CASE_COLUMNS)
    .where('audit_id', '=', auditId)
    .orderBy('position')
    .orderBy('created_at')
    .execute();
}

export async function findCase(db: Db, auditId: string, caseId: string, forUpdate = false) {
  let query = db.selectFrom('audit_case').select(CASE_COLUMNS).where('id', '=', caseId).where('audit_id', '=', auditId);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function childrenOf(db: Db, caseIds: readonly string[]) {
  if (caseIds.length === 0) return [];
  return db
    .selectFrom('case_child')
    .select(CHILD_COLUMNS)
    .where('case_id', 'in', caseIds)
    .orderBy('position')
    .orderBy('created_at')
    .execute();
}

export async function membersOf(db: Db, caseIds: readonly string[]) {
  if (caseIds.length === 0) return [];
  return db
    .selectFrom('household_member')
    .select(MEMBER_COLUMNS)
    .where('case_id', 'in', caseIds)
    .orderBy('position')
    .orderBy('created_at')
    .execute();
}

export async function referenceTaken(
  db: Db,
  auditId: string,
  reference: string,
  exceptCaseId?: string,
): Promise<boolean> {
  let query = db
    .selectFrom('audit_case')
    .select('id')
    .where('audit_id', '=', auditId)
    .where(sql<boolean>`lower(reference) = lower(${reference})`);
  if (exceptCaseId) query = query.where('id', '!=', exceptCaseId);
  return !!(await query.executeTakeFirst());
}

export async function insertCase(db: Db, auditId: string, values: CaseValues, userId: string): Promise<string> {
  const row = await db
    .insertInto('audit_case')
    .values({
      audit_id: auditId,
      reference: values.reference,
      position: sql<number>`(SELECT coalesce(max(position), 0) + 1 FROM audit_case WHERE audit_id = ${auditId})`,
      selection_reason: values.selectionReason,
      selected_by: values.selectedBy,
      source_agency_id: values.sourceAgencyId,
      criteria: values.criteria,
      candidate_id: values.candidateId ?? null,
      created_by: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The new version, or undefined when someone else saved first (nothing is changed then). */
export async function updateCase(
  db: Db,
  caseId: string,
  version: number,
  values: CaseValues,
): Promise<number | undefined> {
  const row = await db
    .updateTable('audit_case')
    .set({
      reference: values.reference,
      selection_reason: values.selectionReason,
      selected_by: values.selectedBy,
      source_agency_id: values.sourceAgencyId,
      criteria: values.criteria,
      version: sql<number>`version + 1`,
      updated_at: new Date(),
    })
    .where('id', '=', caseId)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();
  return row?.version;
}

function childColumns(values: ChildValues) {
  return {
    pseudonym: values.pseudonym,
    age_years: values.ageYears,
    age_band: values.ageBand,
    unborn: values.unborn,
    expected_month: values.expectedMonth,
    sex: values.sex,
    ethnicity: values.ethnicity,
    sen_disability: values.senDisability,
    legal_status: values.legalStatus,
    cp_category: values.cpCategory,
  };
}

export async function insertChild(db: Db, caseId: string, values: ChildValues): Promise<string> {
  const row = await db
    .insertInto('case_child')
    .values({
      case_id: caseId,
      ...childColumns(values),
      position: sql<number>`(SELECT coalesce(max(position), 0) + 1 FROM case_child WHERE case_id = ${caseId})`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateChild(
  db: Db,
  childId: string,
  version: number,
  values: ChildValues,
): Promise<number | undefined> {
  const row = await db
    .updateTable('case_child')
    .set({ ...childColumns(values), version: sql<number>`version + 1`, updated_at: new Date() })
    .where('id', '=', childId)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();
  return row?.version;
}

export async function pseudonymTaken(
  db: Db,
  caseId: string,
  pseudonym: string,
  exceptChildId?: string,
): Promise<boolean> {
  let query = db
    .selectFrom('case_child')
    .select('id')
    .where('case_id', '=', caseId)
    .where(sql<boolean>`lower(pseudonym) = lower(${pseudonym})`);
  if (exceptChildId) query = query.where('id', '!=', exceptChildId);
  return !!(await query.executeTakeFirst());
}

function memberColumns(values: MemberValues) {
  return {
    role: values.role,
    description: values.description,
    in_household: values.inHousehold,
    poses_risk: values.posesRisk,
  };
}

export async function insertMember(db: Db, caseId: string, values: MemberValues): Promise<string> {
  const row = await db
    .insertInto('household_member')
    .values({
      case_id: caseId,
      ...memberColumns(values),
      position: sql<number>`(SELECT coalesce(max(position), 0) + 1 FROM household_member WHERE case_id = ${caseId})`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateMember(
  db: Db,
  memberId: string,
  version: number,
  values: MemberValues,
): Promise<number | undefined> {
  const row = await db
    .updateTable('household_member')
    .set({ ...memberColumns(values), version: sql<number>`version + 1`, updated_at: new Date() })
    .where('id', '=', memberId)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();
  return row?.version;
}

export async function deleteRow(
  db: Db,
  table: 'case_child' | 'household_member',
  id: string,
  caseId: string,
): Promise<boolean> {
  const result = await db.deleteFrom(table).where('id', '=', id).where('case_id', '=', caseId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function agenciesOf(db: Db, partnershipId: string) {
  return db
    .selectFrom('agency')
    .select(['id', 'name', 'active'])
    .where('partnership_id', '=', partnershipId)
    .orderBy('name')
    .execute();
}
