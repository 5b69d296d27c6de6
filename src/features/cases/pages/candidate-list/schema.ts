import { z } from 'zod';
import { isDimension, type Dimension } from '../../../../domain/sampling.ts';
import { asArray } from '../../../../web/forms.ts';
import { isUuid } from '../../../audits/audit-access.ts';
import { MAX_CASES_AT_ONCE } from '../../selection-service.ts';
import { issue } from '../../form-fields.ts';

const posted = z
  .unknown()
  .optional()
  .transform((value) => (typeof value === 'string' ? value : Array.isArray(value) ? value.join(',') : '').trim());

/** A stratified draw: the strata, a sample no bigger than the list (or the most made at once), and a seed. */
export function drawSchema(rowCount: number) {
  return z
    .object({ strata: z.preprocess(asArray, z.array(z.string())), size: posted, seed: posted })
    .transform((v, ctx) => {
      if (v.strata.some((s) => !isDimension(s))) issue(ctx, 'strata', 'Select strata from the list');
      if (!/^\d+$/.test(v.size) || Number(v.size) < 1)
        issue(ctx, 'size', 'Enter the sample size as a whole number, like 6');
      else if (Number(v.size) > Math.min(rowCount, MAX_CASES_AT_ONCE))
        issue(
          ctx,
          'size',
          rowCount <= MAX_CASES_AT_ONCE
            ? `The list has ${rowCount} candidates: enter ${rowCount} or fewer`
            : `Enter a sample size of ${MAX_CASES_AT_ONCE} or fewer`,
        );
      if (!v.seed) issue(ctx, 'seed', 'Enter a seed, or keep the one suggested');
      else if (!/^[A-Za-z0-9 ._-]{1,64}$/.test(v.seed))
        issue(ctx, 'seed', 'The seed must be up to 64 letters, numbers, spaces, dots, dashes or underscores');
      return { dimensions: v.strata as Dimension[], size: Number(v.size), seed: v.seed };
    });
}

/** Making cases: candidates ticked by hand, or a recorded draw's. */
export const makeCasesSchema = z.object({
  candidates: z.preprocess(asArray, z.array(z.string())).transform((ids) => ids.filter(isUuid)),
  drawId: z
    .unknown()
    .optional()
    .transform((value) => (typeof value === 'string' ? value : '')),
});
