import type { Executor } from '../../db/transaction.ts';
import { sectionsFor, type Section } from '../../domain/audit-tool.ts';
import { can, type Action, type Resource } from '../../domain/authorisation.ts';
import type { ReturnActor } from '../../domain/return-lifecycle.ts';
import { NotFound } from '../../web/errors.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import * as repo from './return-repository.ts';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ReturnContext = {
  row: repo.ReturnRow;
  resource: Resource;
  tools: repo.ToolVersion[];
  sections: { tool: repo.ToolVersion; section: Section }[];
};

/** One row of the audit log about a return, written in the transaction of the change. */
export function logReturnEvent(
  trx: Executor,
  actor: Actor,
  action: string,
  returnId: string,
  detail?: Record<string, unknown>,
): Promise<void> {
  return appendAuditLog(trx, actor, { action, recordType: 'agency_return', recordId: returnId, detail });
}

/** Who may do what with a return: the one check every return page, API call and other feature uses. */
export function createReturnAccess(db: Executor) {
  async function context(trx: Executor, returnId: string, forUpdate = false): Promise<ReturnContext | undefined> {
    if (!UUID.test(returnId)) return undefined;
    const row = await repo.findReturn(trx, returnId, { forUpdate });
    if (!row) return undefined;
    const invitedAgencyIds = await repo.invitedAgencyIds(trx, row.auditId);
    const resource: Resource = {
      partnershipId: row.partnershipId,
      agencyId: row.agencyId,
      invitedAgencyIds,
      auditStatus: row.auditStatus,
      returnStatus: row.status,
      shareReturnsEarly: row.auditSettings.shareReturnsEarly === true,
    };
    const tools = await repo.auditToolVersions(trx, row.auditId);
    const sections = tools.flatMap((tool) =>
      sectionsFor(tool.content, row.agencyType).map((section) => ({ tool, section })),
    );
    return { row, resource, tools, sections };
  }

  /** Loads a return for a person and an action; a refusal is logged, then answers 404. */
  async function authorised(
    user: CurrentUser,
    returnId: string,
    action: Action,
    actor: Actor,
    trx: Executor = db,
    forUpdate = false,
  ): Promise<ReturnContext> {
    const ctx = await context(trx, returnId, forUpdate);
    if (!ctx || ctx.row.partnershipId !== user.partnershipId) throw new NotFound();
    if (!can(user, action, ctx.resource)) {
      // Written outside the caller's transaction, which the 404 rolls back.
      await logReturnEvent(db, actor, 'return.refused', returnId, { attempted: action });
      throw new NotFound();
    }
    return ctx;
  }

  function actorsFor(user: CurrentUser, ctx: ReturnContext): ReturnActor[] {
    const actors: ReturnActor[] = [];
    if (can(user, 'return:edit', ctx.resource)) actors.push('auditor');
    if (can(user, 'return:review', ctx.resource)) actors.push('lead');
    if (can(user, 'return:reopen', ctx.resource)) actors.push('coordinator');
    return actors;
  }

  return { authorised, actorsFor };
}

export type ReturnAccess = ReturnType<typeof createReturnAccess>;
