import { describe, expect, it } from 'vitest';
import { pseudonymTerms } from './pseudonym-terms.ts';
import { termsFromIdentity } from './redaction-term-service.ts';

const identity = {
  children: [{ childId: 'c1', name: 'Kayden Smith', dateOfBirth: '2015-03-12' }],
  adults: [
    { memberId: 'm1', name: 'Donna Smith' },
    { memberId: 'm2', name: 'Lee Hart' },
  ],
  addresses: ['12 Orchard Road, Leeds'],
  records: [{ value: '4857773456' }],
};

describe('what a case identifying details stand for', () => {
  it('words each detail by the case pseudonym and household role, in the guard order', () => {
    const got = pseudonymTerms(identity, new Map([['c1', 'Child A']]), new Map([['m1', 'Mother']]));
    expect(got.map((t) => t.term)).toEqual(termsFromIdentity(identity));
    expect(got.map((t) => t.standsFor)).toEqual([
      'Child A',
      "Child A's date of birth",
      'the mother',
      'the adult',
      "the family's address",
      '[record number]',
    ]);
  });
});
