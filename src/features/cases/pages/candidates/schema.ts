import path from 'node:path';
import { z } from 'zod';
import { isUuid } from '../../../audits/audit-access.ts';

/**
 * The upload's fields, read from the multipart stream: the file's name made safe to show and
 * store, and the source agency if one was chosen (anything else reads as none).
 */
export const uploadSchema = z.object({
  filename: z.string().transform((name) =>
    path
      .basename(name)
      .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
      .slice(0, 200),
  ),
  sourceAgencyId: z.string().refine(isUuid).nullable().catch(null),
});
