import { describe, expect, it } from 'vitest';
import { findIdentifyingDetails, type RedactionTerm } from './redaction-guard.ts';
import { pseudonymFor, replaceWithPseudonyms, roleWording } from './pseudonyms.ts';

const terms: RedactionTerm[] = [
  { kind: 'name', value: 'Kayden Smith' },
  { kind: 'date_of_birth', value: '2015-03-12' },
  { kind: 'name', value: 'Donna Smith' },
  { kind: 'address', value: '12 Orchard Road, Leeds LS6 2AB' },
  { kind: 'record_number', value: '4857773456' },
];
const owners = ['Child A', 'Child A', 'the mother', undefined, undefined];
const standsFor = (i: number, kind: RedactionTerm['kind']) => pseudonymFor(kind, owners[i]);

function replace(text: string) {
  return replaceWithPseudonyms(text, findIdentifyingDetails(text, terms), standsFor);
}

describe('replace with pseudonyms', () => {
  it('replaces a child, a parent, an address, a date of birth and a record number', () => {
    const text =
      'Kayden Smith (born 12/03/2015, NHS 485 777 3456) lives at 12 Orchard Road. ' +
      'Donna Smith said she was worried.';
    expect(replace(text).text).toBe(
      "Child A (born Child A's date of birth, NHS [record number]) lives at the family's address. " +
        'The mother said she was worried.',
    );
  });

  it("keeps a possessive's ending and lists each change with its sentence before and after", () => {
    const result = replace("The school saw Kayden's bruise. Nothing else was seen.");
    expect(result.text).toBe("The school saw Child A's bruise. Nothing else was seen.");
    expect(result.changes).toEqual([
      {
        start: 15,
        end: 21,
        matched: 'Kayden',
        replacement: 'Child A',
        sentenceBefore: "The school saw Kayden's bruise.",
        sentenceAfter: "The school saw Child A's bruise.",
      },
    ]);
  });

  it('replaces overlapping hits once, by the longest', () => {
    const result = replaceWithPseudonyms(
      'Ask Kayden Smith.',
      [
        { kind: 'name', termIndex: 0, start: 4, end: 10, matched: 'Kayden' },
        { kind: 'name', termIndex: 0, start: 4, end: 16, matched: 'Kayden Smith' },
      ],
      standsFor,
    );
    expect(result.text).toBe('Ask Child A.');
    expect(result.changes.map((c) => c.matched)).toEqual(['Kayden Smith']);
  });

  it('leaves a text with no hits as it was', () => {
    expect(replace('Nothing identifying here.')).toEqual({ text: 'Nothing identifying here.', changes: [] });
  });

  it('words a household role as a document would', () => {
    expect(roleWording('Mother')).toBe('the mother');
    expect(roleWording('carer')).toBe('the carer');
    expect(roleWording('')).toBe('the adult');
    expect(pseudonymFor('custom')).toBe('[removed]');
    expect(pseudonymFor('date_of_birth')).toBe('the date of birth');
  });
});
