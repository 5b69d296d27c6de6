import type { Executor } from '../../db/transaction.ts';
import type { AuditStatus } from '../../db/schema.ts';
import { can, type Action, type Resource } from '../../domain/authorisation.ts';
import type { CurrentUser } from '../../web/request-context.ts';
import { NotFound } from '../../web/errors.ts';
import { findAuditForAccess, findCaseInAudit, invitedAgencyIds as listInvitedAgencyIds } from './audit-repository.ts';

/**
 * The one way every audit feature loads an audit for a person: by id, in their partnership, and
 * only if `can(user, action, resource)` holds for it. Anything else is a 404, whoever asks.
 */
export type AuditInContext = {
  id: string;
  partnershipId: string;
  reference: string;
  title: string;
  status: AuditStatus;
  version: number;
  invitedAgencyIds: string[];
  resource: Resource;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function auditForUser(
  db: Executor,
  user: CurrentUser,
  auditId: string,
  action: Action,
  agencyId?: string,
): Promise<AuditInContext> {
  if (!UUID.test(auditId)) throw new NotFound();
  const audit = await findAuditForAccess(db, user.partnershipId, auditId);
  if (!audit) throw new NotFound();
  const invitedAgencyIds = await listInvitedAgencyIds(db, auditId);
  const resource: Resource = {
    partnershipId: audit.partnership_id,
    invitedAgencyIds,
    auditStatus: audit.status,
    ...(agencyId !== undefined ? { agencyId } : {}),
  };
  if (!can(user, action, resource)) throw new NotFound();
  return {
    id: audit.id,
    partnershipId: audit.partnership_id,
    reference: audit.reference,
    title: audit.title,
    status: audit.status,
    version: audit.version,
    invitedAgencyIds,
    resource,
  };
}

/** The case, if it belongs to this audit; otherwise 404 (never another audit's case). */
export async function caseInAudit(
  db: Executor,
  audit: AuditInContext,
  caseId: string,
): Promise<{ id: string; reference: string; version: number }> {
  if (!UUID.test(caseId)) throw new NotFound();
  const row = await findCaseInAudit(db, audit.id, caseId);
  if (!row) throw new NotFound();
  return row;
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
