import { inTransaction, type Executor } from '../../db/transaction.ts';
import type { BriefingSection } from '../../domain/briefing-template.ts';
import { replaceWithPseudonyms, type PseudonymChange } from '../../domain/pseudonyms.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import type { AuditInContext } from '../audits/audit-access.ts';
import type { BriefingService } from './briefing-service.ts';
import * as repo from './briefing-repository.ts';

export type SectionChanges = { number: number; heading: string; changes: PseudonymChange[] };
export type PseudonymPlan = {
  version: number;
  sections: BriefingSection[];
  changed: SectionChanges[];
  count: number;
};

/**
 * "Replace with pseudonyms" on a blocked briefing: every hit the guard finds in the latest version
 * (less those marked not identifying here) replaced by the case's own words ("Child A", "the
 * mother", "the family's address"), shown as a preview of each change in its sentence, then applied
 * as a new version. Nothing changes until the person applies it, and only from the version previewed.
 */
export function createBriefingPseudonymService(db: Executor, core: Pick<BriefingService, 'find' | 'check'>) {
  async function plan(audit: AuditInContext, briefingId: string, actor: Actor): Promise<PseudonymPlan> {
    const { current } = await core.find(audit, briefingId);
    const hits = await core.check(audit, briefingId, actor, current.number);
    const changed: SectionChanges[] = [];
    const sections = current.sections.map((section, i) => {
      const own = hits.filter((h) => h.sectionIndex === i);
      if (own.length === 0) return section;
      // The guard read the heading and text as one ("heading\n\ntext"): replaced the same way, then split.
      const wording = new Map(own.map((h) => [h.hit.termIndex, h.standsFor]));
      const result = replaceWithPseudonyms(
        `${section.heading}\n\n${section.text}`,
        own.map((h) => h.hit),
        (termIndex) => wording.get(termIndex) ?? '[removed]',
      );
      changed.push({ number: i + 1, heading: section.heading, changes: result.changes });
      const at = result.text.indexOf('\n\n');
      return at < 0
        ? { ...section, text: result.text }
        : { ...section, heading: result.text.slice(0, at), text: result.text.slice(at + 2) };
    });
    return { version: current.number, sections, changed, count: changed.reduce((n, s) => n + s.changes.length, 0) };
  }

  return {
    previewPseudonyms: plan,

    /** Applies the replacements as a new version, if the latest is still the one previewed. */
    async applyPseudonyms(
      user: CurrentUser,
      audit: AuditInContext,
      briefingId: string,
      fromVersion: number,
      actor: Actor,
    ): Promise<{ kind: 'applied'; count: number; version: number } | { kind: 'stale' } | { kind: 'nothing' }> {
      const planned = await plan(audit, briefingId, actor);
      if (planned.version !== fromVersion) return { kind: 'stale' };
      if (planned.count === 0) return { kind: 'nothing' };
      const { briefing, current } = await core.find(audit, briefingId);
      return inTransaction(db, async (trx) => {
        if (!(await repo.moveCurrentVersion(trx, briefing.id, fromVersion))) return { kind: 'stale' as const };
        const version = fromVersion + 1;
        const plural = planned.count === 1 ? '' : 's';
        await repo.insertVersion(trx, {
          briefingId: briefing.id,
          number: version,
          title: current.title,
          sections: planned.sections,
          note: `Replaced ${planned.count} possible identifying detail${plural} with pseudonyms`,
          by: user.id,
        });
        await appendAuditLog(trx, actor, {
          action: 'briefing.pseudonyms-applied',
          recordType: 'briefing',
          recordId: briefing.id,
          detail: {
            auditId: audit.id,
            version,
            changes: planned.count,
            sections: planned.changed.map((s) => s.number),
          },
        });
        return { kind: 'applied' as const, count: planned.count, version };
      });
    },
  };
}
