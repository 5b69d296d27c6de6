import { inTransaction, type Executor } from '../../db/transaction.ts';
import type { AuditTool } from '../../domain/audit-tool.ts';
import { SHIPPED_TOOLS } from '../../domain/shipped-templates.ts';

export type TemplateSummary = {
  id: string;
  name: string;
  description: string;
  shippedKey: string | null;
  archived: boolean;
  latestVersion: number;
  inUse: number;
};
export type TemplateVersion = {
  id: string;
  templateId: string;
  versionNumber: number;
  content: AuditTool;
  createdAt: Date;
};

/** The shipped tools exist in every partnership; safe to call on every read, and concurrently. */
export async function ensureShippedTemplates(db: Executor, partnershipId: string): Promise<void> {
  const existing = await db
    .selectFrom('tool_template')
    .select('shipped_key')
    .where('partnership_id', '=', partnershipId)
    .where('shipped_key', 'is not', null)
    .execute();
  const have = new Set(existing.map((r) => r.shipped_key));
  for (const shipped of SHIPPED_TOOLS.filter((s) => !have.has(s.key))) {
    await inTransaction(db, async (trx) => {
      const row = await trx
        .insertInto('tool_template')
        .values({
          partnership_id: partnershipId,
          name: shipped.tool.name,
          description: shipped.tool.description,
          shipped_key: shipped.key,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      if (row)
        await trx
          .insertInto('template_version')
          .values({ template_id: row.id, version_number: 1, content: JSON.stringify(shipped.tool) })
          .execute();
    });
  }
}

export async function listTemplates(db: Executor, partnershipId: string): Promise<TemplateSummary[]> {
  const rows = await db
    .selectFrom('tool_template as t')
    .select((eb) => [
      't.id',
      't.name',
      't.description',
      't.shipped_key',
      't.archived',
      eb
        .selectFrom('template_version as v')
        .select((e) => e.fn.max('v.version_number').as('n'))
        .whereRef('v.template_id', '=', 't.id')
        .as('latest'),
      eb
        .selectFrom('audit_tool as a')
        .innerJoin('template_version as v', 'v.id', 'a.template_version_id')
        .select((e) => e.fn.count('a.audit_id').distinct().as('n'))
        .whereRef('v.template_id', '=', 't.id')
        .as('in_use'),
    ])
    .where('t.partnership_id', '=', partnershipId)
    .orderBy('t.archived')
    .orderBy('t.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    shippedKey: r.shipped_key,
    archived: r.archived,
    latestVersion: Number(r.latest ?? 0),
    inUse: Number(r.in_use ?? 0),
  }));
}

export async function findTemplate(db: Executor, partnershipId: string, id: string) {
  return db
    .selectFrom('tool_template')
    .selectAll()
    .where('id', '=', id)
    .where('partnership_id', '=', partnershipId)
    .executeTakeFirst();
}

export async function listVersions(
  db: Executor,
  templateId: string,
): Promise<{ id: string; versionNumber: number; createdAt: Date; usedBy: number }[]> {
  const rows = await db
    .selectFrom('template_version as v')
    .select((eb) => [
      'v.id',
      'v.version_number',
      'v.created_at',
      eb
        .selectFrom('audit_tool as a')
        .select((e) => e.fn.countAll().as('n'))
        .whereRef('a.template_version_id', '=', 'v.id')
        .as('used_by'),
    ])
    .where('v.template_id', '=', templateId)
    .orderBy('v.version_number', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    versionNumber: r.version_number,
    createdAt: r.created_at,
    usedBy: Number(r.used_by ?? 0),
  }));
}

export async function findVersion(
  db: Executor,
  templateId: string,
  versionNumber?: number,
): Promise<TemplateVersion | undefined> {
  let query = db.selectFrom('template_version').selectAll().where('template_id', '=', templateId);
  query =
    versionNumber === undefined
      ? query.orderBy('version_number', 'desc').limit(1)
      : query.where('version_number', '=', versionNumber);
  const row = await query.executeTakeFirst();
  return row
    ? {
        id: row.id,
        templateId: row.template_id,
        versionNumber: row.version_number,
        content: row.content as unknown as AuditTool,
        createdAt: row.created_at,
      }
    : undefined;
}

export async function findVersionById(db: Executor, versionId: string): Promise<TemplateVersion | undefined> {
  const row = await db.selectFrom('template_version').selectAll().where('id', '=', versionId).executeTakeFirst();
  return row
    ? {
        id: row.id,
        templateId: row.template_id,
        versionNumber: row.version_number,
        content: row.content as unknown as AuditTool,
        createdAt: row.created_at,
      }
    : undefined;
}

/** A new version numbered after the latest; the unique (template, number) index stops two racing saves. */
export async function insertVersion(
  db: Executor,
  templateId: string,
  content: AuditTool,
  userId: string | null,
): Promise<number> {
  const latest = await db
    .selectFrom('template_version')
    .select((e) => e.fn.max('version_number').as('n'))
    .where('template_id', '=', templateId)
    .executeTakeFirst();
  const versionNumber = Number(latest?.n ?? 0) + 1;
  await db
    .insertInto('template_version')
    .values({
      template_id: templateId,
      version_number: versionNumber,
      content: JSON.stringify(content),
      created_by: userId,
    })
    .execute();
  await db
    .updateTable('tool_template')
    .set({ name: content.name, description: content.description, updated_at: new Date() })
    .where('id', '=', templateId)
    .execute();
  return versionNumber;
}

export async function insertTemplate(
  db: Executor,
  partnershipId: string,
  content: AuditTool,
  userId: string | null,
): Promise<string> {
  const row = await db
    .insertInto('tool_template')
    .values({ partnership_id: partnershipId, name: content.name, description: content.description, created_by: userId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertVersion(db, row.id, content, userId);
  return row.id;
}

export async function nameTaken(
  db: Executor,
  partnershipId: string,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  let query = db
    .selectFrom('tool_template')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
  if (exceptId) query = query.where('id', '!=', exceptId);
  return !!(await query.executeTakeFirst());
}

/** Holds the template's row until the transaction ends, so two saves of one version queue up. */
export async function lockTemplate(db: Executor, templateId: string): Promise<void> {
  await db.selectFrom('tool_template').select('id').where('id', '=', templateId).forUpdate().execute();
}

/** Whether any agency has started a return in the audit (its tools are then fixed). */
export async function returnsStarted(db: Executor, auditId: string): Promise<boolean> {
  const started = await db
    .selectFrom('agency_return as r')
    .innerJoin('audit_case as c', 'c.id', 'r.case_id')
    .select('r.id')
    .where('c.audit_id', '=', auditId)
    .where('r.status', '!=', 'not_started')
    .executeTakeFirst();
  return !!started;
}

/** The audit's tools become these template versions, in this order. */
export async function replaceAuditTools(db: Executor, auditId: string, versionIds: string[]): Promise<void> {
  await db.deleteFrom('audit_tool').where('audit_id', '=', auditId).execute();
  if (versionIds.length)
    await db
      .insertInto('audit_tool')
      .values(versionIds.map((id, position) => ({ audit_id: auditId, template_version_id: id, position })))
      .execute();
}

export function listAuditTools(db: Executor, auditId: string) {
  return db
    .selectFrom('audit_tool as a')
    .innerJoin('template_version as v', 'v.id', 'a.template_version_id')
    .innerJoin('tool_template as t', 't.id', 'v.template_id')
    .select(['t.id as templateId', 't.name', 'v.version_number as versionNumber', 'v.id as versionId'])
    .where('a.audit_id', '=', auditId)
    .orderBy('a.position')
    .execute();
}
