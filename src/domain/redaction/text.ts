/**
 * The guard reads text as a stream of words (letters and digits) with their offsets, so case,
 * accents, spacing, punctuation and line breaks between words never hide a match.
 */
export type Token = { text: string; lower: string; start: number; end: number; softBreakAfter: boolean };
export type Found = { start: number; end: number; rule: string };
/** One word of a pattern: accepts a token's folded text. */
export type Part = (token: string) => boolean;

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
/** Lower case without accents, so "Zoë" and "Zoe" are one word. */
export const fold = (word: string) =>
  (/[\u0080-\uffff]/.test(word) ? word.normalize('NFD').replace(/\p{M}/gu, '') : word).toLowerCase();

/** Between two words of one name or street: spaces, line breaks and light punctuation only. */
const NAME_GAP = /^[\s.,'’‘"“”\-–_*()]{1,12}$/;
/** A word broken at a line end: "Smi-\nth". */
const SOFT_BREAK = /^-[ \t]*\r?\n\s*$/;
/** Between the groups of a record number or postcode. */
const NUMBER_GAP = /^[\s\-–./_:]{0,3}$/;

export function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD))
    tokens.push({ text: m[0], lower: fold(m[0]), start: m.index, end: m.index + m[0].length, softBreakAfter: false });
  for (let i = 0; i + 1 < tokens.length; i++)
    tokens[i]!.softBreakAfter = SOFT_BREAK.test(text.slice(tokens[i]!.end, tokens[i + 1]!.start));
  return tokens;
}

export function words(value: string): string[] {
  return [...value.matchAll(WORD)].map((m) => fold(m[0]));
}

export const is =
  (word: string): Part =>
  (t) =>
    t === word;

/**
 * Matches the parts, in order, from token i. A part may be spread over several tokens joined by a
 * soft line-end hyphen. Returns the index after the last token used, or -1.
 */
export function matchParts(text: string, tokens: Token[], i: number, parts: Part[]): number {
  let k = i;
  for (const [p, accepts] of parts.entries()) {
    if (k >= tokens.length) return -1;
    if (p > 0 && !NAME_GAP.test(text.slice(tokens[k - 1]!.end, tokens[k]!.start))) return -1;
    let joined = tokens[k]!.lower;
    let used = k;
    while (!accepts(joined) && tokens[used]!.softBreakAfter && used + 1 < tokens.length && joined.length < 40) {
      used++;
      joined += tokens[used]!.lower;
    }
    if (!accepts(joined)) return -1;
    k = used + 1;
  }
  return k;
}

/** Every place the patterns match, each found with its rule. */
export function findPatterns(text: string, tokens: Token[], patterns: { rule: string; parts: Part[] }[]): Found[] {
  const found: Found[] = [];
  if (patterns.length === 0) return found;
  for (let i = 0; i < tokens.length; i++)
    for (const pattern of patterns) {
      const end = matchParts(text, tokens, i, pattern.parts);
      if (end > 0) found.push({ start: tokens[i]!.start, end: tokens[end - 1]!.end, rule: pattern.rule });
    }
  return found;
}

/** Characters in order across groups separated only by spaces, dashes, dots, slashes or colons. */
export function findCharacters(text: string, tokens: Token[], target: string, rule: string): Found[] {
  const found: Found[] = [];
  if (target.length < 4) return found;
  const first = target[0]!;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.lower[0] !== first) continue;
    let joined = '';
    for (let j = i; j < tokens.length; j++) {
      if (j > i && !NUMBER_GAP.test(text.slice(tokens[j - 1]!.end, tokens[j]!.start))) break;
      joined += tokens[j]!.lower;
      if (!target.startsWith(joined)) break;
      if (joined === target) {
        found.push({ start: tokens[i]!.start, end: tokens[j]!.end, rule });
        break;
      }
    }
  }
  return found;
}
