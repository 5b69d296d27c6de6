import { describe, expect, it } from 'vitest';
import { namesChildrenByPseudonym, readIdentity } from './case-identity.ts';

describe('reading a stored identifying-details value', () => {
  it('reads today’s shape as it is', () => {
    const value = {
      children: [{ childId: 'c1', name: 'Kayden Marsh', dateOfBirth: '2015-03-12' }],
      adults: [],
      addresses: ['1 Road'],
      records: [{ agencyId: null, label: 'NHS number', value: '999 000 0001' }],
    };
    expect(namesChildrenByPseudonym(JSON.stringify(value))).toBe(false);
    expect(readIdentity(JSON.stringify(value))).toEqual(value);
  });

  it('reads the older demo shape, children by pseudonym and record numbers as strings, losing nothing', () => {
    const older = JSON.stringify({
      children: [
        { pseudonym: 'Child A', name: 'Demo Child 1A Example', dateOfBirth: '' },
        { pseudonym: 'Child B', name: 'Demo Child 1B Example', dateOfBirth: '2016-01-02' },
      ],
      adults: [],
      addresses: ['1 Fictional Row'],
      recordNumbers: ['CSC-1234567'],
    });
    expect(namesChildrenByPseudonym(older)).toBe(true);
    expect(
      readIdentity(
        older,
        new Map([
          ['Child A', 'a-id'],
          ['Child B', 'b-id'],
        ]),
      ),
    ).toEqual({
      children: [
        { childId: 'a-id', name: 'Demo Child 1A Example', dateOfBirth: null },
        { childId: 'b-id', name: 'Demo Child 1B Example', dateOfBirth: '2016-01-02' },
      ],
      adults: [],
      addresses: ['1 Fictional Row'],
      records: [{ agencyId: null, label: 'Record number', value: 'CSC-1234567' }],
    });
  });

  it('still refuses a value that is not identifying details', () => {
    expect(() => readIdentity(JSON.stringify({ children: [{ childId: 3 }] }))).toThrow();
  });
});
