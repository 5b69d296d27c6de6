import { z } from 'zod';
import type { TargetAgency } from '../../exchange-agencies.ts';
import type { ExchangeAgency } from '../../exchange-document.ts';

export const CREATE = 'create';

/**
 * Matching the file's agencies: each one names an agency of this partnership, or "create". The
 * schema depends on the file and the partnership, so it is made for each request.
 */
export function agencyChoiceSchema(fileAgencies: ExchangeAgency[], available: TargetAgency[]) {
  return z.looseObject({ asCopy: z.unknown().optional() }).transform((values, ctx) => {
    const mapping: Record<string, string> = {};
    let createMissingAgencies = false;
    for (const a of fileAgencies) {
      const field = `agency-${a.key}`;
      const value = typeof values[field] === 'string' ? values[field] : '';
      if (value === CREATE) createMissingAgencies = true;
      else if (available.some((t) => t.id === value)) mapping[a.name] = value;
      else
        ctx.addIssue({ code: 'custom', path: [field], message: `Select the agency here for ${a.name}, or create it` });
    }
    return { agencyMapping: mapping, createMissingAgencies, asCopy: values.asCopy === 'yes' };
  });
}
