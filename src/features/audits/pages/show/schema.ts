import { z } from 'zod';
import { isAuditStatus, type AuditStatus } from '../../../../domain/audit-lifecycle.ts';

/** A lifecycle move: where to, why (when moving back), and the version of the audit the page showed. */
export const moveSchema = z.looseObject({}).transform((values, ctx) => {
  const to = typeof values.to === 'string' ? values.to : '';
  const version = Number(values.version);
  const reason = (typeof values.reason === 'string' ? values.reason : '').slice(0, 2000);
  if (!isAuditStatus(to)) ctx.addIssue({ code: 'custom', path: ['moves'], message: 'Select where the audit moves to' });
  // The second step of a move that leaves returns outstanding: the person has seen the list.
  const confirmed = values.confirmed === 'yes';
  return { to: to as AuditStatus, reason, version: Number.isInteger(version) ? version : -1, confirmed };
});
