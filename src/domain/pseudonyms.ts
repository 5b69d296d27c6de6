/**
 * "Replace with pseudonyms": the redaction guard's hits in one text replaced by the words the case
 * itself uses ("Child A", "the mother", "the family's address"). Pure; no I/O. The caller says what
 * each term stands for (`standsFor`, by the hit's termIndex); a term it cannot place (the
 * coordinator's own words) gets the kind's generic wording, so no hit is ever left in place.
 */
import type { RedactionHit, RedactionKind } from './redaction-guard.ts';

export type PseudonymChange = {
  start: number;
  end: number;
  matched: string;
  replacement: string;
  /** The sentence around the change, before and after it is made (for the preview). */
  sentenceBefore: string;
  sentenceAfter: string;
};

/** A household member's role as stored (household_member.role) to the words a document uses. */
export function roleWording(role: string): string {
  const r = role.trim().toLowerCase();
  if (!r) return 'the adult';
  return r.startsWith('the ') ? r : `the ${r}`;
}

/** The wording for a term of a kind, when the caller knows whose it is (a child's pseudonym). */
export function pseudonymFor(kind: RedactionKind, owner?: string): string {
  switch (kind) {
    case 'name':
      return owner ?? 'the person';
    case 'date_of_birth':
      return owner ? `${owner}'s date of birth` : 'the date of birth';
    case 'address':
      return "the family's address";
    case 'record_number':
      return '[record number]';
    default:
      return '[removed]';
  }
}

/** Whether position `at` begins a sentence, so "the mother" is written "The mother". */
function startsSentence(text: string, at: number): boolean {
  const before = text.slice(0, at).trimEnd();
  return before === '' || /[.!?:]$/.test(before) || /\n\s*$/.test(text.slice(0, at));
}

function sentenceBounds(text: string, start: number, end: number): [number, number] {
  const head = text.slice(0, start);
  const from = Math.max(head.search(/[^.!?\n]*$/), 0);
  const tail = /[.!?\n]/.exec(text.slice(end));
  const to = tail ? end + tail.index + (tail[0] === '\n' ? 0 : 1) : text.length;
  return [from, to];
}

/**
 * The changes, in order, and the new text. Overlapping hits keep the longest (then the first), so
 * "Ella Smith" is replaced once rather than "Ella" and "Smith" separately.
 */
export function replaceWithPseudonyms(
  text: string,
  hits: Pick<RedactionHit, 'kind' | 'termIndex' | 'start' | 'end' | 'matched'>[],
  standsFor: (termIndex: number, kind: RedactionKind) => string,
): { text: string; changes: PseudonymChange[] } {
  const sorted = [...hits].sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: typeof hits = [];
  for (const hit of sorted) {
    const last = kept[kept.length - 1];
    if (last && hit.start < last.end) {
      if (hit.end - hit.start > last.end - last.start) kept[kept.length - 1] = hit;
      continue;
    }
    kept.push(hit);
  }
  const planned = kept.map((hit) => {
    let replacement = standsFor(hit.termIndex, hit.kind);
    if (startsSentence(text, hit.start)) replacement = replacement.charAt(0).toUpperCase() + replacement.slice(1);
    return { ...hit, replacement };
  });
  let out = '';
  let at = 0;
  for (const p of planned) {
    out += text.slice(at, p.start) + p.replacement;
    at = p.end;
  }
  out += text.slice(at);
  const changes = planned.map((p) => {
    const [from, to] = sentenceBounds(text, p.start, p.end);
    const sentence = text.slice(from, to);
    const inner = replaceWithin(sentence, from, planned);
    return {
      start: p.start,
      end: p.end,
      matched: p.matched,
      replacement: p.replacement,
      sentenceBefore: sentence.trim(),
      sentenceAfter: inner.trim(),
    };
  });
  return { text: out, changes };
}

/** The sentence (starting at `offset` in the text) with every planned change inside it made. */
function replaceWithin(
  sentence: string,
  offset: number,
  planned: { start: number; end: number; replacement: string }[],
) {
  let out = '';
  let at = 0;
  for (const p of planned) {
    const s = p.start - offset;
    const e = p.end - offset;
    if (s < 0 || e > sentence.length) continue;
    out += sentence.slice(at, s) + p.replacement;
    at = e;
  }
  return out + sentence.slice(at);
}
