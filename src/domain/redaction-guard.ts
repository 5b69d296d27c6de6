/**
 * The redaction guard: finds identifying details (names, dates of birth, addresses, record
 * numbers, and words the coordinator adds) in text meant for practitioners. Pure; no I/O.
 *
 * Text is read as a stream of words (letters and digits) with their offsets (redaction/text.ts),
 * so case, accents, spacing, punctuation and line breaks between words never hide a match, and a
 * name split across lines ("John\nSmith") or a word broken by a hyphen at a line end ("Smi-\nth")
 * is still found. Each kind of term has its rules in its own file:
 * - name (redaction/names.ts): whole, forename and surname, initial and surname, each part alone
 *   (hyphenated and double surnames, possessives), ordinary-word parts only where written as a name;
 * - date_of_birth (redaction/dates.ts): every common UK form, two-digit years included;
 * - address (redaction/address.ts): the street line with and without the number or a flat prefix,
 *   street types full or short both ways, the first line, and the postcode with or without its space;
 * - record_number: the characters in order, ignoring spaces, dashes, dots, slashes and colons between
 *   groups ("485 777 3456" = "4857773456"); values shorter than four characters are ignored;
 * - custom: the words as given, tolerant of case, spacing and punctuation.
 */
import { findAddress } from './redaction/address.ts';
import { datesIn, findDate, type DateInText } from './redaction/dates.ts';
import { findName } from './redaction/names.ts';
import { findCharacters, findPatterns, is, tokenise, words, type Found } from './redaction/text.ts';

export { COMMON_WORDS, isDistinctiveNamePart } from './redaction/names.ts';
export { parseDateOfBirth } from './redaction/dates.ts';

export type RedactionKind = 'name' | 'date_of_birth' | 'address' | 'record_number' | 'custom';
export type RedactionTerm = { kind: RedactionKind; value: string };

export type RedactionHit = {
  kind: RedactionKind;
  /** Which term matched (its index in the terms given). */
  termIndex: number;
  /** The term's own value: only to be shown to people allowed to see identifying details. */
  value: string;
  /** How it matched: full, initial, part, date, number, postcode, first_line, street_line, street, words. */
  rule: string;
  /** The text as written, and where: text.slice(start, end) === matched. */
  matched: string;
  start: number;
  end: number;
  /** Up to 40 characters either side, line breaks shown as spaces. */
  before: string;
  after: string;
  context: string;
};

function findWords(text: string, tokens: ReturnType<typeof tokenise>, value: string): Found[] {
  const parts = words(value);
  return parts.length ? findPatterns(text, tokens, [{ rule: 'words', parts: parts.map(is) }]) : [];
}

function snippet(text: string, start: number, end: number) {
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  const from = Math.max(0, start - 40);
  const to = Math.min(text.length, end + 40);
  const before = `${from > 0 ? '…' : ''}${flat(text.slice(from, start)).trimStart()}`;
  const after = `${flat(text.slice(end, to)).trimEnd()}${to < text.length ? '…' : ''}`;
  return { before, after, context: `${before}${flat(text.slice(start, end))}${after}` };
}

/** Every place the text may identify someone, in order; overlapping matches keep the longest. */
export function findIdentifyingDetails(
  text: string,
  terms: RedactionTerm[],
  options: { knownWords?: string[] } = {},
): RedactionHit[] {
  const tokens = tokenise(text);
  const knownWords = new Set((options.knownWords ?? []).flatMap(words));
  let dates: DateInText[] | undefined;
  const all: (Found & { termIndex: number })[] = [];
  for (const [termIndex, term] of terms.entries()) {
    const value = term.value.trim();
    if (!value) continue;
    let found: Found[];
    switch (term.kind) {
      case 'name':
        found = findName(text, tokens, value, knownWords);
        break;
      case 'date_of_birth':
        found = findDate((dates ??= datesIn(text)), value);
        break;
      case 'record_number':
        found = findCharacters(text, tokens, words(value).join(''), 'number');
        break;
      case 'address':
        found = findAddress(text, tokens, value);
        break;
      default:
        found = findWords(text, tokens, value);
    }
    for (const f of found) all.push({ ...f, termIndex });
  }
  all.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || a.termIndex - b.termIndex);
  const kept: (Found & { termIndex: number })[] = [];
  for (const hit of all) {
    const previous = kept[kept.length - 1];
    if (previous && hit.start < previous.end) {
      if (hit.end - hit.start > previous.end - previous.start) kept[kept.length - 1] = hit;
      continue;
    }
    kept.push(hit);
  }
  return kept.map((hit) => {
    const term = terms[hit.termIndex]!;
    return {
      kind: term.kind,
      termIndex: hit.termIndex,
      value: term.value,
      rule: hit.rule,
      matched: text.slice(hit.start, hit.end),
      start: hit.start,
      end: hit.end,
      ...snippet(text, hit.start, hit.end),
    };
  });
}

/**
 * A hit a coordinator may mark "not identifying here": one of their own words, or one part of a
 * name on its own (a surname that is also an ordinary word), never a full name, a date of birth,
 * an address or a record number.
 */
export const mayMarkNotIdentifying = (source: 'case' | 'custom', hit: Pick<RedactionHit, 'kind' | 'rule'>) =>
  source === 'custom' || (hit.kind === 'name' && hit.rule === 'part');

/** A hit as a person may see it: the term's own value only if they may see identifying details. */
export function hitForViewer(
  hit: RedactionHit,
  maySeeIdentifyingDetails: boolean,
): Omit<RedactionHit, 'value'> & { value?: string } {
  if (maySeeIdentifyingDetails) return hit;
  const rest: Omit<RedactionHit, 'value'> & { value?: string } = { ...hit };
  delete rest.value;
  return rest;
}

export const REDACTION_KIND_LABELS: Record<RedactionKind, string> = {
  name: 'a name',
  date_of_birth: 'a date of birth',
  address: 'an address',
  record_number: 'a record number',
  custom: 'a word to check for',
};
