import { inTransaction, type Executor } from '../../db/transaction.ts';
import { parseTemplate, type AuditTool } from '../../domain/audit-tool.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import type { AuditService } from '../audits/audit-service.ts';
import {
  ensureShippedTemplates,
  findTemplate,
  findVersion,
  insertTemplate,
  insertVersion,
  listAuditTools,
  listTemplates,
  listVersions,
  lockTemplate,
  nameTaken,
  replaceAuditTools,
  returnsStarted,
} from './template-repository.ts';

/** Who imports or reads a template: a signed-in person, or the command line (no person). */
export type TemplateAuthor = { partnershipId: string; id: string | null };

export type TemplateProblem =
  | { kind: 'invalid'; problems: string[] }
  | { kind: 'name-taken' }
  | { kind: 'stale'; latest: number }
  | { kind: 'unchanged' };
export type TemplateResult<T> = { ok: true; value: T } | { ok: false; problem: TemplateProblem };

/** JSON text or an object, validated against the template schema, with the path of every problem. */
export function readTemplate(input: unknown): TemplateResult<AuditTool> {
  let value = input;
  if (typeof input === 'string') {
    if (!input.trim())
      return { ok: false, problem: { kind: 'invalid', problems: ['Paste or choose the template JSON'] } };
    try {
      value = JSON.parse(input);
    } catch (error) {
      return {
        ok: false,
        problem: { kind: 'invalid', problems: [`The template is not valid JSON: ${(error as Error).message}`] },
      };
    }
  }
  const parsed = parseTemplate(value);
  return parsed.ok
    ? { ok: true, value: parsed.template }
    : { ok: false, problem: { kind: 'invalid', problems: parsed.problems } };
}

/** JSON with object keys sorted: PostgreSQL's jsonb does not keep the order they were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

export function createTemplateService(db: Executor, audits: AuditService) {
  const service = {
    async list(user: Pick<TemplateAuthor, 'partnershipId'>) {
      await ensureShippedTemplates(db, user.partnershipId);
      return listTemplates(db, user.partnershipId);
    },

    async show(user: Pick<TemplateAuthor, 'partnershipId'>, templateId: string, versionNumber?: number) {
      const template = await findTemplate(db, user.partnershipId, templateId);
      if (!template) return undefined;
      const version = await findVersion(db, templateId, versionNumber);
      if (!version) return undefined;
      return { template, version, versions: await listVersions(db, templateId) };
    },

    async importTemplate(user: TemplateAuthor, input: unknown, actor: Actor): Promise<TemplateResult<{ id: string }>> {
      const read = readTemplate(input);
      if (!read.ok) return read;
      return inTransaction(db, async (trx) => {
        if (await nameTaken(trx, user.partnershipId, read.value.name))
          return { ok: false as const, problem: { kind: 'name-taken' as const } };
        const id = await insertTemplate(trx, user.partnershipId, read.value, user.id);
        await appendAuditLog(trx, actor, {
          action: 'template.imported',
          recordType: 'tool_template',
          recordId: id,
          detail: { name: read.value.name },
        });
        return { ok: true as const, value: { id } };
      });
    },

    /** A new version, only if nobody else saved one since `basedOn`; the old versions stay frozen. */
    async saveNewVersion(
      user: TemplateAuthor,
      templateId: string,
      input: unknown,
      basedOn: number,
      actor: Actor,
    ): Promise<TemplateResult<{ versionNumber: number }>> {
      const read = readTemplate(input);
      if (!read.ok) return read;
      return inTransaction(db, async (trx) => {
        await lockTemplate(trx, templateId);
        const latest = await findVersion(trx, templateId);
        if (!latest)
          return {
            ok: false as const,
            problem: { kind: 'invalid' as const, problems: ['The template no longer exists'] },
          };
        if (latest.versionNumber !== basedOn)
          return { ok: false as const, problem: { kind: 'stale' as const, latest: latest.versionNumber } };
        if (canonical(latest.content) === canonical(read.value))
          return { ok: false as const, problem: { kind: 'unchanged' as const } };
        if (await nameTaken(trx, user.partnershipId, read.value.name, templateId))
          return { ok: false as const, problem: { kind: 'name-taken' as const } };
        const versionNumber = await insertVersion(trx, templateId, read.value, user.id);
        await appendAuditLog(trx, actor, {
          action: 'template.version-created',
          recordType: 'tool_template',
          recordId: templateId,
          detail: { versionNumber },
        });
        return { ok: true as const, value: { versionNumber } };
      });
    },

    /** The tools an audit uses: the latest version of each chosen template, frozen from then on. */
    async setAuditTools(
      user: CurrentUser,
      auditId: string,
      templateIds: string[],
      actor: Actor,
    ): Promise<{ ok: true } | { ok: false; problem: 'started' | 'unknown' }> {
      return inTransaction(db, async (trx) => {
        if (await returnsStarted(trx, auditId)) return { ok: false as const, problem: 'started' as const };
        const versionIds: string[] = [];
        for (const templateId of templateIds) {
          const template = await findTemplate(trx, user.partnershipId, templateId);
          const version = template && !template.archived ? await findVersion(trx, templateId) : undefined;
          if (!version) return { ok: false as const, problem: 'unknown' as const };
          versionIds.push(version.id);
        }
        await replaceAuditTools(trx, auditId, versionIds);
        await appendAuditLog(trx, actor, {
          action: 'audit.tools-chosen',
          recordType: 'audit',
          recordId: auditId,
          detail: { templateVersionIds: versionIds },
        });
        return { ok: true as const };
      });
    },

    auditTools(auditId: string) {
      return listAuditTools(db, auditId);
    },

    /** The audit-tools page: the audit, the tools that may be chosen, and those chosen now. */
    async toolsPage(user: CurrentUser, auditId: string) {
      const audit = await audits.forUser(user, auditId, 'audit:manage');
      const [all, tools] = await Promise.all([service.list(user), listAuditTools(db, audit.id)]);
      return { audit, templates: all.filter((t) => !t.archived), chosen: tools.map((t) => t.templateId) };
    },

    /** A template written to a file by an operator at the command line. */
    async recordExport(actor: Actor, templateId: string, versionNumber: number): Promise<void> {
      await appendAuditLog(db, actor, {
        action: 'template.exported-by-cli',
        recordType: 'tool_template',
        recordId: templateId,
        detail: { versionNumber },
      });
    },
  };
  return service;
}

export type TemplateService = ReturnType<typeof createTemplateService>;
