import { findCharacters, findPatterns, is, words, type Found, type Part, type Token } from './text.ts';

/**
 * Addresses: the street line with and without its house number, and without a flat or house
 * prefix ("Flat 3, 41 Mill Lane" is found as "41 Mill Lane" and "Mill Lane"), the street type in
 * either its full or its short form ("12 Orchard Rd" for a recorded "12 Orchard Road", and the
 * other way round), the first line as recorded, and the postcode with or without its space.
 */
const STREET_TYPES = [
  ['road', 'rd'],
  ['lane', 'ln'],
  ['close', 'cl'],
  ['street', 'st'],
  ['avenue', 'ave', 'av'],
  ['drive', 'dr', 'drv'],
  ['court', 'ct'],
  ['crescent', 'cres', 'cresc'],
  ['gardens', 'gdns'],
  ['place', 'pl'],
  ['terrace', 'terr', 'ter'],
  ['square', 'sq'],
  ['grove', 'gr', 'gro'],
  ['park', 'pk'],
  ['way', 'wy'],
  ['mews', 'mw'],
];
const VARIANTS = new Map(STREET_TYPES.flatMap((forms) => forms.map((f) => [f, new Set(forms)] as const)));
/** A flat, unit or house prefix that comes before the street line, on its own line or not. */
const PREFIX = /^(?:flat|apartment|apt|unit|room|maisonette|house|block|floor)\s+[\p{L}\d/-]+\s*/iu;
const POSTCODE = /\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b/i;

/** A street word accepts any form of its street type: road and rd alike. */
const streetPart = (word: string): Part => {
  const forms = VARIANTS.get(word);
  return forms ? (t) => forms.has(t) : is(word);
};

/**
 * The street line: after any flat prefix, the first line that starts with a number or names a
 * street type; and the address as written up to it ("Flat 3, 41 Mill Lane").
 */
function streetLine(lines: string[]): { line: string[]; upTo: string[]; before: string[][] } {
  const rest = lines.map((l) => l.replace(PREFIX, '').trim());
  let at = rest.findIndex((l) => /^\d/.test(l));
  if (at < 0) at = rest.findIndex((l) => words(l).some((w) => VARIANTS.has(w)));
  if (at < 0) at = rest.findIndex((l) => words(l).length > 0);
  if (at < 0) return { line: [], upTo: [], before: [] };
  // A house name before the street ("Rose Cottage"), not a bare prefix ("Flat 3").
  const before = rest.slice(0, at).map(words);
  return { line: words(rest[at]!), upTo: words(lines.slice(0, at + 1).join(' ')), before };
}

export function findAddress(text: string, tokens: Token[], value: string): Found[] {
  const postcode = POSTCODE.exec(value);
  const withoutPostcode = postcode ? value.replace(postcode[0], '') : value;
  const lines = withoutPostcode.split(/[,\n]/).map((l) => l.trim());
  const patterns: { rule: string; parts: Part[] }[] = [];
  const { line, upTo, before } = streetLine(lines);
  for (const name of before) if (name.length >= 2) patterns.push({ rule: 'house_name', parts: name.map(is) });
  if (upTo.length > line.length) patterns.push({ rule: 'first_line', parts: upTo.map(streetPart) });
  const number = line.filter((w, i) => /^\d/.test(w) && line.slice(0, i).every((x) => /^\d/.test(x)));
  const street = line.slice(number.length);
  if (number.length && street.length)
    patterns.push({ rule: 'street_line', parts: [...number, ...street].map(streetPart) });
  // A street without its number: two words or more, so "Broadway" alone is not a hit.
  if (street.length >= 2) patterns.push({ rule: 'street', parts: street.map(streetPart) });
  const found = findPatterns(text, tokens, patterns);
  if (postcode) found.push(...findCharacters(text, tokens, `${postcode[1]}${postcode[2]}`.toLowerCase(), 'postcode'));
  return found;
}
