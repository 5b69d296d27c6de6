import { asArray } from '../../web/forms.ts';

/**
 * A finding as posted, checked against what belongs to this audit: its cases, its invited
 * agencies, the partnership's themes. An id from elsewhere is refused, never stored.
 */
export type FindingInput = {
  kind: 'strength' | 'development';
  acrossCases: boolean;
  text: string;
  domain: string;
  caseIds: string[];
  agencyIds: string[];
  themeIds: string[];
  suggestedIds: string[];
  version: number;
};
export type FindingChoices = { caseIds: string[]; agencyIds: string[]; themeIds: string[] };

export function readFinding(
  body: Record<string, string | string[]>,
  choices: FindingChoices,
): { ok: true; value: FindingInput } | { ok: false; errors: Record<string, { text: string }> } {
  const errors: Record<string, { text: string }> = {};
  const kind = body.kind === 'strength' || body.kind === 'development' ? body.kind : undefined;
  if (!kind) errors.kind = { text: 'Select whether this is a strength or an area for development' };
  const acrossCases = body.scope === 'across';
  const caseIds = asArray(body.cases);
  const agencyIds = asArray(body.agencies);
  const themeIds = asArray(body.themes);
  if (body.scope !== 'across' && body.scope !== 'cases')
    errors.scope = { text: 'Select whether the finding is about particular cases or across cases' };
  else if (!acrossCases && caseIds.length === 0)
    errors.cases = { text: 'Select the case or cases the finding is about' };
  if (caseIds.some((id) => !choices.caseIds.includes(id))) errors.cases = { text: 'Select cases from this audit' };
  if (agencyIds.some((id) => !choices.agencyIds.includes(id)))
    errors.agencies = { text: 'Select agencies invited to this audit' };
  if (themeIds.some((id) => !choices.themeIds.includes(id))) errors.themes = { text: 'Select themes from the list' };
  const text = String(body.text ?? '').trim();
  if (!text) errors.text = { text: 'Enter the finding' };
  else if (text.length > 4000) errors.text = { text: 'The finding must be 4000 characters or fewer' };
  const domain = String(body.domain ?? '')
    .trim()
    .slice(0, 200);
  if (Object.keys(errors).length || !kind) return { ok: false, errors };
  return {
    ok: true,
    value: {
      kind,
      acrossCases,
      text,
      domain,
      caseIds: acrossCases ? caseIds : caseIds,
      agencyIds,
      themeIds,
      suggestedIds: asArray(body.suggested).filter((id) => themeIds.includes(id)),
      version: Number(body.version) || 0,
    },
  };
}
