import type { Executor } from '../../db/transaction.ts';
import { inTransaction } from '../../db/transaction.ts';
import { fillTemplate, type BriefingSection } from '../../domain/briefing-template.ts';
import { BRIEFING_KIND_LABELS, type BriefingKind } from '../../domain/shipped-briefings.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { NotFound } from '../../web/errors.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { auditForUser, isUuid, type AuditInContext } from '../audits/audit-access.ts';
import { sectionHits, type SectionHit } from './briefing-guard.ts';
import { loadBriefingModel } from './briefing-model.ts';
import * as repo from './briefing-repository.ts';
import type { BriefingTemplateService } from './briefing-template-service.ts';
import type { RedactionTermService } from './redaction-term-service.ts';

export type { SectionHit } from './briefing-guard.ts';

export const kindLabel = (kind: string) => BRIEFING_KIND_LABELS[kind as BriefingKind] ?? kind;

type Saved =
  { kind: 'saved'; version: number } | { kind: 'stale'; current: BriefingSection | undefined; version: number };

export function createBriefingService(
  db: Executor,
  deps: { templates: BriefingTemplateService; terms: RedactionTermService },
) {
  const log = (executor: Executor, actor: Actor, action: string, id: string, detail: Record<string, unknown>) =>
    appendAuditLog(executor, actor, { action, recordType: 'briefing', recordId: id, detail });

  async function briefingIn(audit: Pick<AuditInContext, 'id'>, briefingId: string) {
    if (!isUuid(briefingId)) throw new NotFound();
    const row = await repo.briefingOfAudit(db, audit.id, briefingId);
    if (!row) throw new NotFound();
    return row;
  }

  async function version(briefingId: string, number: number) {
    const row = await repo.version(db, briefingId, number);
    if (!row) throw new NotFound();
    return row;
  }

  async function find(audit: Pick<AuditInContext, 'id'>, briefingId: string) {
    const briefing = await briefingIn(audit, briefingId);
    return { briefing, current: await version(briefing.id, briefing.current_version) };
  }

  /**
   * The redaction guard over every section's heading and text (of the latest version, or of the
   * version given), less hits marked as not identifying.
   */
  async function check(
    audit: Pick<AuditInContext, 'id' | 'partnershipId'>,
    briefingId: string,
    actor: Actor,
    versionNumber?: number,
  ): Promise<SectionHit[]> {
    const { briefing, current: latest } = await find(audit, briefingId);
    const current =
      versionNumber === undefined || versionNumber === latest.number
        ? latest
        : await version(briefing.id, versionNumber);
    const terms = await deps.terms.forAudit(audit, actor);
    const [knownWords, overrides] = await Promise.all([
      repo.knownWords(db, audit.partnershipId, audit.id),
      repo.overrideKeys(db, briefing.id),
    ]);
    return sectionHits(current.sections, terms, knownWords, overrides, current.number);
  }

  return {
    load: (user: CurrentUser, auditId: string, action: 'briefing:read' | 'briefing:edit') =>
      auditForUser(db, user, auditId, action),

    list: (audit: Pick<AuditInContext, 'id'>) => repo.briefingsOfAudit(db, audit.id),

    /** What was marked "not identifying here" in one version, and why: shown on the briefing. */
    marks: (briefingId: string, version: number) => repo.overridesOfVersion(db, briefingId, version),

    async generate(user: CurrentUser, audit: AuditInContext, templateId: string, actor: Actor): Promise<string> {
      const template = await deps.templates.find(audit.partnershipId, templateId);
      const sections = fillTemplate(template.sections, await loadBriefingModel(db, audit));
      return inTransaction(db, async (trx) => {
        const id = await repo.insertBriefing(trx, {
          auditId: audit.id,
          templateId: template.id,
          kind: template.kind,
          createdBy: user.id,
        });
        await repo.insertVersion(trx, {
          briefingId: id,
          number: 1,
          title: `${template.name}: ${audit.title}`,
          sections,
          note: `Generated from the template “${template.name}”`,
          by: user.id,
        });
        await log(trx, actor, 'briefing.generated', id, { auditId: audit.id, templateId: template.id });
        return id;
      });
    },

    find,
    check,

    version: async (audit: Pick<AuditInContext, 'id'>, briefingId: string, number: number) =>
      version((await briefingIn(audit, briefingId)).id, number),

    async versions(audit: AuditInContext, briefingId: string) {
      const briefing = await briefingIn(audit, briefingId);
      return { briefing, rows: await repo.versionsOf(db, briefing.id) };
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
    ): Promise<Saved> {
      const briefing = await briefingIn(audit, briefingId);
      return inTransaction(db, async (trx) => {
        if (!(await repo.moveCurrentVersion(trx, briefing.id, fromVersion))) {
          const latest = await repo.currentVersionNumber(trx, briefing.id);
          const current = await repo.version(trx, briefing.id, latest);
          return { kind: 'stale' as const, current: current?.sections[index], version: latest };
        }
        const previous = await repo.version(trx, briefing.id, fromVersion);
        if (!previous || index < 0 || index >= previous.sections.length) throw new NotFound();
        await repo.insertVersion(trx, {
          briefingId: briefing.id,
          number: fromVersion + 1,
          title: previous.title,
          sections: previous.sections.map((s, i) => (i === index ? edited : s)),
          note: `Changed section ${index + 1}`,
          by: user.id,
        });
        const detail = { auditId: audit.id, version: fromVersion + 1, section: index + 1 };
        await log(trx, actor, 'briefing.changed', briefing.id, detail);
        return { kind: 'saved' as const, version: fromVersion + 1 };
      });
    },

    async publish(
      audit: AuditInContext,
      briefingId: string,
      fromVersion: number,
      actor: Actor,
    ): Promise<{ kind: 'published' } | { kind: 'stale' } | { kind: 'blocked'; hits: SectionHit[] }> {
      const hits = await check(audit, briefingId, actor);
      if (hits.length) {
        await log(db, actor, 'briefing.publish-blocked', briefingId, { auditId: audit.id, hits: hits.length });
        return { kind: 'blocked', hits };
      }
      return inTransaction(db, async (trx) => {
        const published = await repo.publish(trx, {
          briefingId,
          auditId: audit.id,
          version: fromVersion,
          by: actor.userId,
        });
        if (!published) return { kind: 'stale' as const };
        await log(trx, actor, 'briefing.published', briefingId, { auditId: audit.id, version: fromVersion });
        return { kind: 'published' as const };
      });
    },

    async unpublish(audit: AuditInContext, briefingId: string, reason: string, actor: Actor): Promise<void> {
      const briefing = await briefingIn(audit, briefingId);
      await inTransaction(db, async (trx) => {
        await repo.unpublish(trx, briefing.id);
        const detail = { auditId: audit.id, version: briefing.published_version, reason };
        await log(trx, actor, 'briefing.unpublished', briefing.id, detail);
      });
    },

    /**
     * A hit on one of the coordinator's own words, or on one part of a name alone, may be marked as
     * not identifying here: for the latest version only, with the reason, logged.
     */
    async markNotIdentifying(
      user: CurrentUser,
      audit: AuditInContext,
      briefingId: string,
      key: string,
      reason: string,
      actor: Actor,
    ): Promise<boolean> {
      const { current } = await find(audit, briefingId);
      const hit = (await check(audit, briefingId, actor, current.number)).find((h) => h.key === key);
      if (!hit?.overridable) return false;
      const mark = { version: current.number, section: hit.sectionIndex + 1, kind: hit.hit.kind };
      await inTransaction(db, async (trx) => {
        await repo.insertOverride(trx, { briefingId, termId: hit.termId ?? null, key, reason, by: user.id, ...mark });
        const detail = { auditId: audit.id, termId: hit.termId ?? null, rule: hit.hit.rule, ...mark, reason };
        await log(trx, actor, 'briefing.hit-not-identifying', briefingId, detail);
      });
      return true;
    },
  };
}

export type BriefingService = ReturnType<typeof createBriefingService>;
