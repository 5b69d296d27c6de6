import crypto from 'node:crypto';
import type { BriefingSection } from '../../domain/briefing-template.ts';
import { findIdentifyingDetails, type RedactionHit } from '../../domain/redaction-guard.ts';
import type { AuditTerm } from './redaction-term-service.ts';

export type SectionHit = {
  sectionIndex: number;
  heading: string;
  hit: RedactionHit;
  source: 'case' | 'custom';
  termId?: string;
  key: string;
  overridable: boolean;
};

/** A hit's identity across saves: the term, the section and the words around it. */
function hitKey(termId: string, sectionIndex: number, hit: RedactionHit): string {
  return crypto
    .createHash('sha256')
    .update(`${termId}|${sectionIndex}|${hit.context.toLowerCase()}`)
    .digest('hex')
    .slice(0, 32);
}

/**
 * The redaction guard over every section's heading and text, less the hits on the coordinator's
 * own words that were marked as not identifying (`overrides`, by hit key).
 */
export function sectionHits(
  sections: BriefingSection[],
  terms: AuditTerm[],
  knownWords: string[],
  overrides: Set<string>,
): SectionHit[] {
  const hits: SectionHit[] = [];
  sections.forEach((section, sectionIndex) => {
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
}
