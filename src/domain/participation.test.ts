import { describe, expect, it } from 'vitest';
import { participationTable, participationText, type CellStatus } from './participation.ts';

const counts = (c: Partial<Record<CellStatus, number>>): Record<CellStatus, number> => ({
  awaiting: 0,
  involved: 0,
  not_known: 0,
  out_of_scope: 0,
  partly_in_scope: 0,
  declined: 0,
  ...c,
});

describe('participationText', () => {
  it('words each combination as the seeds do', () => {
    expect(participationText(counts({ involved: 1, partly_in_scope: 1, out_of_scope: 3 }), 5)).toBe(
      '1 (out of the 5, 1 audited, 1 mostly out of scope and 3 out of scope)',
    );
    expect(participationText(counts({ involved: 5 }), 5)).toBe('5 (out of the 5)');
    expect(participationText(counts({ not_known: 5 }), 5)).toBe('0 (not known)');
    expect(participationText(counts({ awaiting: 5 }), 5)).toBe('-');
    expect(participationText(counts({ involved: 2, not_known: 3 }), 5)).toBe(
      '2 (out of the 5, 2 audited and 3 not known)',
    );
    expect(participationText(counts({ involved: 3, out_of_scope: 1, awaiting: 1 }), 5)).toBe(
      '3 (out of the 5, 3 audited, 1 out of scope and 1 not yet recorded)',
    );
    expect(participationText(counts({ declined: 5 }), 5)).toBe('0 (out of the 5, 0 audited and 5 declined)');
  });
});

describe('participationTable with seed 003 (Leicester familial sexual abuse audit)', () => {
  // Seed 003's table, as involvement: five cases, the agencies and what each recorded.
  const cases = ['c1', 'c2', 'c3', 'c4', 'c5'];
  const seed: Record<string, CellStatus[]> = {
    'Leicestershire Police': ['involved', 'partly_in_scope', 'out_of_scope', 'out_of_scope', 'out_of_scope'],
    "Children's Social Care and Early Help": ['involved', 'involved', 'involved', 'out_of_scope', 'out_of_scope'],
    'Schools and education settings': ['involved', 'involved', 'involved', 'involved', 'not_known'],
    'GPs (CCG)': ['involved', 'involved', 'involved', 'involved', 'not_known'],
    UHL: ['involved', 'not_known', 'not_known', 'out_of_scope', 'not_known'],
    LPT: ['involved', 'involved', 'involved', 'not_known', 'not_known'],
    UAVA: ['involved', 'involved', 'not_known', 'not_known', 'not_known'],
    NPS: ['involved', 'not_known', 'not_known', 'not_known', 'not_known'],
    SSTOP: ['awaiting', 'awaiting', 'awaiting', 'awaiting', 'awaiting'],
    'Turning Point': ['not_known', 'not_known', 'not_known', 'not_known', 'not_known'],
  };
  const agencies = Object.keys(seed).map((name) => ({ id: name, name }));
  const cells = Object.entries(seed).flatMap(([agencyId, statuses]) =>
    statuses.flatMap((status, i) => (status === 'awaiting' ? [] : [{ agencyId, caseId: cases[i]!, status }])),
  );
  const table = Object.fromEntries(participationTable(agencies, cases, cells).map((r) => [r.agencyName, r]));

  it('reproduces the seed’s counts of cases audited', () => {
    expect(Object.fromEntries(Object.entries(table).map(([k, v]) => [k, v.audited]))).toEqual({
      'Leicestershire Police': 1,
      "Children's Social Care and Early Help": 3,
      'Schools and education settings': 4,
      'GPs (CCG)': 4,
      UHL: 1,
      LPT: 3,
      UAVA: 2,
      NPS: 1,
      SSTOP: 0,
      'Turning Point': 0,
    });
  });

  it('words the police row as the seed does, and the agencies that returned nothing or knew nobody', () => {
    expect(table['Leicestershire Police']!.text).toBe(
      '1 (out of the 5, 1 audited, 1 mostly out of scope and 3 out of scope)',
    );
    expect(table.UAVA!.text).toBe('2 (out of the 5, 2 audited and 3 not known)');
    expect(table.NPS!.text).toBe('1 (out of the 5, 1 audited and 4 not known)');
    expect(table.SSTOP!.text).toBe('-');
    expect(table['Turning Point']!.text).toBe('0 (not known)');
  });
});
