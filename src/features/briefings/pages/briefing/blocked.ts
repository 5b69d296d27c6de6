import { textBlocks, type BriefingSection } from '../../../../domain/briefing-template.ts';
import { hitForViewer } from '../../../../domain/redaction-guard.ts';
import type { SectionHit } from '../../briefing-service.ts';

export const sectionsForPage = (sections: BriefingSection[]) =>
  sections.map((s, i) => ({ number: i + 1, heading: s.heading, blocks: textBlocks(s.text) }));

const LABELS: Record<string, string> = {
  name: 'a name',
  date_of_birth: 'a date of birth',
  address: 'an address',
  record_number: 'a record number',
  custom: 'one of the words to check for',
};

/** The briefing page's error summary and per-section hits, when the redaction guard finds something. */
export function blockedBy(hits: SectionHit[], maySee: boolean, mayOverride = true) {
  const list = hits.map((h) => ({
    text:
      `Section ${h.sectionIndex + 1} (${h.heading || 'untitled'}) may identify someone: ` +
      `“${h.hit.matched.replace(/\s+/g, ' ')}” looks like ${LABELS[h.hit.kind]}`,
    href: `#section-${h.sectionIndex + 1}`,
  }));
  const hitsBySection: Record<number, unknown[]> = {};
  for (const h of hits)
    (hitsBySection[h.sectionIndex + 1] ??= []).push({
      key: h.key,
      kind: LABELS[h.hit.kind],
      before: h.hit.before,
      matched: h.hit.matched,
      after: h.hit.after,
      overridable: h.overridable && mayOverride,
      term: hitForViewer(h.hit, maySee).value,
    });
  return { errors: { list, fields: {} }, hitsBySection, blocked: true };
}
