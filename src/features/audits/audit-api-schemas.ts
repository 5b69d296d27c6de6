import { z } from 'zod';
import { AUDIT_STATUSES } from '../../domain/audit-lifecycle.ts';

/** The answers of the audits API, as zod: the OpenAPI document is generated from these. */
const date = z.iso.date().nullable();
const status = z.enum(AUDIT_STATUSES);

export const auditScope = z
  .object({
    kind: z.enum(['dates', 'months']),
    from: date,
    to: date,
    months: z.int().nullable(),
    referenceDate: date,
    text: z.string().meta({ examples: ['1 June 2018 to 30 November 2018'] }),
  })
  .describe(
    'The period the audit looks at: two dates, or the last N months before a reference date. ' +
      'from and to are the first and last day covered.',
  );

const milestone = z.object({ kind: z.string(), label: z.string(), due: date, done: date.optional() });

export const auditSummary = z.object({
  id: z.uuid(),
  reference: z.string().meta({ examples: ['MACA-2026-01'] }),
  title: z.string(),
  theme: z.string(),
  status,
  year: z.int(),
  scope: auditScope,
  caseCount: z.int(),
  invitedAgencyCount: z.int(),
  nextMilestone: milestone.nullable(),
});

export const auditDetail = z.object({
  id: z.uuid(),
  reference: z.string(),
  title: z.string(),
  theme: z.string(),
  themeId: z.uuid().nullable().optional(),
  status,
  statusChangedAt: z.iso.datetime().optional(),
  version: z.int(),
  linesOfEnquiry: z.string().optional(),
  methodology: z.string().optional(),
  jointPartnerships: z.array(z.string()).optional(),
  scope: auditScope,
  milestones: z.array(milestone),
  statusHistory: z.array(
    z.object({
      from: status.optional(),
      to: status.optional(),
      reason: z.string().nullable().optional(),
      at: z.iso.datetime().optional(),
      by: z.string().nullable().optional(),
    }),
  ),
  facts: z
    .record(z.string(), z.unknown())
    .describe(
      'Counts the lifecycle guards use: cases, invited agencies, agencies without a lead, returns received, ' +
        'unresolved concerns, open actions.',
    ),
  createdAt: z.iso.datetime().optional(),
  updatedAt: z.iso.datetime().optional(),
});

export const auditListQuery = z.object({
  status: z.enum(AUDIT_STATUSES, { error: `one of ${AUDIT_STATUSES.join(', ')}` }).optional(),
});

export const auditParams = z.object({ auditId: z.guid() });
