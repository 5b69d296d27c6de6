import { z } from 'zod';

/** A case and one of the agency's auditors; the service checks both belong to the agency. */
export const assignmentSchema = z
  .record(z.string(), z.union([z.string(), z.array(z.string())]))
  .transform((values) => ({ caseId: String(values.caseId ?? ''), auditorId: String(values.auditorId ?? '') }));
