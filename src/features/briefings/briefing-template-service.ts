import { inTransaction, type Executor } from '../../db/transaction.ts';
import { checkTemplate, type TemplateProblem, type TemplateSection } from '../../domain/briefing-template.ts';
import { BRIEFING_KINDS } from '../../domain/shipped-briefings.ts';
import type { Actor } from '../../web/request-context.ts';
import { NotFound } from '../../web/errors.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { isUuid } from '../audits/audit-access.ts';
import * as repo from './briefing-template-repository.ts';

/** Gives the partnership its own copies of the five shipped templates, once. */
export async function ensureShippedBriefingTemplates(db: Executor, partnershipId: string): Promise<void> {
  const have = await repo.shippedKeys(db, partnershipId);
  const missing = BRIEFING_KINDS.filter((kind) => !have.includes(kind));
  if (missing.length) await repo.insertShipped(db, partnershipId, missing);
}

export type SaveTemplateResult =
  { kind: 'saved' } | { kind: 'invalid'; problems: TemplateProblem[] } | { kind: 'stale'; current: TemplateSection[] };

export function createBriefingTemplateService(db: Executor) {
  return {
    async list(partnershipId: string) {
      await ensureShippedBriefingTemplates(db, partnershipId);
      return repo.templatesOf(db, partnershipId);
    },

    async find(partnershipId: string, id: string) {
      if (!isUuid(id)) throw new NotFound();
      const row = await repo.template(db, partnershipId, id);
      if (!row) throw new NotFound();
      return row;
    },

    /** Refuses unknown placeholders; saves against the version the editor started from. */
    async save(
      partnershipId: string,
      id: string,
      sections: TemplateSection[],
      version: number,
      actor: Actor,
    ): Promise<SaveTemplateResult> {
      const problems = checkTemplate(sections);
      if (problems.length) return { kind: 'invalid', problems };
      return inTransaction(db, async (trx) => {
        if (!(await repo.saveSections(trx, { partnershipId, id, sections, version })))
          return { kind: 'stale' as const, current: await repo.sectionsOf(trx, id) };
        await appendAuditLog(trx, actor, {
          action: 'briefing-template.changed',
          recordType: 'briefing_template',
          recordId: id,
          detail: { sections: sections.length },
        });
        return { kind: 'saved' as const };
      });
    },
  };
}

export type BriefingTemplateService = ReturnType<typeof createBriefingTemplateService>;
