import { findIdentifyingDetails, type RedactionTerm } from '../../src/domain/redaction-guard.ts';
import { SEED_FINDINGS } from '../../test/fixtures/seed-findings.ts';

/**
 * The redaction guard on the seed briefings' 51 findings, repeated to a 2,000-word briefing and to
 * 50,000 words, with 28 terms (twenty fictional names, several of them also ordinary words, four
 * dates of birth, two addresses and two record numbers): false hits on the clean text, planted
 * details found, and milliseconds per check. The baseline is a plain case-insensitive indexOf of
 * every term's value, the naive check the guard replaces. Issue 12 requires the extra spellings to
 * keep a 50,000-word check under twice what it took before them (86.8 ms, 10.4 times the naive
 * check, on 2026-12-04 before; see bench/results/README.md).
 */
export const name = 'redaction-guard';

const NAMES = [
  'Grace Young',
  'Will Hope',
  'Mark Green',
  'Rose Hill',
  'Jack Walker',
  'Amelia Taylor',
  'Oliver Brown',
  'Kayden Marsh',
  'Lily Cooper',
  'Harry White',
  'Faith Baker',
  'Noah Wilson',
  'Ava Robinson',
  'Leo Wright',
  'Isla Wood',
  'Mia Hughes',
  'Jacob Evans',
  'Ruby Price',
  'Charlie King',
  'Freya Scott',
];
const TERMS: RedactionTerm[] = [
  ...NAMES.map((value) => ({ kind: 'name' as const, value })),
  ...['2015-03-12', '2012-07-01', '2009-11-23', '2017-02-28'].map((value) => ({
    kind: 'date_of_birth' as const,
    value,
  })),
  { kind: 'address', value: '14 Larkspur Close, Testtown, TT1 4AB' },
  { kind: 'address', value: '3 Mill Lane, Leicester, LE2 7QR' },
  { kind: 'record_number', value: '485 777 3456' },
  { kind: 'record_number', value: 'CSC-1234567' },
];
const PLANTED = [
  'Kayden Marsh',
  'K. Marsh',
  'kayden\nmarsh',
  'Freya',
  'Scott',
  '12/03/2015',
  '12th Mar 2015',
  '485 777 3456',
  'LE27QR',
  '3 Mill Lane',
  // Issue 12's spellings: street types short for long, postcodes in lower case, joined record
  // numbers, written dates, possessives and an ordinary-word name written as a name.
  'Mill Ln',
  '14 Larkspur Cl',
  'le2 7qr',
  'CSC1234567',
  '12-Mar-2015',
  "Kayden's",
  'the worker and Grace',
];

function textOf(words: number): string {
  const sentences: string[] = [];
  let count = 0;
  for (let i = 0; count < words; i++) {
    const finding = SEED_FINDINGS[i % SEED_FINDINGS.length]!.text;
    sentences.push(finding);
    count += finding.split(/\s+/).length;
  }
  return sentences.join('\n');
}

function time(fn: () => unknown, runs: number): number {
  const start = performance.now();
  for (let i = 0; i < runs; i++) fn();
  return (performance.now() - start) / runs;
}

export function run(): Promise<Record<string, number | string>> {
  const briefing = textOf(2_000);
  const large = textOf(50_000);
  const falseHits = findIdentifyingDetails(large, TERMS).length;
  const planted = briefing
    .split('\n')
    .map((line, i) => (i % 5 === 2 ? `${line} ${PLANTED[((i / 5) | 0) % PLANTED.length]!} was seen.` : line))
    .join('\n');
  const plantedCount = briefing.split('\n').filter((_, i) => i % 5 === 2).length;
  const found = findIdentifyingDetails(planted, TERMS).length;
  const naive = (text: string) => TERMS.filter((t) => text.toLowerCase().includes(t.value.toLowerCase())).length;
  const guardBriefingMs = time(() => findIdentifyingDetails(briefing, TERMS), 50);
  const guardLargeMs = time(() => findIdentifyingDetails(large, TERMS), 5);
  const naiveLargeMs = time(() => naive(large), 5);
  return Promise.resolve({
    terms: TERMS.length,
    falseHitsIn50000CleanWords: falseHits,
    plantedDetails: plantedCount,
    plantedFound: found,
    msPerCheck2000Words: Number(guardBriefingMs.toFixed(2)),
    msPerCheck50000Words: Number(guardLargeMs.toFixed(1)),
    ratioToNaiveIndexOf: Number((guardLargeMs / naiveLargeMs).toFixed(1)),
  });
}

export default { name, run };
