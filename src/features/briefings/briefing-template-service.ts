import type { Db } from '../../db/database.ts';
import { checkTemplate, type TemplateProblem, type TemplateSection } from '../../domain/briefing-template.ts';
import { BRIEFING_KINDS, SHIPPED_BRIEFINGS } from '../../domain/shipped-briefings.ts';
import type { Actor } from '../../web/request-context.ts';
import { NotFound } from '../../web/errors.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { isUuid } from '../audits/audit-access.ts';

/** Gives the partnership its own copies of the five shipped templates, once. */
export async function ensureShippedBriefingTemplates(db: Db, partnershipId: string): Promise<void> {
  const have = await db
    .selectFrom('briefing_template')
    .select('shipped_key')
    .where('partnership_id', '=', partnershipId)
    .where('shipped_key', 'is not', null)
    .execute();
  const missing = BRIEFING_KINDS.filter((kind) => !have.some((h) => h.shipped_key === kind));
  if (missing.length === 0) return;
  await db
    .insertInto('briefing_template')
    .values(
      missing.map((kind) => ({
        partnership_id: partnershipId,
        kind,
        shipped_key: kind,
        name: SHIPPED_BRIEFINGS[kind].name,
        description: SHIPPED_BRIEFINGS[kind].description,
        sections: JSON.stringify(SHIPPED_BRIEFINGS[kind].sections),
      })),
    )
    .onConflict((oc) => oc.columns(['partnership_id', 'shipped_key']).doNothing())
    .execute();
}

export type SaveTemplateResult =
  { kind: 'saved' } | { kind: 'invalid'; problems: TemplateProblem[] } | { kind: 'stale'; current: TemplateSection[] };

export function createBriefingTemplateService(db: Db) {
  return {
    async list(partnershipId: string) {
      await ensureShippedBriefingTemplates(db, partnershipId);
      return db
        .selectFrom('briefing_template')
        .select(['id', 'kind', 'name', 'description', 'version', 'updated_at'])
        .where('partnership_id', '=', partnershipId)
        .orderBy('created_at')
        .orderBy('name')
        .execute();
    },

    async find(partnershipId: string, id: string) {
      if (!isUuid(id)) throw new NotFound();
      const row = await db
        .selectFrom('briefing_template')
        .selectAll()
        .where('id', '=', id)
        .where('partnership_id', '=', partnershipId)
        .executeTakeFirst();
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
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('briefing_template')
          .set((eb) => ({ sections: JSON.stringify(sections), version: eb('version', '+', 1), updated_at: new Date() }))
          .where('id', '=', id)
          .where('partnership_id', '=', partnershipId)
          .where('version', '=', version)
          .returning('id')
          .executeTakeFirst();
        if (!row) {
          const current = await trx
            .selectFrom('briefing_template')
            .select('sections')
            .where('id', '=', id)
            .executeTakeFirstOrThrow();
          return { kind: 'stale' as const, current: current.sections };
        }
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
