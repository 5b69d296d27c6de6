import type { Db } from '../../db/database.ts';
import type { AuditStatus } from '../../db/schema.ts';
import { can, type Action, type Resource } from '../../domain/authorisation.ts';
import type { CurrentUser } from '../../web/request-context.ts';
import { NotFound } from '../../web/errors.ts';

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
  db: Db,
  user: CurrentUser,
  auditId: string,
  action: Action,
  agencyId?: string,
): Promise<AuditInContext> {
  if (!UUID.test(auditId)) throw new NotFound();
  const audit = await db
    .selectFrom('audit')
    .select(['id', 'partnership_id', 'reference', 'title', 'status', 'version'])
    .where('id', '=', auditId)
    .where('partnership_id', '=', user.partnershipId)
    .executeTakeFirst();
  if (!audit) throw new NotFound();
  const invited = await db.selectFrom('audit_agency').select('agency_id').where('audit_id', '=', auditId).execute();
  const invitedAgencyIds = invited.map((r) => r.agency_id);
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
  db: Db,
  audit: AuditInContext,
  caseId: string,
): Promise<{ id: string; reference: string; version: number }> {
  if (!UUID.test(caseId)) throw new NotFound();
  const row = await db
    .selectFrom('audit_case')
    .select(['id', 'reference', 'version'])
    .where('id', '=', caseId)
    .where('audit_id', '=', audit.id)
    .executeTakeFirst();
  if (!row) throw new NotFound();
  return row;
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
