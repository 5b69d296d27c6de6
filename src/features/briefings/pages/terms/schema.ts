import { z } from 'zod';
import { postedField } from '../posted.ts';

/** A word or phrase for the redaction guard to look for, checked in the order the messages read. */
export const termSchema = z.looseObject({
  word: postedField
    .transform((v) => v.trim())
    .pipe(
      z
        .string()
        .min(1, 'Enter a word or phrase to check for')
        .max(200, 'The word or phrase must be 200 characters or fewer')
        .regex(/[\p{L}\p{N}]/u, 'Enter a word or phrase with letters or numbers in it'),
    ),
});
