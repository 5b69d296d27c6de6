import type { InvolvementStatus } from '../../db/schema.ts';

export const INVOLVEMENT_LABELS: Record<InvolvementStatus, string> = {
  involved: 'Involved (will audit)',
  not_known: 'Not known',
  out_of_scope: 'Out of scope',
  partly_in_scope: 'Partly in scope',
  declined: 'Declined',
};
export const NEEDS_REASON: InvolvementStatus[] = ['out_of_scope', 'partly_in_scope', 'declined'];

/** A case-and-agency cell's key in the maps the matrix, the progress page and the API look cells up in. */
export const cellKey = (caseId: string, agencyId: string) => `${caseId}|${agencyId}`;

/** One case's answer, checked the same way for the form and the API: what is wrong, and with which field. */
export function checkInvolvement(
  status: string,
  reason: string,
  caseReference: string,
): { ok: true; status: InvolvementStatus; reason: string } | { ok: false; field: 'status' | 'reason'; text: string } {
  const trimmed = reason.trim().slice(0, 2000);
  if (!Object.hasOwn(INVOLVEMENT_LABELS, status))
    return { ok: false, field: 'status', text: `Select your agency’s involvement in ${caseReference}` };
  const chosen = status as InvolvementStatus;
  if (NEEDS_REASON.includes(chosen) && !trimmed)
    return {
      ok: false,
      field: 'reason',
      text: `Give the reason for ${caseReference} (${INVOLVEMENT_LABELS[chosen].toLowerCase()})`,
    };
  return { ok: true, status: chosen, reason: trimmed };
}
