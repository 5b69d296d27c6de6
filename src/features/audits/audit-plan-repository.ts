import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.ts';
import type { AuditStatus } from '../../db/schema.ts';
import type { AuditPlan } from '../../domain/audit-plan.ts';

/** Writing an audit's plan, milestones and status. Each takes the caller's transaction. */
function planColumns(plan: AuditPlan) {
  const months = plan.scope.kind === 'months';
  return {
    title: plan.title,
    theme_id: plan.themeId,
    theme_text: plan.themeId ? null : plan.themeText,
    lines_of_enquiry: plan.linesOfEnquiry,
    scope_kind: plan.scope.kind,
    scope_from: months ? null : plan.scope.from,
    scope_to: months ? null : plan.scope.to,
    scope_months: months ? plan.scope.months : null,
    scope_reference_date: months ? plan.scope.referenceDate : null,
    methodology: plan.methodology,
    joint_partnerships: plan.jointPartnerships,
  };
}

/** The partnership's references that look like `${prefix}-${year}-NN`, to number the next one. */
export async function referencesForYear(
  db: Executor,
  partnershipId: string,
  prefix: string,
  year: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('audit')
    .select('reference')
    .where('partnership_id', '=', partnershipId)
    .where(sql<boolean>`lower(reference) LIKE lower(${`${prefix}-${year}-%`})`)
    .execute();
  return rows.map((r) => r.reference);
}

export async function referenceTaken(
  db: Executor,
  partnershipId: string,
  reference: string,
  exceptAuditId?: string,
): Promise<boolean> {
  let query = db
    .selectFrom('audit')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where(sql<boolean>`lower(reference) = lower(${reference})`);
  if (exceptAuditId) query = query.where('id', '!=', exceptAuditId);
  return !!(await query.executeTakeFirst());
}

/** Inserts the audit; undefined when the reference is already used (the unique index decides). */
export async function insertAudit(
  db: Executor,
  partnershipId: string,
  plan: AuditPlan,
  reference: string,
  userId: string,
): Promise<string | undefined> {
  const row = await db
    .insertInto('audit')
    .values({ partnership_id: partnershipId, reference, created_by: userId, ...planColumns(plan) })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Updates the plan only if nobody saved since `version`; false when they did. */
export async function updateAuditPlan(
  db: Executor,
  auditId: string,
  plan: AuditPlan,
  reference: string,
  version: number,
): Promise<boolean> {
  const result = await db
    .updateTable('audit')
    .set({ reference, ...planColumns(plan), version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', auditId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replaceMilestones(
  db: Executor,
  auditId: string,
  milestones: AuditPlan['milestones'],
): Promise<void> {
  await db.deleteFrom('audit_milestone').where('audit_id', '=', auditId).execute();
  if (milestones.length === 0) return;
  await db
    .insertInto('audit_milestone')
    .values(
      milestones.map((m, position) => ({
        audit_id: auditId,
        kind: m.kind,
        label: m.label,
        due_on: m.due,
        done_on: m.done,
        position,
      })),
    )
    .execute();
}

/** Moves the audit's status only if nobody changed the audit since `version`. */
export async function changeStatus(
  db: Executor,
  input: {
    auditId: string;
    from: AuditStatus;
    to: AuditStatus;
    reason: string | null;
    version: number;
    userId: string;
  },
): Promise<boolean> {
  const now = new Date();
  const result = await db
    .updateTable('audit')
    .set({ status: input.to, status_changed_at: now, version: sql`version + 1`, updated_at: now })
    .where('id', '=', input.auditId)
    .where('version', '=', input.version)
    .where('status', '=', input.from)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await db
    .insertInto('audit_status_change')
    .values({
      audit_id: input.auditId,
      from_status: input.from,
      to_status: input.to,
      reason: input.reason,
      created_by: input.userId,
    })
    .execute();
  return true;
}

/** The audit's row locked for the rest of the transaction, so two saves of one version cannot both pass. */
export function lockAudit(db: Executor, auditId: string) {
  return db
    .selectFrom('audit')
    .select(['reference', 'status', 'version'])
    .where('id', '=', auditId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}
