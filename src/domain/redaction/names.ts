import { findPatterns, is, words, type Found, type Part, type Token } from './text.ts';

/**
 * Names: the whole name; forename and surname without middle names; the forename's initial and the
 * surname ("J. Smith", "J Smith", "J.Smith"); each part of the name on its own (a forename, a
 * surname, each half of "Smith-Jones" or of a double surname), possessives included ("Ella's");
 * and a name written joined that was recorded with a hyphen or apostrophe ("OBrien", "SmithJones").
 *
 * A part that is also an ordinary word ("Grace", "Will", "Rose", "Young") is flagged on its own only
 * where it is written as a name: with a capital letter, not at the start of a sentence, and not a
 * month before a day or year ("May 2024"). Function and role words ("the", "Mother", "Social") are
 * never flagged alone. Bare initials ("JS") are not looked for: too many false alarms in
 * professional text (CP, GP, SW). Words the caller knows are not identifying (`knownWords`: the
 * partnership's and agencies' names) are never flagged alone, only within a fuller match.
 */

/** Never a name on its own: function words, role and family words, words of the work. */
const NEVER_ALONE = new Set(
  `a an and are as at be but by for from had has have he her him his i if in is it its me my no not of on or
  our she so than that the their them then there they this to up us was we were who with you
  all any can did do does each few get got how just more most must new now off old one only other out
  over own per put said same see set should some such take too two under very way well what when
  where which while why win
  mother father parent sister brother aunt uncle nan nana grandma grandad grandmother grandfather son daughter
  partner step carer baby unborn infant teen mister
  social worker nurse doctor police school teacher health visitor midwife officer care family home court plan
  child children case cases agency`
    .split(/\s+/)
    .filter(Boolean),
);

/** Ordinary words that are also names: flagged alone only where written as a name (see above). */
const ORDINARY = new Set(
  `abbey amber angel april art august autumn baker bell bill black bloom brook brown bud buddy burns
  carol chase cherry clay cliff coral cook cooper crystal daisy dale dawn drew duke earl eve faith
  fern field fisher ford frank gale gay gem gene glen gold grace gray green grey guy hall hardy harmony hazel
  heath hill holly hope hunter iris ivy jack jade jay jean joy june king lane lee lily long love lucky mark
  marsh mason may miles mill moss nick north page park pat patience pearl penny
  pepper price queen rain ray reed rich river rob robin rock rose ruby rush sage sandy sky sol spring star
  sterling stone storm summer sunny sue taylor true victory violet wade walker ward west white will willow wolf
  wood woods young max bob sam`
    .split(/\s+/)
    .filter(Boolean),
);

/** Every word that is not distinctive on its own (kept for callers that list them). */
export const COMMON_WORDS = new Set([...NEVER_ALONE, ...ORDINARY]);
const MONTH_NAMES = new Set(['april', 'august', 'june', 'may']);

/** One part of a name alone is flagged anywhere only when it is distinctive. */
export function isDistinctiveNamePart(part: string): boolean {
  const lower = part.toLowerCase();
  return lower.length >= 3 && !/^\d+$/.test(lower) && !COMMON_WORDS.has(lower);
}

/** Written as a name: a capital first letter, not the sentence's first word, not a month in a date. */
function writtenAsName(text: string, tokens: Token[], i: number): boolean {
  const token = tokens[i]!;
  if (!/^\p{Lu}/u.test(token.text)) return false;
  const before = text.slice(i > 0 ? tokens[i - 1]!.end : 0, token.start);
  if (i === 0 || /[.!?:;•\n]\s*["“(]?\s*$/.test(before) || /^\s*[-*•]\s*$/.test(before)) return false;
  const next = tokens[i + 1];
  return !(MONTH_NAMES.has(token.lower) && next && /^\d/.test(next.text));
}

/** The words of a recorded name, and their joined forms where a hyphen or apostrophe split one. */
function nameParts(value: string): { parts: string[]; compounds: string[][]; joined: string[] } {
  const compounds = value
    .split(/\s+/)
    .map(words)
    .filter((w) => w.length > 1);
  return { parts: words(value), compounds, joined: compounds.map((w) => w.join('')) };
}

export function findName(text: string, tokens: Token[], value: string, knownWords: Set<string>): Found[] {
  const { parts, compounds, joined } = nameParts(value);
  if (parts.length === 0) return [];
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  const patterns: { rule: string; parts: Part[] }[] = [];
  if (parts.length > 1) {
    patterns.push({ rule: 'full', parts: parts.map(is) });
    if (parts.length > 2) patterns.push({ rule: 'full', parts: [is(first), is(last)] });
    patterns.push({ rule: 'initial', parts: [is(first[0]!), is(last)] });
  }
  // "Smith-Jones" written "Smith Jones", and "O'Brien" kept whole.
  if (parts.length > 1) for (const compound of compounds) patterns.push({ rule: 'part', parts: compound.map(is) });
  const ordinary: string[] = [];
  for (const part of new Set([...parts, ...joined])) {
    if (knownWords.has(part) || part.length < 3 || /^\d+$/.test(part) || NEVER_ALONE.has(part)) continue;
    if (ORDINARY.has(part)) ordinary.push(part);
    else patterns.push({ rule: parts.length > 1 ? 'part' : 'full', parts: [is(part)] });
  }
  const found = findPatterns(text, tokens, patterns);
  if (ordinary.length)
    for (let i = 0; i < tokens.length; i++)
      if (ordinary.includes(tokens[i]!.lower) && writtenAsName(text, tokens, i))
        found.push({ start: tokens[i]!.start, end: tokens[i]!.end, rule: 'part' });
  return found;
}
