import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { fillTemplate, type BriefingSection } from '../../domain/briefing-template.ts';
import { findIdentifyingDetails, type RedactionHit } from '../../domain/redaction-guard.ts';
import { BRIEFING_KIND_LABELS, type BriefingKind } from '../../domain/shipped-briefings.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { NotFound } from '../../web/errors.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { auditForUser, isUuid, type AuditInContext } from '../audits/audit-access.ts';
import { loadBriefingModel } from './briefing-model.ts';
import type { BriefingTemplateService } from './briefing-template-service.ts';
import type { RedactionTermService } from './redaction-terms.ts';

export type SectionHit = {
  sectionIndex: number;
  heading: string;
  hit: RedactionHit;
  source: 'case' | 'custom';
  termId?: string;
  key: string;
  overridable: boolean;
};

export const kindLabel = (kind: string) => BRIEFING_KIND_LABELS[kind as BriefingKind] ?? kind;

/** A hit's identity across saves: the term, the section and the words around it. */
function hitKey(termId: string, sectionIndex: number, hit: RedactionHit): string {
  return crypto
    .createHash('sha256')
    .update(`${termId}|${sectionIndex}|${hit.context.toLowerCase()}`)
    .digest('hex')
    .slice(0, 32);
}

export function createBriefingService(
  db: Db,
  deps: { templates: BriefingTemplateService; terms: RedactionTermService },
) {
  async function briefingIn(audit: Pick<AuditInContext, 'id'>, briefingId: string) {
    if (!isUuid(briefingId)) throw new NotFound();
    const row = await db
      .selectFrom('briefing')
      .selectAll()
      .where('id', '=', briefingId)
      .where('audit_id', '=', audit.id)
      .executeTakeFirst();
    if (!row) throw new NotFound();
    return row;
  }

  async function version(briefingId: string, number: number) {
    const row = await db
      .selectFrom('briefing_version')
      .selectAll()
      .where('briefing_id', '=', briefingId)
      .where('number', '=', number)
      .executeTakeFirst();
    if (!row) throw new NotFound();
    return row;
  }

  return {
    load: (user: CurrentUser, auditId: string, action: 'briefing:read' | 'briefing:edit') =>
      auditForUser(db, user, auditId, action),

    async list(audit: AuditInContext) {
      return db
        .selectFrom('briefing as b')
        .innerJoin('briefing_version as v', (j) =>
          j.onRef('v.briefing_id', '=', 'b.id').onRef('v.number', '=', 'b.current_version'),
        )
        .select([
          'b.id',
          'b.kind',
          'b.current_version',
          'b.published_version',
          'b.published_at',
          'v.title',
          'v.created_at as saved_at',
        ])
        .where('b.audit_id', '=', audit.id)
        .orderBy('b.created_at')
        .execute();
    },

    async generate(user: CurrentUser, audit: AuditInContext, templateId: string, actor: Actor): Promise<string> {
      const template = await deps.templates.find(audit.partnershipId, templateId);
      const model = await loadBriefingModel(db, audit);
      const sections = fillTemplate(template.sections, model);
      return db.transaction().execute(async (trx) => {
        const b = await trx
          .insertInto('briefing')
          .values({ audit_id: audit.id, template_id: template.id, kind: template.kind, created_by: user.id })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('briefing_version')
          .values({
            briefing_id: b.id,
            number: 1,
            title: `${template.name}: ${audit.title}`,
            sections: JSON.stringify(sections) as never,
            note: `Generated from the template “${template.name}”`,
            created_by: user.id,
          })
          .execute();
        await appendAuditLog(trx, actor, {
          action: 'briefing.generated',
          recordType: 'briefing',
          recordId: b.id,
          detail: { auditId: audit.id, templateId: template.id },
        });
        return b.id;
      });
    },

    async find(audit: Pick<AuditInContext, 'id'>, briefingId: string) {
      const briefing = await briefingIn(audit, briefingId);
      const current = await version(briefing.id, briefing.current_version);
      return { briefing, current };
    },

    version: async (audit: Pick<AuditInContext, 'id'>, briefingId: string, number: number) =>
      version((await briefingIn(audit, briefingId)).id, number),

    async versions(audit: AuditInContext, briefingId: string) {
      const briefing = await briefingIn(audit, briefingId);
      const rows = await db
        .selectFrom('briefing_version as v')
        .leftJoin('app_user as u', 'u.id', 'v.created_by')
        .select(['v.number', 'v.note', 'v.created_at', 'u.display_name'])
        .where('v.briefing_id', '=', briefing.id)
        .orderBy('v.number', 'desc')
        .execute();
      return { briefing, rows };
    },

    /** Every save is a new version; a save from an older version changes nothing and says so. */
    async saveSection(
      user: CurrentUser,
      audit: AuditInContext,
      briefingId: string,
      index: number,
      edited: BriefingSection,
      fromVersion: number,
      actor: Actor,
    ): Promise<
      { kind: 'saved'; version: number } | { kind: 'stale'; current: BriefingSection | undefined; version: number }
    > {
      const briefing = await briefingIn(audit, briefingId);
      return db.transaction().execute(async (trx) => {
        const moved = await trx
          .updateTable('briefing')
          .set({ current_version: fromVersion + 1, updated_at: new Date() })
          .where('id', '=', briefing.id)
          .where('current_version', '=', fromVersion)
          .returning('id')
          .executeTakeFirst();
        if (!moved) {
          const latest = await trx
            .selectFrom('briefing')
            .select('current_version')
            .where('id', '=', briefing.id)
            .executeTakeFirstOrThrow();
          const current = await trx
            .selectFrom('briefing_version')
            .select('sections')
            .where('briefing_id', '=', briefing.id)
            .where('number', '=', latest.current_version)
            .executeTakeFirstOrThrow();
          return { kind: 'stale' as const, current: current.sections[index], version: latest.current_version };
        }
        const previous = await trx
          .selectFrom('briefing_version')
          .select(['title', 'sections'])
          .where('briefing_id', '=', briefing.id)
          .where('number', '=', fromVersion)
          .executeTakeFirstOrThrow();
        if (index < 0 || index >= previous.sections.length) throw new NotFound();
        const sections = previous.sections.map((s, i) => (i === index ? edited : s));
        await trx
          .insertInto('briefing_version')
          .values({
            briefing_id: briefing.id,
            number: fromVersion + 1,
            title: previous.title,
            sections: JSON.stringify(sections) as never,
            note: `Changed section ${index + 1}`,
            created_by: user.id,
          })
          .execute();
        await appendAuditLog(trx, actor, {
          action: 'briefing.changed',
          recordType: 'briefing',
          recordId: briefing.id,
          detail: { auditId: audit.id, version: fromVersion + 1, section: index + 1 },
        });
        return { kind: 'saved' as const, version: fromVersion + 1 };
      });
    },

    /**
     * The redaction guard over every section's heading and text (of the latest version, or of the
     * version given), less hits marked as not identifying.
     */
    async check(
      audit: Pick<AuditInContext, 'id' | 'partnershipId'>,
      briefingId: string,
      actor: Actor,
      versionNumber?: number,
    ): Promise<SectionHit[]> {
      const { briefing, current: latest } = await this.find(audit, briefingId);
      const current =
        versionNumber === undefined || versionNumber === latest.number
          ? latest
          : await version(briefing.id, versionNumber);
      const terms = await deps.terms.forAudit(audit, actor);
      // The partnership's and invited agencies' names never count as a name part on their own.
      const knownWords = [
        ...(await db.selectFrom('partnership').select('name').where('id', '=', audit.partnershipId).execute()).map(
          (p) => p.name,
        ),
        ...(
          await db
            .selectFrom('audit_agency as aa')
            .innerJoin('agency as g', 'g.id', 'aa.agency_id')
            .select('g.name')
            .where('aa.audit_id', '=', audit.id)
            .execute()
        ).map((g) => g.name),
      ];
      const overrides = new Set(
        (
          await db.selectFrom('redaction_override').select('hit_key').where('briefing_id', '=', briefing.id).execute()
        ).map((o) => o.hit_key),
      );
      const hits: SectionHit[] = [];
      current.sections.forEach((section, sectionIndex) => {
        for (const hit of findIdentifyingDetails(`${section.heading}\n\n${section.text}`, terms, { knownWords })) {
          const term = terms[hit.termIndex]!;
          const key = hitKey(term.termId ?? `case:${hit.kind}:${hit.termIndex}`, sectionIndex, hit);
          if (term.source === 'custom' && overrides.has(key)) continue;
          hits.push({
            sectionIndex,
            heading: section.heading,
            hit,
            source: term.source,
            ...(term.termId ? { termId: term.termId } : {}),
            key,
            overridable: term.source === 'custom',
          });
        }
      });
      return hits;
    },

    async publish(
      audit: AuditInContext,
      briefingId: string,
      fromVersion: number,
      actor: Actor,
    ): Promise<{ kind: 'published' } | { kind: 'stale' } | { kind: 'blocked'; hits: SectionHit[] }> {
      const hits = await this.check(audit, briefingId, actor);
      if (hits.length) {
        await appendAuditLog(db, actor, {
          action: 'briefing.publish-blocked',
          recordType: 'briefing',
          recordId: briefingId,
          detail: { auditId: audit.id, hits: hits.length },
        });
        return { kind: 'blocked', hits };
      }
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('briefing')
          .set({
            published_version: fromVersion,
            published_at: new Date(),
            published_by: actor.userId,
            updated_at: new Date(),
          })
          .where('id', '=', briefingId)
          .where('audit_id', '=', audit.id)
          .where('current_version', '=', fromVersion)
          .returning('id')
          .executeTakeFirst();
        if (!row) return { kind: 'stale' as const };
        await appendAuditLog(trx, actor, {
          action: 'briefing.published',
          recordType: 'briefing',
          recordId: briefingId,
          detail: { auditId: audit.id, version: fromVersion },
        });
        return { kind: 'published' as const };
      });
    },

    async unpublish(audit: AuditInContext, briefingId: string, reason: string, actor: Actor): Promise<void> {
      const briefing = await briefingIn(audit, briefingId);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('briefing')
          .set({ published_version: null, published_at: null, published_by: null, updated_at: new Date() })
          .where('id', '=', briefing.id)
          .execute();
        await appendAuditLog(trx, actor, {
          action: 'briefing.unpublished',
          recordType: 'briefing',
          recordId: briefing.id,
          detail: { auditId: audit.id, version: briefing.published_version, reason },
        });
      });
    },

    /** Only a hit on one of the coordinator's own words may be marked as not identifying. */
    async markNotIdentifying(
      user: CurrentUser,
      audit: AuditInContext,
      briefingId: string,
      key: string,
      reason: string,
      actor: Actor,
    ): Promise<boolean> {
      const hit = (await this.check(audit, briefingId, actor)).find((h) => h.key === key);
      if (!hit || !hit.overridable || !hit.termId) return false;
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('redaction_override')
          .values({ briefing_id: briefingId, term_id: hit.termId!, hit_key: key, reason, created_by: user.id })
          .onConflict((oc) => oc.columns(['briefing_id', 'hit_key']).doNothing())
          .execute();
        await appendAuditLog(trx, actor, {
          action: 'briefing.hit-not-identifying',
          recordType: 'briefing',
          recordId: briefingId,
          detail: { auditId: audit.id, termId: hit.termId, section: hit.sectionIndex + 1, reason },
        });
      });
      return true;
    },

    /** Published briefings in the partnership, newest first, by words, theme and year. */
    async library(partnershipId: string, filter: { q?: string; theme?: string; year?: string }) {
      let query = db
        .selectFrom('briefing as b')
        .innerJoin('audit as a', 'a.id', 'b.audit_id')
        .leftJoin('audit_theme as t', 't.id', 'a.theme_id')
        .innerJoin('briefing_version as v', (j) =>
          j.onRef('v.briefing_id', '=', 'b.id').onRef('v.number', '=', 'b.published_version'),
        )
        .select([
          'b.id',
          'b.kind',
          'b.published_at',
          'v.title',
          'v.sections',
          sql<string>`coalesce(t.label, a.theme_text, '')`.as('theme'),
        ])
        .where('a.partnership_id', '=', partnershipId)
        .where('b.published_version', 'is not', null);
      const q = filter.q?.trim();
      if (q) {
        const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        query = query.where((eb) => eb.or([eb('v.title', 'ilike', like), eb(sql`v.sections::text`, 'ilike', like)]));
      }
      if (filter.theme) query = query.where(sql`coalesce(t.label, a.theme_text, '')`, '=', filter.theme);
      if (filter.year && /^\d{4}$/.test(filter.year))
        query = query.where(sql`extract(year from b.published_at)::int`, '=', Number(filter.year));
      const rows = await query.orderBy('b.published_at', 'desc').limit(200).execute();
      const all = await db
        .selectFrom('briefing as b')
        .innerJoin('audit as a', 'a.id', 'b.audit_id')
        .leftJoin('audit_theme as t', 't.id', 'a.theme_id')
        .select([
          sql<string>`coalesce(t.label, a.theme_text, '')`.as('theme'),
          sql<number>`extract(year from b.published_at)::int`.as('year'),
        ])
        .where('a.partnership_id', '=', partnershipId)
        .where('b.published_version', 'is not', null)
        .execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          kindLabel: kindLabel(r.kind),
          title: r.title,
          theme: r.theme,
          publishedAt: r.published_at,
          summary: (r.sections[1]?.text ?? r.sections[0]?.text ?? '').replace(/^[-#]+\s*/gm, '').slice(0, 240),
        })),
        themes: [...new Set(all.map((a) => a.theme).filter(Boolean))].sort(),
        years: [...new Set(all.map((a) => String(a.year)))].sort().reverse(),
      };
    },

    async libraryItem(partnershipId: string, briefingId: string) {
      if (!isUuid(briefingId)) throw new NotFound();
      const row = await db
        .selectFrom('briefing as b')
        .innerJoin('audit as a', 'a.id', 'b.audit_id')
        .innerJoin('briefing_version as v', (j) =>
          j.onRef('v.briefing_id', '=', 'b.id').onRef('v.number', '=', 'b.published_version'),
        )
        .select(['b.id', 'b.kind', 'b.published_at', 'v.title', 'v.sections'])
        .where('b.id', '=', briefingId)
        .where('a.partnership_id', '=', partnershipId)
        .where('b.published_version', 'is not', null)
        .executeTakeFirst();
      if (!row) throw new NotFound();
      return row;
    },
  };
}

export type BriefingService = ReturnType<typeof createBriefingService>;
