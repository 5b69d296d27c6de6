import type { Db } from '../db/database.ts';
import { fillTemplate } from '../domain/briefing-template.ts';
import { SHIPPED_BRIEFINGS, type BriefingKind } from '../domain/shipped-briefings.ts';
import { loadBriefingModel } from '../features/briefings/briefing-model.ts';
import { ensureShippedBriefingTemplates } from '../features/briefings/briefing-template-service.ts';

/**
 * Two published briefings, generated from the shipped templates exactly as the coordinator would,
 * so the demo practitioner finds something in the library: Northamptonshire's 6-step briefing and
 * North Yorkshire's learning-themes summary.
 */
const PUBLISHED: [string, BriefingKind][] = [
  ['NSCB-2017-DV2', 'briefing_6step'],
  ['NYSCP-2023-DA', 'learning_themes'],
];

export async function loadDemoBriefings(
  db: Db,
  partnershipId: string,
  coordinatorId: string | undefined,
): Promise<void> {
  await ensureShippedBriefingTemplates(db, partnershipId);
  for (const [reference, kind] of PUBLISHED) {
    const audit = await db
      .selectFrom('audit')
      .select(['id', 'reference', 'title', 'status', 'version'])
      .where('partnership_id', '=', partnershipId)
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    const template = await db
      .selectFrom('briefing_template')
      .select('id')
      .where('partnership_id', '=', partnershipId)
      .where('shipped_key', '=', kind)
      .executeTakeFirstOrThrow();
    const model = await loadBriefingModel(db, {
      ...audit,
      partnershipId,
      invitedAgencyIds: [],
      resource: { partnershipId },
    });
    const sections = fillTemplate(SHIPPED_BRIEFINGS[kind].sections, model);
    const briefing = await db
      .insertInto('briefing')
      .values({
        audit_id: audit.id,
        template_id: template.id,
        kind,
        published_version: 1,
        published_at: new Date(),
        published_by: coordinatorId ?? null,
        created_by: coordinatorId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('briefing_version')
      .values({
        briefing_id: briefing.id,
        number: 1,
        title: `${SHIPPED_BRIEFINGS[kind].name}: ${audit.title}`,
        sections: JSON.stringify(sections) as never,
        note: `Generated from the template “${SHIPPED_BRIEFINGS[kind].name}”`,
        created_by: coordinatorId ?? null,
      })
      .execute();
  }
}
