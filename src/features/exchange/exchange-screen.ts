import { findIdentifyingDetails, type RedactionHit, type RedactionTerm } from '../../domain/redaction-guard.ts';
import type { ExchangeDocument } from './exchange-document.ts';

/**
 * The redaction guard over an exchange file written without identifying details: every free text
 * in it (the plan, findings, recommendations, actions, the meeting's notes, each case's involvement
 * reasons, returns, chronology, points to discuss and concerns). The receiving system has no
 * identities to check against, so this is the last place a child's name written into a finding can
 * be stopped. Each hit gives the JSON pointer of the text and what it is, for the person to correct.
 */
export type ExchangeHit = { pointer: string; where: string; hit: RedactionHit };

/**
 * Values that are codes, keys, dates, hashes or staff (auditors, attendees, leads: the people doing
 * the work, not the family), never a case's typed words: not read.
 */
const NOT_TEXT = new Set(
  `key pointKey code status kind type rule domain role scale grade overallGrade legalStatus ageBand sex
  ethnicity senDisability cpCategory category template sectionKey questionKey contentHash expectedMonth
  version schemaVersion format name email auditorName auditorRole selectedBy agency cases agencies findings
  entries tools recommendation singleAgencyAction child discussionPoint`.split(/\s+/),
);
const DATE_KEY = /(At|On|From|To|Date)$/;
/** Parts of the file that hold no case's words: the agencies, templates and themes are the partnership's. */
const SKIPPED = new Set(['/agencies', '/templates', '/learningThemes', '/source', '/exportedAt', '/identities']);

const COLLECTIONS: Record<string, string> = {
  audit: 'the audit’s plan',
  meeting: 'the meeting record',
  findings: 'a finding',
  recommendations: 'a recommendation',
  actions: 'an action',
  involvement: 'an involvement answer',
  returns: 'a return',
  sections: 'a section',
  answers: 'an answer',
  singleAgencyActions: 'a single-agency action',
  events: 'a return’s history',
  chronology: 'a chronology entry',
  discussionPoints: 'a point to discuss',
  immediateConcerns: 'an immediate concern',
  household: 'the household',
  children: 'a child',
};

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** "Case C1: a return, a section (areasForDevelopment)": where a pointer is, in words. */
function describe(document: ExchangeDocument, path: (string | number)[]): string {
  const field = String(path[path.length - 1]);
  if (path[0] === 'cases' && typeof path[1] === 'number') {
    const reference = document.cases[path[1]]?.reference ?? `case ${path[1] + 1}`;
    const parts = path.slice(2).filter((p): p is string => typeof p === 'string' && p in COLLECTIONS);
    const what = parts.map((p) => COLLECTIONS[p]).join(', ');
    return `Case ${reference}: ${what || 'the case'} (${field})`;
  }
  return `${COLLECTIONS[String(path[0])] ?? String(path[0])} (${field})`;
}

/** Every typed text in the file, with its path. */
function* texts(value: unknown, path: (string | number)[] = []): Generator<[(string | number)[], string]> {
  if (typeof value === 'string') {
    if (value.trim()) yield [path, value];
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* texts(item, [...path, i]);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const pointer = `/${[...path, key].map((p) => escape(String(p))).join('/')}`;
      const codes = typeof item === 'string' || (Array.isArray(item) && item.every((v) => typeof v === 'string'));
      if (SKIPPED.has(pointer) || (codes && (NOT_TEXT.has(key) || DATE_KEY.test(key)))) continue;
      yield* texts(item, [...path, key]);
    }
  }
}

export function screenExchange(
  document: ExchangeDocument,
  terms: RedactionTerm[],
  knownWords: string[],
): ExchangeHit[] {
  if (terms.length === 0) return [];
  const hits: ExchangeHit[] = [];
  for (const [path, text] of texts(document))
    for (const hit of findIdentifyingDetails(text, terms, { knownWords }))
      hits.push({ pointer: `/${path.map((p) => escape(String(p))).join('/')}`, where: describe(document, path), hit });
  return hits;
}

/** An export without identities stopped by the guard: the hits say where, never only that. */
export class IdentifyingDetailsInExport extends Error {
  readonly statusCode = 422;
  constructor(readonly hits: ExchangeHit[]) {
    super(`${hits.length} possible identifying detail${hits.length === 1 ? '' : 's'} in the exchange file`);
  }
}

/**
 * The audit holds a value the file cannot carry (an older import's "0-4" for an age band, say): the
 * file is not written, and each problem says where, for the person to correct on the case's page.
 */
export class ExchangeNotWritable extends Error {
  readonly statusCode = 422;
  constructor(readonly problems: { path: string; message: string }[]) {
    super(
      `The exchange file cannot be written: ${problems.length} value${problems.length === 1 ? '' : 's'} to correct`,
    );
  }
}
