import { describe, expect, it } from 'vitest';
import {
  findIdentifyingDetails,
  hitForViewer,
  isDistinctiveNamePart,
  parseDateOfBirth,
  type RedactionTerm,
} from './redaction-guard.ts';

const name = (value: string): RedactionTerm => ({ kind: 'name', value });
const dob = (value: string): RedactionTerm => ({ kind: 'date_of_birth', value });
const matched = (text: string, terms: RedactionTerm[], knownWords?: string[]) =>
  findIdentifyingDetails(text, terms, { knownWords }).map((h) => h.matched);

describe('names', () => {
  it('finds a full name whatever the case, spacing or punctuation', () => {
    expect(matched('The school spoke to JOHN   SMITH about home.', [name('John Smith')])).toEqual(['JOHN   SMITH']);
    expect(matched('Worries about john smith.', [name('John Smith')])).toEqual(['john smith']);
    expect(matched('Seen: "John", Smith later.', [name('John Smith')])).toEqual(['John", Smith']);
  });

  it('finds a name split across lines, and a word broken by a hyphen at the end of a line', () => {
    expect(matched('The social worker visited John\nSmith at school.', [name('John Smith')])).toEqual(['John\nSmith']);
    expect(matched('visited John\r\n   Smith', [name('John Smith')])).toEqual(['John\r\n   Smith']);
    expect(matched('the child, Kay-\nden, said', [name('Kayden Jones')])).toEqual(['Kay-\nden']);
  });

  it('ignores accents either way', () => {
    expect(matched('Zoe Lefevre was seen', [name('Zoë Lefèvre')])).toEqual(['Zoe Lefevre']);
    expect(matched('ZOË LEFÈVRE was seen', [name('Zoe Lefevre')])).toEqual(['ZOË LEFÈVRE']);
    expect(matched('Zoe\u0308 Lefevre', [name('Zoë Lefevre')])).toEqual(['Zoe\u0308 Lefevre']);
  });

  it('finds initials with the surname: "J. Smith", "J Smith" and "J.Smith"', () => {
    expect(matched('J. Smith attended; J Smith left; J.Smith returned', [name('John Smith')])).toEqual([
      'J. Smith',
      'J Smith',
      'J.Smith',
    ]);
  });

  it('finds forename and surname when the name has middle names', () => {
    const hits = findIdentifyingDetails('Letter to Mary Jones about the plan', [name('Mary Ann Louise Jones')]);
    expect(hits.map((h) => [h.matched, h.rule])).toEqual([['Mary Jones', 'full']]);
  });

  it('keeps the longest match where matches overlap', () => {
    const hits = findIdentifyingDetails('Kayden Smith was seen', [name('Kayden Smith')]);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ matched: 'Kayden Smith', start: 0, end: 12, rule: 'full', kind: 'name' });
  });

  it('finds a distinctive forename or surname on its own', () => {
    expect(matched('Kayden told his teacher', [name('Kayden Smith')])).toEqual(['Kayden']);
    expect(matched('the Smith household', [name('Kayden Smith')])).toEqual(['Smith']);
    expect(matched('Tom was seen alone', [name('Tom Baxter')])).toEqual(['Tom']);
  });

  it('does not flag a forename that is also a common word', () => {
    expect(
      matched('By the grace of good planning, there is hope and the will to act.', [
        name('Grace Hope'),
        name('Will Young'),
      ]),
    ).toEqual([]);
    expect(matched('A rose garden; young people; the mother was seen.', [name('Rose Young')])).toEqual([]);
    expect(isDistinctiveNamePart('Grace')).toBe(false);
    expect(isDistinctiveNamePart('Mother')).toBe(false);
    expect(isDistinctiveNamePart('Kayden')).toBe(true);
    expect(isDistinctiveNamePart('Al')).toBe(false);
  });

  it('does not flag a lone name part that is one of the known words, such as the partnership’s name', () => {
    const terms = [name('Demo Child Example')];
    expect(
      matched('The Demo Safeguarding Children Partnership audited', terms, ['Demo Safeguarding Children Partnership']),
    ).toEqual([]);
    expect(matched('The Demo Safeguarding Children Partnership audited', terms)).toEqual(['Demo']);
    expect(matched('Seen: Demo Child Example', terms, ['Demo Safeguarding Children Partnership'])).toEqual([
      'Demo Child Example',
    ]);
  });

  it('still finds a common-word forename written with the surname', () => {
    expect(matched('Grace Hope attended the conference', [name('Grace Hope')])).toEqual(['Grace Hope']);
    expect(matched('G. Hope attended', [name('Grace Hope')])).toEqual(['G. Hope']);
  });

  it('does not match a name inside a longer word, or another initial', () => {
    expect(matched('Smithson Road', [name('John Smith')])).toEqual([]);
    expect(matched('P. Smithers said', [name('John Smith')])).toEqual([]);
  });

  it('gives offsets that point at the matched text, and a context snippet', () => {
    const text = `${'x '.repeat(40)}the child Kayden Smith was at home with ${'y '.repeat(40)}`;
    const [hit] = findIdentifyingDetails(text, [name('Kayden Smith')]);
    expect(text.slice(hit!.start, hit!.end)).toBe('Kayden Smith');
    expect(hit!.before.startsWith('…')).toBe(true);
    expect(hit!.before.endsWith('the child ')).toBe(true);
    expect(hit!.after.startsWith(' was at home')).toBe(true);
    expect(hit!.context).toContain('the child Kayden Smith was at home');
  });
});

describe('dates of birth', () => {
  const formats = [
    '12/03/2015',
    '12.03.15',
    '12-3-2015',
    '12 March 2015',
    '12th Mar 2015',
    '2015-03-12',
    'March 12, 2015',
    '12th of March 2015',
    '12 MARCH\n2015',
    'Mar. 12th, 2015',
  ];
  for (const format of formats) {
    it(`finds 12 March 2015 written as "${format.replace('\n', '\\n')}"`, () => {
      expect(matched(`Born ${format}, the child`, [dob('2015-03-12')])).toEqual([format]);
    });
  }

  it('does not match another date, or the American reading of the same digits', () => {
    expect(matched('Seen on 03/12/2015 and 12/03/2016 and 13 March 2015', [dob('2015-03-12')])).toEqual([]);
  });

  it('reads the recorded date in either order', () => {
    expect(parseDateOfBirth('2015-03-12')).toEqual({ year: 2015, month: 3, day: 12 });
    expect(parseDateOfBirth('12/03/2015')).toEqual({ year: 2015, month: 3, day: 12 });
    expect(parseDateOfBirth('not a date')).toBeUndefined();
    expect(matched('born 12/03/2015', [dob('12/03/2015')])).toEqual(['12/03/2015']);
  });
});

describe('record numbers and addresses', () => {
  it('finds an NHS number however it is spaced', () => {
    const term: RedactionTerm = { kind: 'record_number', value: '485 777 3456' };
    expect(matched('NHS 4857773456; also 485-777-3456 and 485 777\n3456', [term])).toEqual([
      '4857773456',
      '485-777-3456',
      '485 777\n3456',
    ]);
    expect(matched('Reference 4857773457 and 14857773456', [term])).toEqual([]);
  });

  it('ignores very short record numbers', () => {
    expect(matched('item 12 of 3', [{ kind: 'record_number', value: '12' }])).toEqual([]);
  });

  it('finds an address by its first line, its street and its postcode with or without the space', () => {
    const term: RedactionTerm = { kind: 'address', value: '12 Acacia Avenue, Demotown, LE1 2AB' };
    expect(matched('The family lived at 12 acacia avenue until June', [term])).toEqual(['12 acacia avenue']);
    expect(matched('moved away from Acacia Avenue', [term])).toEqual(['Acacia Avenue']);
    expect(matched('postcode LE12AB and le1 2ab', [term])).toEqual(['LE12AB', 'le1 2ab']);
    expect(matched('Demotown is a large town; LE1 3AB is elsewhere', [term])).toEqual([]);
  });
});

describe('custom words', () => {
  it('finds the words the coordinator added, whatever the case', () => {
    const term: RedactionTerm = { kind: 'custom', value: 'Rainbow Nursery' };
    expect(matched('attended RAINBOW\nnursery daily', [term])).toEqual(['RAINBOW\nnursery']);
    expect(matched('a rainbow over the nursery', [term])).toEqual([]);
  });
});

describe('what a hit shows', () => {
  it('shows the term value only to people who may see identifying details', () => {
    const [hit] = findIdentifyingDetails('J. Smith left', [name('John Smith')]);
    expect(hitForViewer(hit!, true).value).toBe('John Smith');
    expect(hitForViewer(hit!, false).value).toBeUndefined();
    expect(hitForViewer(hit!, false).matched).toBe('J. Smith');
  });

  it('finds nothing in text without identifying details, and ignores empty terms', () => {
    const text =
      'Case 1: Child A was seen by the health visitor. Information sharing between agencies needs improving.';
    expect(
      findIdentifyingDetails(text, [name('Kayden Smith'), dob('2015-03-12'), { kind: 'custom', value: '  ' }]),
    ).toEqual([]);
  });
});
