import type { Executor } from '../../db/transaction.ts';
import type { AuditStatus, MilestoneKind } from '../../db/schema.ts';
import type { AuditScope } from '../../domain/audit-plan.ts';

/** One audit as plain SQL: its plan, milestones and status history. */
export function themeName(label: string | null | undefined, text: string | null | undefined): string {
  return label ?? text ?? 'No theme';
}

export type Milestone = {
  id: string;
  kind: MilestoneKind;
  label: string;
  due: string | null;
  done: string | null;
  position: number;
};
export type StatusChange = { from: AuditStatus; to: AuditStatus; reason: string | null; at: Date; by: string | null };

export type AuditDetail = {
  id: string;
  partnershipId: string;
  reference: string;
  title: string;
  themeId: string | null;
  themeText: string | null;
  theme: string;
  linesOfEnquiry: string;
  scope: AuditScope;
  methodology: string;
  jointPartnerships: string[];
  status: AuditStatus;
  statusChangedAt: Date;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export async function findAudit(
  db: Executor,
  partnershipId: string,
  auditId: string,
): Promise<AuditDetail | undefined> {
  const r = await db
    .selectFrom('audit as a')
    .leftJoin('audit_theme as t', 't.id', 'a.theme_id')
    .selectAll('a')
    .select('t.label as theme_label')
    .where('a.id', '=', auditId)
    .where('a.partnership_id', '=', partnershipId)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    partnershipId: r.partnership_id,
    reference: r.reference,
    title: r.title,
    themeId: r.theme_id,
    themeText: r.theme_text,
    theme: themeName(r.theme_label, r.theme_text),
    linesOfEnquiry: r.lines_of_enquiry,
    scope: {
      kind: r.scope_kind,
      from: r.scope_from,
      to: r.scope_to,
      months: r.scope_months,
      referenceDate: r.scope_reference_date,
    },
    methodology: r.methodology,
    jointPartnerships: r.joint_partnerships,
    status: r.status,
    statusChangedAt: r.status_changed_at,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function listMilestones(db: Executor, auditId: string): Promise<Milestone[]> {
  const rows = await db
    .selectFrom('audit_milestone')
    .select(['id', 'kind', 'label', 'due_on', 'done_on', 'position'])
    .where('audit_id', '=', auditId)
    .orderBy('position')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    label: r.label,
    due: r.due_on,
    done: r.done_on,
    position: r.position,
  }));
}

export async function listStatusChanges(db: Executor, auditId: string): Promise<StatusChange[]> {
  const rows = await db
    .selectFrom('audit_status_change as s')
    .leftJoin('app_user as u', 'u.id', 's.created_by')
    .select(['s.from_status', 's.to_status', 's.reason', 's.created_at', 'u.display_name'])
    .where('s.audit_id', '=', auditId)
    .orderBy('s.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    from: r.from_status,
    to: r.to_status,
    reason: r.reason,
    at: r.created_at,
    by: r.display_name,
  }));
}

/** The columns access checks need, for an audit of this partnership. */
export function findAuditForAccess(db: Executor, partnershipId: string, auditId: string) {
  return db
    .selectFrom('audit')
    .select(['id', 'partnership_id', 'reference', 'title', 'status', 'version'])
    .where('id', '=', auditId)
    .where('partnership_id', '=', partnershipId)
    .executeTakeFirst();
}

export async function invitedAgencyIds(db: Executor, auditId: string): Promise<string[]> {
  const rows = await db.selectFrom('audit_agency').select('agency_id').where('audit_id', '=', auditId).execute();
  return rows.map((r) => r.agency_id);
}

export function findCaseInAudit(db: Executor, auditId: string, caseId: string) {
  return db
    .selectFrom('audit_case')
    .select(['id', 'reference', 'version'])
    .where('id', '=', caseId)
    .where('audit_id', '=', auditId)
    .executeTakeFirst();
}

/** An audit's cases in their order. */
export function auditCaseList(db: Executor, auditId: string) {
  return db
    .selectFrom('audit_case')
    .select(['id', 'reference'])
    .where('audit_id', '=', auditId)
    .orderBy('position')
    .orderBy('reference')
    .execute();
}

/** The agencies invited to an audit, by name. */
export function invitedAgencyList(db: Executor, auditId: string) {
  return db
    .selectFrom('audit_agency as aa')
    .innerJoin('agency as g', 'g.id', 'aa.agency_id')
    .select(['g.id', 'g.name'])
    .where('aa.audit_id', '=', auditId)
    .orderBy('g.name')
    .execute();
}
