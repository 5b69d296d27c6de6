/**
 * The participation table every seed briefing prints, built from the involvement matrix: per
 * agency, how many cases it audited and what the others were, e.g.
 * "1 (out of the 5, 1 audited, 1 mostly out of scope and 3 out of scope)". An agency that has
 * recorded nothing shows "-"; one that knew none of the families shows "0 (not known)".
 */
export type CellStatus = 'awaiting' | 'involved' | 'not_known' | 'out_of_scope' | 'partly_in_scope' | 'declined';
export type ParticipationRow = {
  agencyId: string;
  agencyName: string;
  audited: number;
  counts: Record<CellStatus, number>;
  text: string;
};

const PHRASES: [CellStatus, string][] = [
  ['partly_in_scope', 'mostly out of scope'],
  ['out_of_scope', 'out of scope'],
  ['not_known', 'not known'],
  ['declined', 'declined'],
  ['awaiting', 'not yet recorded'],
];

function list(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

export function participationText(counts: Record<CellStatus, number>, caseCount: number): string {
  const audited = counts.involved;
  const recorded = caseCount - counts.awaiting;
  if (recorded === 0) return '-';
  if (audited === 0 && counts.not_known === caseCount) return '0 (not known)';
  if (audited === caseCount) return `${audited} (out of the ${caseCount})`;
  const others = PHRASES.filter(([status]) => counts[status] > 0).map(
    ([status, phrase]) => `${counts[status]} ${phrase}`,
  );
  return `${audited} (out of the ${caseCount}, ${list([`${audited} audited`, ...others])})`;
}

export function participationTable(
  agencies: { id: string; name: string }[],
  caseIds: string[],
  cells: { agencyId: string; caseId: string; status: Exclude<CellStatus, 'awaiting'> }[],
): ParticipationRow[] {
  const statusOf = new Map(cells.map((c) => [`${c.agencyId}|${c.caseId}`, c.status]));
  return agencies.map((agency) => {
    const counts: Record<CellStatus, number> = {
      awaiting: 0,
      involved: 0,
      not_known: 0,
      out_of_scope: 0,
      partly_in_scope: 0,
      declined: 0,
    };
    for (const caseId of caseIds) {
      counts[statusOf.get(`${agency.id}|${caseId}`) ?? 'awaiting']++;
    }
    return {
      agencyId: agency.id,
      agencyName: agency.name,
      audited: counts.involved,
      counts,
      text: participationText(counts, caseIds.length),
    };
  });
}
