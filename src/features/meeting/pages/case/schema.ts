import { z } from 'zod';
import { readCaseNotes, type AgreedDomain } from '../../../../domain/meeting-domains.ts';

/**
 * The case form: the notes, and per domain of the audit's tools an optional agreed judgement on
 * its scale with a rationale. The domains come from the audit, so the schema is made per audit.
 */
export const caseNotesSchema = (domains: AgreedDomain[]) =>
  z.record(z.string(), z.union([z.string(), z.array(z.string())])).transform((values, ctx) => {
    const read = readCaseNotes(values, domains);
    if (read.ok) return read.value;
    for (const [field, { text }] of Object.entries(read.errors))
      ctx.addIssue({ code: 'custom', path: [field], message: text });
    return z.NEVER;
  });
