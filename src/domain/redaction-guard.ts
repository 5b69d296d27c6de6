/**
 * The redaction guard: finds identifying details (names, dates of birth, addresses, record
 * numbers, and words the coordinator adds) in text meant for practitioners. Pure; no I/O.
 *
 * Text is read as a stream of words (letters and digits) with their offsets, so case, accents,
 * spacing, punctuation and line breaks between words never hide a match, and a name split across lines
 * ("John\nSmith") or a word broken by a hyphen at a line end ("Smi-\nth") is still found.
 *
 * Rules, per kind of term:
 * - name: the whole name; forename and surname without middle names; the forename's initial and
 *   the surname ("J. Smith", "J Smith", "J.Smith"); and one part of the name on its own (a
 *   forename or a surname) only when that part is distinctive: three letters or more and not a
 *   common English word or role word (so "Grace", "Will", "Rose", "Young", "Mother" alone are not
 *   flagged, while "Kayden" or "Smith" are). Bare initials ("JS") are not looked for: too many
 *   false alarms in professional text (CP, GP, SW). Words the caller knows are not identifying
 *   (`knownWords`: the partnership's and agencies' names, say) are never flagged as a name part on
 *   their own, only within a fuller match.
 * - date_of_birth: the same day written as 12/03/2015, 12.03.15, 12-3-2015, 2015-03-12,
 *   12 March 2015, 12th Mar 2015, 12 of March 2015 or March 12, 2015 (a two-digit year matches
 *   its last two digits).
 * - record_number: the characters in order, ignoring spaces, dashes, dots and slashes between
 *   groups ("485 777 3456" = "4857773456"); values shorter than four characters are ignored.
 * - address: the first line (before the first comma or line break), the street without its house
 *   number when it has two words or more, and a UK postcode with or without its space.
 * - custom: the words as given, tolerant of case, spacing and punctuation.
 */
export type RedactionKind = 'name' | 'date_of_birth' | 'address' | 'record_number' | 'custom';
export type RedactionTerm = { kind: RedactionKind; value: string };

export type RedactionHit = {
  kind: RedactionKind;
  /** Which term matched (its index in the terms given). */
  termIndex: number;
  /** The term's own value: only to be shown to people allowed to see identifying details. */
  value: string;
  /** How it matched: 'full', 'initial', 'part', 'date', 'number', 'postcode', 'first_line', 'street', 'words'. */
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

type Token = { text: string; lower: string; start: number; end: number; softBreakAfter: boolean };

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
/** Lower case without accents, so "Zoë" and "Zoe" are one word. */
const fold = (word: string) =>
  (/[\u0080-\uffff]/.test(word) ? word.normalize('NFD').replace(/\p{M}/gu, '') : word).toLowerCase();

function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD))
    tokens.push({ text: m[0], lower: fold(m[0]), start: m.index, end: m.index + m[0].length, softBreakAfter: false });
  for (let i = 0; i + 1 < tokens.length; i++)
    tokens[i]!.softBreakAfter = SOFT_BREAK.test(text.slice(tokens[i]!.end, tokens[i + 1]!.start));
  return tokens;
}

function words(value: string): string[] {
  return [...value.matchAll(WORD)].map((m) => fold(m[0]));
}

/** Between two words of one name: spaces, line breaks and light punctuation only. */
const NAME_GAP = /^[\s.,'’‘"“”\-–_*()]{1,12}$/;
/** A word broken at a line end: "Smi-\nth". */
const SOFT_BREAK = /^-[ \t]*\r?\n\s*$/;
/** Between the groups of a record number or postcode. */
const NUMBER_GAP = /^[\s\-–./]{0,3}$/;

/**
 * Matches the parts, in order, from token i. A part may be spread over several tokens joined by a
 * soft line-end hyphen. Returns the index after the last token used, or -1.
 */
function matchParts(text: string, tokens: Token[], i: number, parts: ((t: string) => boolean)[]): number {
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

const is = (word: string) => (t: string) => t === word;

/** Common English words and role words that are also names: never flagged as a name on their own. */
export const COMMON_WORDS = new Set(
  `a an and are as at be but by for from had has have he her him his i if in is it its me my no not of on or
  our she so than that the their them then there they this to up us was we were who will with you
  all any can did do does each few get got how its just may more most must new now off old one only other out
  over own per put said same see set she should some such take too two under very was way well what when
  where which while why win
  abbey amber angel april art august autumn baby baker bell bill black bloom brook brown bud buddy burns
  carol case chase cherry child clay cliff coral cook cooper crystal daisy dale dawn drew duke earl eve faith
  fern field fisher ford frank gale gay gem gene glen gold grace gray green grey guy hall hardy harmony hazel
  heath hill holly hope hunter iris ivy jack jade jay jean joy june king lane lee lily long love lucky mark
  marsh mason may miles mill mister moss mother father nick north page park parent pat patience pearl penny
  pepper price queen rain ray reed rich river rob robin rock rose ruby rush sage sandy sky sol spring star
  sterling stone storm summer sunny sue taylor true victory violet wade walker ward west white will willow wolf
  wood woods young
  sister brother aunt uncle nan nana grandma grandad grandmother grandfather son daughter partner step carer
  baby unborn infant teen
  social worker nurse doctor police school teacher health visitor midwife officer care family home court plan
  child children case cases agency
  max art bob sam`
    .split(/\s+/)
    .filter(Boolean),
);

/** One part of a name alone is flagged only when it is distinctive (see the rule above). */
export function isDistinctiveNamePart(part: string): boolean {
  const lower = part.toLowerCase();
  return lower.length >= 3 && !/^\d+$/.test(lower) && !COMMON_WORDS.has(lower);
}

type Found = { start: number; end: number; rule: string };

function findName(text: string, tokens: Token[], value: string, knownWords: Set<string>): Found[] {
  const parts = words(value);
  if (parts.length === 0) return [];
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  const patterns: { rule: string; parts: ((t: string) => boolean)[] }[] = [];
  if (parts.length > 1) {
    patterns.push({ rule: 'full', parts: parts.map(is) });
    if (parts.length > 2) patterns.push({ rule: 'full', parts: [is(first), is(last)] });
    patterns.push({ rule: 'initial', parts: [is(first[0]!), is(last)] });
  }
  for (const part of new Set(parts))
    if (isDistinctiveNamePart(part) && !knownWords.has(part))
      patterns.push({ rule: parts.length > 1 ? 'part' : 'full', parts: [is(part)] });
  const found: Found[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const pattern of patterns) {
      const end = matchParts(text, tokens, i, pattern.parts);
      if (end > 0) found.push({ start: tokens[i]!.start, end: tokens[end - 1]!.end, rule: pattern.rule });
    }
  }
  return found;
}

/** Characters in order across groups separated only by spaces, dashes, dots or slashes. */
function findCharacters(text: string, tokens: Token[], target: string, rule: string): Found[] {
  const found: Found[] = [];
  if (target.length < 4) return found;
  for (let i = 0; i < tokens.length; i++) {
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

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|' +
  'sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const ORD = '(?:st|nd|rd|th)?';
const DATE_PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => [number, number, string] }[] = [
  { re: /(?<![\d])(\d{4})\s*-\s*(\d{1,2})\s*-\s*(\d{1,2})(?![\d])/g, read: (m) => [Number(m[3]), Number(m[2]), m[1]!] },
  {
    re: /(?<![\d])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})(?![\d])/g,
    read: (m) => [Number(m[1]), Number(m[2]), m[3]!],
  },
  {
    re: new RegExp(`(?<![\\p{L}\\d])(\\d{1,2})${ORD}\\s+(?:of\\s+)?${MONTH}\\.?,?\\s+(\\d{4}|\\d{2})(?![\\d])`, 'giu'),
    read: (m) => [Number(m[1]), monthNumber(m[2]!), m[3]!],
  },
  {
    re: new RegExp(`(?<![\\p{L}])${MONTH}\\.?\\s+(\\d{1,2})${ORD},?\\s+(\\d{4})(?![\\d])`, 'giu'),
    read: (m) => [Number(m[2]), monthNumber(m[1]!), m[3]!],
  },
];

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** A date of birth as the coordinator recorded it: YYYY-MM-DD, or DD/MM/YYYY (also with . or -). */
export function parseDateOfBirth(value: string): { day: number; month: number; year: number } | undefined {
  const v = value.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  if (m) return { day: Number(m[1]), month: Number(m[2]), year: Number(m[3]) };
  for (const pattern of DATE_PATTERNS) {
    pattern.re.lastIndex = 0;
    const found = pattern.re.exec(v);
    if (found && found[0].length === v.length) {
      const [day, month, year] = pattern.read(found);
      if (year.length === 4) return { day, month, year: Number(year) };
    }
  }
  return undefined;
}

type DateInText = { start: number; end: number; day: number; month: number; year: string };

/** Every date written in the text, in any of the formats above: read once per text. */
function datesIn(text: string): DateInText[] {
  const dates: DateInText[] = [];
  for (const pattern of DATE_PATTERNS) {
    pattern.re.lastIndex = 0;
    for (const m of text.matchAll(pattern.re)) {
      const [day, month, year] = pattern.read(m);
      dates.push({ start: m.index, end: m.index + m[0].length, day, month, year });
    }
  }
  return dates;
}

function findDate(dates: DateInText[], value: string): Found[] {
  const dob = parseDateOfBirth(value);
  if (!dob) return [];
  return dates
    .filter(
      (d) =>
        d.day === dob.day &&
        d.month === dob.month &&
        (d.year.length === 4 ? Number(d.year) === dob.year : Number(d.year) === dob.year % 100),
    )
    .map((d) => ({ start: d.start, end: d.end, rule: 'date' }));
}

const POSTCODE = /\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b/i;

function findAddress(text: string, tokens: Token[], value: string): Found[] {
  const found: Found[] = [];
  const firstLine = value.split(/[,\n]/)[0]?.trim() ?? '';
  const lineWords = words(firstLine);
  const postcode = POSTCODE.exec(value);
  const postcodeWords = postcode ? words(postcode[0]) : [];
  const isPostcodeLine = postcodeWords.length > 0 && lineWords.join('') === postcodeWords.join('');
  if (lineWords.length >= 2 && !isPostcodeLine) {
    const line = lineWords.map(is);
    for (let i = 0; i < tokens.length; i++) {
      const end = matchParts(text, tokens, i, line);
      if (end > 0) found.push({ start: tokens[i]!.start, end: tokens[end - 1]!.end, rule: 'first_line' });
    }
    const street = /^\d/.test(lineWords[0]!) ? lineWords.slice(1) : [];
    if (street.length >= 2) {
      const streetParts = street.map(is);
      for (let i = 0; i < tokens.length; i++) {
        const end = matchParts(text, tokens, i, streetParts);
        if (end > 0) found.push({ start: tokens[i]!.start, end: tokens[end - 1]!.end, rule: 'street' });
      }
    }
  }
  if (postcode) found.push(...findCharacters(text, tokens, `${postcode[1]}${postcode[2]}`.toLowerCase(), 'postcode'));
  return found;
}

function findWords(text: string, tokens: Token[], value: string): Found[] {
  const parts = words(value);
  const found: Found[] = [];
  if (parts.length === 0) return found;
  const accepts = parts.map(is);
  for (let i = 0; i < tokens.length; i++) {
    const end = matchParts(text, tokens, i, accepts);
    if (end > 0) found.push({ start: tokens[i]!.start, end: tokens[end - 1]!.end, rule: 'words' });
  }
  return found;
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
