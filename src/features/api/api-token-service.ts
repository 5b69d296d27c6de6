import type { FastifyRequest } from 'fastify';
import { inTransaction, type Executor } from '../../db/transaction.ts';
import { hashSecret, newSecret } from '../../domain/encryption.ts';
import type { Actor } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import type { AuthService } from '../auth/auth-service.ts';
import {
  findLiveApiToken,
  insertApiToken,
  listApiTokens,
  revokeApiToken,
  touchApiToken,
} from './api-token-repository.ts';

/**
 * Personal access tokens: `maca_pat_<random>`, shown once, stored as a SHA-256 hash. A token acts
 * with exactly its owner's current permissions, and stops working when the owner is deactivated.
 */
export const TOKEN_PREFIX = 'maca_pat_';

export type ApiTokenSummary = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export function createApiTokenService(db: Executor, auth: Pick<AuthService, 'activeUser'>) {
  return {
    async create(userId: string, name: string, actor: Actor): Promise<{ id: string; token: string }> {
      const token = `${TOKEN_PREFIX}${newSecret(32)}`;
      return inTransaction(db, async (trx) => {
        const id = await insertApiToken(trx, {
          userId,
          name,
          tokenHash: hashSecret(token),
          prefix: token.slice(0, TOKEN_PREFIX.length + 6),
          createdBy: actor.userId,
        });
        await appendAuditLog(trx, actor, {
          action: 'api-token.created',
          recordType: 'api_token',
          recordId: id,
          detail: { name, for: userId },
        });
        return { id, token };
      });
    },

    async list(userId: string): Promise<ApiTokenSummary[]> {
      const rows = await listApiTokens(db, userId);
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        prefix: r.prefix,
        createdAt: r.created_at,
        lastUsedAt: r.last_used_at,
        revokedAt: r.revoked_at,
      }));
    },

    /** Revokes one of the person's own tokens; another person's token id is treated as unknown. */
    async revoke(userId: string, tokenId: string, actor: Actor): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        const revoked = await revokeApiToken(trx, userId, tokenId);
        if (revoked)
          await appendAuditLog(trx, actor, { action: 'api-token.revoked', recordType: 'api_token', recordId: tokenId });
        return revoked;
      });
    },

    /** Sets request.user from `Authorization: Bearer <token>`; leaves it unset for anything else. */
    async authenticate(request: FastifyRequest): Promise<void> {
      const header = request.headers.authorization;
      const match =
        typeof header === 'string' ? /^Bearer\s+(maca_pat_[A-Za-z0-9_-]{20,100})$/.exec(header.trim()) : null;
      if (!match?.[1]) return;
      const row = await findLiveApiToken(db, hashSecret(match[1]));
      if (!row) return;
      const user = await auth.activeUser(row.user_id);
      if (!user) return;
      request.user = user;
      request.apiToken = true;
      if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
        await touchApiToken(db, row.id);
      }
    },
  };
}

export type ApiTokenService = ReturnType<typeof createApiTokenService>;
