import { z } from 'zod';
import { postedField } from '../posted.ts';

/** The posted text of a field, trimmed; a repeated field reads as its values joined, as before. */
export const trimmed = postedField.transform((v) => v.trim());

/** The version the person read; anything unreadable counts as none, so the service finds it stale. */
export const versionField = z.unknown().transform((v) => Number(v) || 0);

export const publishSchema = z.looseObject({ version: versionField });

/** The reason a coordinator gives; the message names what the reason is for. */
const reason = (missing: string) =>
  trimmed.pipe(z.string().min(1, missing).max(1000, 'The reason must be 1000 characters or fewer'));

export const notIdentifyingSchema = z.looseObject({
  reason: reason('Enter why this is not identifying'),
  key: postedField,
});

export const unpublishSchema = z.looseObject({ reason: reason('Enter why the briefing is being withdrawn') });
