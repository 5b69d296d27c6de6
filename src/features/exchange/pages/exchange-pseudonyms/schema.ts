import { z } from 'zod';

/** Applying the preview: its fingerprint, so a record changed since is never overwritten. */
export const applySchema = z.looseObject({
  fingerprint: z.string({ error: 'The preview is missing' }).regex(/^[0-9a-f]{32}$/, 'The preview is missing'),
});
