import { z } from 'zod';

/** Applying the preview: the version it was made from, so a newer edit is never overwritten. */
export const applySchema = z.looseObject({
  version: z.coerce.number({ error: 'The version of the briefing is missing' }).int().min(1),
});
