import { describe, expect, it } from 'vitest';
import { termsFromIdentity } from './redaction-term-service.ts';

describe('terms from a case’s identifying details', () => {
  it('takes every name, date of birth, address and record number', () => {
    const identity = {
      children: [
        { childId: 'c1', name: 'Kayden Marsh', dateOfBirth: '2015-03-12' },
        { childId: 'c2', name: ' ', dateOfBirth: null },
      ],
      adults: [{ memberId: 'm1', name: 'Dean Marsh' }],
      addresses: ['14 Larkspur Close, Testtown, TT1 4AB', ''],
      records: [{ agencyId: null, label: 'NHS number', value: '485 777 3456' }],
    };
    expect(termsFromIdentity(identity)).toEqual([
      { kind: 'name', value: 'Kayden Marsh' },
      { kind: 'date_of_birth', value: '2015-03-12' },
      { kind: 'name', value: 'Dean Marsh' },
      { kind: 'address', value: '14 Larkspur Close, Testtown, TT1 4AB' },
      { kind: 'record_number', value: '485 777 3456' },
    ]);
  });

  it('reads older or partial values leniently, so nothing recorded escapes the check', () => {
    expect(
      termsFromIdentity({
        children: [{ pseudonym: 'Child A', name: 'Demo Child 1A Example', dateOfBirth: '' }],
        recordNumbers: ['CSC-1234567'],
      }),
    ).toEqual([
      { kind: 'name', value: 'Demo Child 1A Example' },
      { kind: 'record_number', value: 'CSC-1234567' },
    ]);
    expect(termsFromIdentity(null)).toEqual([]);
    expect(termsFromIdentity({ children: 'not a list', adults: [null] })).toEqual([]);
  });
});
