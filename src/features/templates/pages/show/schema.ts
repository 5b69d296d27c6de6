import { z } from 'zod';
import { isUuid } from '../../../audits/audit-access.ts';

/** A template's address: its id, and optionally which version (`?version=n`). */
export const templateParams = z.looseObject({ id: z.string().refine(isUuid) });

export const versionQuery = z.looseObject({}).transform((query, ctx) => {
  if (query.version === undefined) return { version: undefined };
  const version = Number(query.version);
  if (!Number.isInteger(version)) ctx.addIssue({ code: 'custom', path: ['version'], message: 'No such version' });
  return { version };
});
