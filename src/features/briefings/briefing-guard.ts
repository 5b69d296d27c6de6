import crypto from 'node:crypto';
import type { BriefingSection } from '../../domain/briefing-template.ts';
import { findIdentifyingDetails, mayMarkNotIdentifying, type RedactionHit } from '../../domain/redaction-guard.ts';
import type { AuditTerm } from './redaction-term-service.ts';

export type SectionHit = {
  sectionIndex: number;
  heading: string;
  hit: RedactionHit;
  source: 'case' | 'custom';
  termId?: string;
  key: string;
  overridable: boolean;
  /** What "replace with pseudonyms" writes instead: "Child A", "the mother", "the family's address". */
  standsFor: string;
};

/** A hit's identity within one version: the term, the version, the section and the words around it. */
function hitKey(termId: string, version: number, sectionIndex: number, hit: RedactionHit): string {
  return crypto
    .createHash('sha256')
    .update(`${termId}|${version}|${sectionIndex}|${hit.context.toLowerCase()}`)
    .digest('hex')
    .slice(0, 32);
}

/**
 * The redaction guard over every section's heading and text of one version, less the hits marked
 * as not identifying in that version (`overrides`, by hit key: a new version is checked afresh).
 */
export function sectionHits(
  sections: BriefingSection[],
  terms: AuditTerm[],
  knownWords: string[],
  overrides: Set<string>,
  version: number,
): SectionHit[] {
  const hits: SectionHit[] = [];
  sections.forEach((section, sectionIndex) => {
    for (const hit of findIdentifyingDetails(`${section.heading}\n\n${section.text}`, terms, { knownWords })) {
      const term = terms[hit.termIndex]!;
      const key = hitKey(term.termId ?? `case:${hit.kind}:${hit.termIndex}`, version, sectionIndex, hit);
      const overridable = mayMarkNotIdentifying(term.source, hit);
      if (overridable && overrides.has(key)) continue;
      hits.push({
        sectionIndex,
        heading: section.heading,
        hit,
        source: term.source,
        ...(term.termId ? { termId: term.termId } : {}),
        key,
        overridable,
        standsFor: term.standsFor,
      });
    }
  });
  return hits;
}
