import { describe, expect, it } from 'vitest';
import { participationFromReturns, returnsBasis } from './participation-returns.ts';

describe('participation from the returns received', () => {
  // Issue 12's audit: 3 cases, 3 agencies, 7 returns expected, 2 received (both for case 1).
  const agencies = [
    { id: 'p', name: 'Police' },
    { id: 'h', name: 'Health trust' },
    { id: 's', name: 'School' },
  ];
  const cases = ['c1', 'c2', 'c3'];
  const cells = [
    ...cases.map((caseId) => ({ agencyId: 'p', caseId, status: 'involved' as const })),
    { agencyId: 'h', caseId: 'c1', status: 'involved' as const },
    { agencyId: 'h', caseId: 'c2', status: 'involved' as const },
    { agencyId: 'h', caseId: 'c3', status: 'not_known' as const },
    { agencyId: 's', caseId: 'c1', status: 'involved' as const },
    { agencyId: 's', caseId: 'c2', status: 'out_of_scope' as const },
    { agencyId: 's', caseId: 'c3', status: 'involved' as const },
  ];
  const received = [
    { agencyId: 'p', caseId: 'c1' },
    { agencyId: 's', caseId: 'c1' },
  ];

  it('credits each agency only with the returns it sent, and names the ones not received', () => {
    const p = participationFromReturns(agencies, cases, cells, received);
    expect(p.rows.map((r) => [r.agencyName, r.audited, r.text])).toEqual([
      ['Police', 1, '1 (out of the 3; 2 returns not received)'],
      ['Health trust', 0, '0 (out of the 3; 2 returns not received, 1 not known)'],
      ['School', 1, '1 (out of the 3; 1 return not received, 1 out of scope)'],
    ]);
    expect(p.expected).toBe(7);
    expect(p.received).toBe(2);
    expect(p.casesAudited).toEqual(['c1']);
    expect(p.agenciesAudited).toBe(2);
    expect(returnsBasis(p)).toBe('from 2 of 7 expected returns');
  });

  it('words seed 003 as the seed does, and a return the coordinator says will not come', () => {
    const five = ['a', 'b', 'c', 'd', 'e'];
    const seedCells = [
      ...['a', 'b', 'c'].map((caseId) => ({ agencyId: 'p', caseId, status: 'involved' as const })),
      { agencyId: 'p', caseId: 'd', status: 'not_known' as const },
      { agencyId: 'p', caseId: 'e', status: 'out_of_scope' as const },
    ];
    const got = ['a', 'b', 'c'].map((caseId) => ({ agencyId: 'p', caseId }));
    const seed = participationFromReturns([agencies[0]!], five, seedCells, got);
    expect(seed.rows[0]!.text).toBe('3 (out of the 5; 1 not known, 1 out of scope)');
    const wont = participationFromReturns([agencies[0]!], five, seedCells, got.slice(0, 2), [got[2]!]);
    expect(wont.rows[0]!.text).toBe('2 (out of the 5; 1 return will not be received, 1 not known, 1 out of scope)');
    expect(participationFromReturns([agencies[0]!], five, [], []).rows[0]!.text).toBe('-');
  });
});
