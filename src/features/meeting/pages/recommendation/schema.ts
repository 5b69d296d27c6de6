import { z } from 'zod';
import { RECOMMENDATION_KINDS } from '../../../../domain/recommendation-kinds.ts';
import { asArray } from '../../../../web/forms.ts';
import type { RecommendationInput } from '../../recommendation-service.ts';

const posted = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const AUDIENCES = ['partnership', 'all_agencies', 'agencies'] as const;
const isAudience = (value: unknown): value is RecommendationInput['addressedTo'] => AUDIENCES.some((a) => a === value);
const kindSchema = z.enum(RECOMMENDATION_KINDS);

/** A posted recommendation, checked against this audit's findings and invited agencies. */
export const recommendationSchema = (choices: { agencyIds: string[]; findingIds: string[] }) =>
  posted.transform((body, ctx): RecommendationInput => {
    // One message per field: a later check on a field replaces an earlier one.
    const errors: Record<string, string> = {};
    const text = String(body.text ?? '').trim();
    if (!text) errors.text = 'Enter the recommendation';
    else if (text.length > 4000) errors.text = 'The recommendation must be 4000 characters or fewer';
    const kind = kindSchema.safeParse(body.kind);
    if (!kind.success) errors.kind = 'Select what kind of recommendation this is';
    const addressedTo = isAudience(body.addressedTo) ? body.addressedTo : undefined;
    if (!addressedTo) errors.addressedTo = 'Select who the recommendation is for';
    const agencyIds = asArray(body.agencies);
    if (addressedTo === 'agencies' && agencyIds.length === 0)
      errors.agencies = 'Select the agencies the recommendation is for';
    if (agencyIds.some((id) => !choices.agencyIds.includes(id)))
      errors.agencies = 'Select agencies invited to this audit';
    const findingIds = asArray(body.findings);
    if (findingIds.some((id) => !choices.findingIds.includes(id))) errors.findings = 'Select findings from this audit';
    for (const [field, message] of Object.entries(errors)) ctx.addIssue({ code: 'custom', path: [field], message });
    if (!addressedTo || !kind.success) return z.NEVER;
    return {
      text,
      addressedTo,
      agencyIds: addressedTo === 'agencies' ? agencyIds : [],
      findingIds,
      kind: kind.data,
      version: Number(body.version) || 0,
    };
  });
