import type { Db } from '../../db/database.ts';
import type { AuditTool } from '../../domain/audit-tool.ts';
import type { ReturnStatus } from '../../domain/return-lifecycle.ts';

/** SQL for agency returns. Every function takes the database or a transaction. */
export type ReturnRow = {
  id: string;
  caseId: string;
  caseReference: string;
  agencyId: string;
  agencyName: string;
  agencyType: string;
  auditId: string;
  auditTitle: string;
  auditStatus: string;
  auditSettings: Record<string, unknown>;
  partnershipId: string;
  status: ReturnStatus;
  version: number;
  auditorName: string;
  auditorRole: string;
  overallGrade: string | null;
  overallRationale: string;
  leadComments: string;
  submittedAt: Date | null;
  signedOffAt: Date | null;
};

export async function findReturn(
  db: Db,
  returnId: string,
  options: { forUpdate?: boolean } = {},
): Promise<ReturnRow | undefined> {
  let query = db
    .selectFrom('agency_return as r')
    .innerJoin('audit_case as c', 'c.id', 'r.case_id')
    .innerJoin('audit as a', 'a.id', 'c.audit_id')
    .innerJoin('agency as g', 'g.id', 'r.agency_id')
    .select([
      'r.id',
      'r.case_id',
      'c.reference',
      'r.agency_id',
      'g.name as agency_name',
      'g.type as agency_type',
      'a.id as audit_id',
      'a.title',
      'a.status as audit_status',
      'a.settings',
      'a.partnership_id',
      'r.status',
      'r.version',
      'r.auditor_name',
      'r.auditor_role',
      'r.overall_grade',
      'r.overall_rationale',
      'r.lead_comments',
      'r.submitted_at',
      'r.signed_off_at',
    ])
    .where('r.id', '=', returnId);
  if (options.forUpdate) query = query.forUpdate('r');
  const r = await query.executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    caseId: r.case_id,
    caseReference: r.reference,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    agencyType: r.agency_type,
    auditId: r.audit_id,
    auditTitle: r.title,
    auditStatus: r.audit_status,
    auditSettings: r.settings,
    partnershipId: r.partnership_id,
    status: r.status,
    version: r.version,
    auditorName: r.auditor_name,
    auditorRole: r.auditor_role,
    overallGrade: r.overall_grade,
    overallRationale: r.overall_rationale,
    leadComments: r.lead_comments,
    submittedAt: r.submitted_at,
    signedOffAt: r.signed_off_at,
  };
}

export type ToolVersion = { id: string; content: AuditTool };

export async function auditToolVersions(db: Db, auditId: string): Promise<ToolVersion[]> {
  const rows = await db
    .selectFrom('audit_tool as t')
    .innerJoin('template_version as v', 'v.id', 't.template_version_id')
    .select(['v.id', 'v.content'])
    .where('t.audit_id', '=', auditId)
    .orderBy('t.position')
    .execute();
  return rows.map((r) => ({ id: r.id, content: r.content as unknown as AuditTool }));
}

export type SectionState = {
  templateVersionId: string;
  sectionKey: string;
  status: 'in_progress' | 'completed';
  workedWell: string;
  areasForDevelopment: string;
  version: number;
};

export async function sectionStates(db: Db, returnId: string): Promise<SectionState[]> {
  const rows = await db.selectFrom('return_section').selectAll().where('return_id', '=', returnId).execute();
  return rows.map((r) => ({
    templateVersionId: r.template_version_id,
    sectionKey: r.section_key,
    status: r.status,
    workedWell: r.worked_well,
    areasForDevelopment: r.areas_for_development,
    version: r.version,
  }));
}

export type Answer = { questionKey: string; answer: string; evidence: string };

export async function answersFor(
  db: Db,
  returnId: string,
  templateVersionId?: string,
): Promise<(Answer & { templateVersionId: string })[]> {
  let query = db
    .selectFrom('return_answer')
    .select(['question_key', 'answer', 'evidence', 'template_version_id'])
    .where('return_id', '=', returnId);
  if (templateVersionId) query = query.where('template_version_id', '=', templateVersionId);
  const rows = await query.execute();
  return rows.map((r) => ({
    questionKey: r.question_key,
    answer: r.answer,
    evidence: r.evidence,
    templateVersionId: r.template_version_id,
  }));
}

/**
 * Saves a section if its version is still `expectedVersion` (0 when never saved). Returns the new
 * version, or undefined when someone else saved first: nothing is written then.
 */
export async function saveSectionIfCurrent(
  db: Db,
  input: {
    returnId: string;
    templateVersionId: string;
    sectionKey: string;
    expectedVersion: number;
    status: 'in_progress' | 'completed';
    workedWell: string;
    areasForDevelopment: string;
    answers: Answer[];
    userId: string;
  },
): Promise<number | undefined> {
  let version: number | undefined;
  if (input.expectedVersion === 0) {
    const inserted = await db
      .insertInto('return_section')
      .values({
        return_id: input.returnId,
        template_version_id: input.templateVersionId,
        section_key: input.sectionKey,
        status: input.status,
        worked_well: input.workedWell,
        areas_for_development: input.areasForDevelopment,
        updated_by: input.userId,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('version')
      .executeTakeFirst();
    version = inserted?.version;
  } else {
    const updated = await db
      .updateTable('return_section')
      .set((eb) => ({
        status: input.status,
        worked_well: input.workedWell,
        areas_for_development: input.areasForDevelopment,
        updated_by: input.userId,
        updated_at: new Date(),
        version: eb('version', '+', 1),
      }))
      .where('return_id', '=', input.returnId)
      .where('template_version_id', '=', input.templateVersionId)
      .where('section_key', '=', input.sectionKey)
      .where('version', '=', input.expectedVersion)
      .returning('version')
      .executeTakeFirst();
    version = updated?.version;
  }
  if (version === undefined) return undefined;
  // One statement for the whole section: fewer round trips while the return row is locked.
  if (input.answers.length) {
    await db
      .insertInto('return_answer')
      .values(
        input.answers.map((answer) => ({
          return_id: input.returnId,
          template_version_id: input.templateVersionId,
          question_key: answer.questionKey,
          answer: answer.answer,
          evidence: answer.evidence,
          updated_by: input.userId,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['return_id', 'template_version_id', 'question_key']).doUpdateSet((eb) => ({
          answer: eb.ref('excluded.answer'),
          evidence: eb.ref('excluded.evidence'),
          updated_by: eb.ref('excluded.updated_by'),
          updated_at: new Date(),
        })),
      )
      .execute();
  }
  return version;
}

export async function setReturnStatus(
  db: Db,
  returnId: string,
  status: ReturnStatus,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await db
    .updateTable('agency_return')
    .set((eb) => ({ status, updated_at: new Date(), version: eb('version', '+', 1), ...extra }))
    .where('id', '=', returnId)
    .execute();
}

export async function recordEvent(
  db: Db,
  returnId: string,
  event: string,
  from: string,
  to: string,
  comment: string,
  userId: string,
): Promise<void> {
  await db
    .insertInto('return_event')
    .values({ return_id: returnId, event, from_status: from, to_status: to, comment, created_by: userId })
    .execute();
}

/** The agencies invited to the audit: a return's resource for the permission check. */
export async function invitedAgencyIds(db: Db, auditId: string): Promise<string[]> {
  const rows = await db.selectFrom('audit_agency').select('agency_id').where('audit_id', '=', auditId).execute();
  return rows.map((r) => r.agency_id);
}

export async function saveOverall(
  db: Db,
  returnId: string,
  input: { grade: string; rationale: string; auditorName: string; auditorRole: string },
  userId: string,
  status: ReturnStatus,
): Promise<void> {
  await db
    .updateTable('agency_return')
    .set((eb) => ({
      overall_grade: input.grade || null,
      overall_rationale: input.rationale,
      auditor_name: input.auditorName,
      auditor_role: input.auditorRole,
      auditor_user_id: userId,
      version: eb('version', '+', 1),
      updated_at: new Date(),
      status,
    }))
    .where('id', '=', returnId)
    .execute();
}
