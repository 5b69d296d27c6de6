import { z } from 'zod';
import { asArray } from '../../../../web/forms.ts';
import type { FindingChoices, FindingInput } from '../../finding-service.ts';

const UUID = /^[0-9a-f-]{36}$/i;
const posted = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/**
 * A finding as posted, checked against what belongs to this audit: its cases, its invited
 * agencies, the partnership's themes. An id from elsewhere is refused, never stored.
 */
export const findingSchema = (choices: FindingChoices) =>
  posted.transform((body, ctx): FindingInput => {
    // One message per field: a later check on a field replaces an earlier one.
    const errors: Record<string, string> = {};
    const kind = body.kind === 'strength' ? 'strength' : body.kind === 'development' ? 'development' : undefined;
    if (!kind) errors.kind = 'Select whether this is a strength or an area for development';
    const acrossCases = body.scope === 'across';
    const caseIds = asArray(body.cases);
    const agencyIds = asArray(body.agencies);
    const themeIds = asArray(body.themes);
    if (body.scope !== 'across' && body.scope !== 'cases')
      errors.scope = 'Select whether the finding is about particular cases or across cases';
    else if (!acrossCases && caseIds.length === 0) errors.cases = 'Select the case or cases the finding is about';
    if (caseIds.some((id) => !choices.caseIds.includes(id))) errors.cases = 'Select cases from this audit';
    if (agencyIds.some((id) => !choices.agencyIds.includes(id)))
      errors.agencies = 'Select agencies invited to this audit';
    if (themeIds.some((id) => !choices.themeIds.includes(id))) errors.themes = 'Select themes from the list';
    const text = String(body.text ?? '').trim();
    if (!text) errors.text = 'Enter the finding';
    else if (text.length > 4000) errors.text = 'The finding must be 4000 characters or fewer';
    for (const [field, message] of Object.entries(errors)) ctx.addIssue({ code: 'custom', path: [field], message });
    if (!kind) return z.NEVER;
    return {
      kind,
      acrossCases,
      text,
      domain: String(body.domain ?? '')
        .trim()
        .slice(0, 200),
      caseIds,
      agencyIds,
      themeIds,
      suggestedIds: asArray(body.suggested).filter((id) => themeIds.includes(id)),
      version: Number(body.version) || 0,
      pointId: typeof body.point === 'string' && UUID.test(body.point) ? body.point : undefined,
    };
  });

/** "Carry into a finding" links here with the point's id; anything else starts an empty form. */
export const prefillQuery = z
  .looseObject({ point: z.union([z.string(), z.array(z.string())]).optional() })
  .transform((q) => ({ pointId: typeof q.point === 'string' && q.point ? q.point : undefined }));
