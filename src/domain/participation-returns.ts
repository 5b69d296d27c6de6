import type { CellStatus } from './participation.ts';

/**
 * Participation counted from the returns received (submitted or signed off), never from what was
 * expected: per agency, the cases it audited (a return received) out of the audit's cases, then
 * why the others were not, in seed 003's words: "3 (out of the 5; 1 not known, 1 out of scope)".
 * An agency recorded as involved whose return is not in is named "return not received" (or "will
 * not be received" once the coordinator has recorded that, passed as `willNotReceive`).
 */
export type ReceivedRow = { agencyId: string; agencyName: string; audited: number; text: string };
export type ReceivedParticipation = {
  rows: ReceivedRow[];
  expected: number;
  received: number;
  casesAudited: string[];
  agenciesAudited: number;
};
type Cell = { agencyId: string; caseId: string; status: Exclude<CellStatus, 'awaiting'> };
type Pair = { agencyId: string; caseId: string };

const PHRASES: [string, (n: number) => string][] = [
  ['not_received', (n) => `${n} return${n === 1 ? '' : 's'} not received`],
  ['will_not', (n) => `${n} return${n === 1 ? '' : 's'} will not be received`],
  ['not_known', (n) => `${n} not known`],
  ['partly_in_scope', (n) => `${n} mostly out of scope`],
  ['out_of_scope', (n) => `${n} out of scope`],
  ['declined', (n) => `${n} declined`],
  ['awaiting', (n) => `${n} not yet recorded`],
];

export function receivedText(counts: Record<string, number>, audited: number, caseCount: number): string {
  if ((counts.awaiting ?? 0) === caseCount) return '-';
  if (audited === 0 && counts.not_known === caseCount) return '0 (not known)';
  if (audited === caseCount) return `${audited} (out of the ${caseCount})`;
  const others = PHRASES.filter(([k]) => (counts[k] ?? 0) > 0).map(([k, say]) => say(counts[k]!));
  return `${audited} (out of the ${caseCount}; ${others.join(', ')})`;
}

export function participationFromReturns(
  agencies: { id: string; name: string }[],
  caseIds: string[],
  cells: Cell[],
  received: Pair[],
  willNotReceive: Pair[] = [],
): ReceivedParticipation {
  const key = (p: Pair) => `${p.agencyId}|${p.caseId}`;
  const statusOf = new Map(cells.map((c) => [key(c), c.status]));
  const got = new Set(received.map(key));
  const wont = new Set(willNotReceive.map(key));
  let expected = 0;
  const rows = agencies.map((agency) => {
    const counts: Record<string, number> = {};
    let audited = 0;
    for (const caseId of caseIds) {
      const k = key({ agencyId: agency.id, caseId });
      const status = statusOf.get(k) ?? 'awaiting';
      if (status === 'involved' || got.has(k)) expected++;
      if (got.has(k)) audited++;
      else {
        const why = status === 'involved' ? (wont.has(k) ? 'will_not' : 'not_received') : status;
        counts[why] = (counts[why] ?? 0) + 1;
      }
    }
    return {
      agencyId: agency.id,
      agencyName: agency.name,
      audited,
      text: receivedText(counts, audited, caseIds.length),
    };
  });
  const inAudit = received.filter((r) => caseIds.includes(r.caseId) && agencies.some((a) => a.id === r.agencyId));
  return {
    rows,
    expected,
    received: new Set(inAudit.map(key)).size,
    casesAudited: caseIds.filter((id) => inAudit.some((r) => r.caseId === id)),
    agenciesAudited: rows.filter((r) => r.audited > 0).length,
  };
}

/** The basis every count states: "from 2 of 7 expected returns". */
export function returnsBasis(p: Pick<ReceivedParticipation, 'expected' | 'received'>): string {
  return `from ${p.received} of ${p.expected} expected return${p.expected === 1 ? '' : 's'}`;
}
