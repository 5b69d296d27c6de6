import type { RecommendationKind } from '../../domain/recommendation-kinds.ts';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import { NotFound } from '../../web/errors.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { auditForUser, type AuditInContext } from '../audits/audit-access.ts';
import { invitedAgencies } from '../audits/audit-parts.ts';
import * as repo from './recommendation-repository.ts';

export type RecommendationInput = {
  text: string;
  addressedTo: 'partnership' | 'all_agencies' | 'agencies';
  agencyIds: string[];
  findingIds: string[];
  kind: RecommendationKind;
  version: number;
};

export function createRecommendationService(db: Executor) {
  async function list(auditId: string) {
    const rows = await repo.recommendationsOf(db, auditId);
    const ids = rows.map((r) => r.id);
    const [agencies, findings] = ids.length ? await repo.recommendationLinks(db, ids) : [[], []];
    return rows.map((r) => ({
      ...r,
      agencies: agencies.filter((a) => a.recommendation_id === r.id),
      findings: findings.filter((f) => f.recommendation_id === r.id),
    }));
  }

  async function choices(audit: AuditInContext) {
    const [agencies, findings] = await Promise.all([
      invitedAgencies(db, audit.id),
      repo.findingsToChoose(db, audit.id),
    ]);
    return { agencies, findings };
  }

  async function find(audit: AuditInContext, id: string) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFound();
    const found = (await list(audit.id)).find((r) => r.id === id);
    if (!found) throw new NotFound();
    return found;
  }

  return {
    find,

    /** The removal page: the recommendation, its number on the list, and the actions that stop it going. */
    async forRemoval(user: CurrentUser, auditId: string, id: string) {
      const audit = await auditForUser(db, user, auditId, 'meeting:record');
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFound();
      const items = await list(audit.id);
      const index = items.findIndex((r) => r.id === id);
      if (index < 0) throw new NotFound();
      return {
        audit,
        recommendation: items[index]!,
        number: index + 1,
        actions: await repo.actionsOnRecommendation(db, id),
      };
    },

    /**
     * Removes a recommendation no action answers. The row is locked first, so an action cannot be
     * added to it between the check and the delete (the action's reference waits on the lock).
     */
    async remove(audit: AuditInContext, id: string, actor: Actor): Promise<'removed' | 'in-use'> {
      return inTransaction(db, async (trx) => {
        const row = await repo.lockRecommendation(trx, id, audit.id);
        if (!row) throw new NotFound();
        if ((await repo.actionsOnRecommendation(trx, id)).length > 0) return 'in-use';
        await repo.deleteRecommendation(trx, id, audit.id);
        await appendAuditLog(trx, actor, {
          action: 'recommendation.deleted',
          recordType: 'recommendation',
          recordId: id,
          detail: { auditId: audit.id, kind: row.kind },
        });
        return 'removed';
      });
    },

    /** The list page: the audit and its recommendations. */
    async overview(user: CurrentUser, auditId: string) {
      const audit = await auditForUser(db, user, auditId, 'audit:read');
      return { audit, items: await list(audit.id) };
    },

    /** The form: the audit, what may be chosen, and the recommendation when one is changed. */
    async forEditing(user: CurrentUser, auditId: string, id?: string) {
      const audit = await auditForUser(db, user, auditId, 'meeting:record');
      const [picks, recommendation] = await Promise.all([choices(audit), id ? find(audit, id) : undefined]);
      return { audit, choices: picks, recommendation };
    },

    async save(
      user: CurrentUser,
      audit: AuditInContext,
      id: string | undefined,
      input: RecommendationInput,
      actor: Actor,
    ): Promise<'saved' | 'stale'> {
      return inTransaction(db, async (trx) => {
        let recommendationId = id;
        if (!recommendationId) {
          recommendationId = await repo.insertRecommendation(trx, { ...input, auditId: audit.id, createdBy: user.id });
        } else {
          const changed = { ...input, id: recommendationId, auditId: audit.id };
          if (!(await repo.updateRecommendation(trx, changed))) return 'stale';
        }
        await repo.replaceRecommendationLinks(trx, recommendationId, input);
        await appendAuditLog(trx, actor, {
          action: id ? 'recommendation.changed' : 'recommendation.created',
          recordType: 'recommendation',
          recordId: recommendationId,
        });
        return 'saved';
      });
    },
  };
}

export type RecommendationService = ReturnType<typeof createRecommendationService>;
