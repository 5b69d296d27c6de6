import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import { hashSecret, newSecret } from '../../domain/encryption.ts';
import type { Actor } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { findUserById, toCurrentUser } from '../auth/user-repository.ts';

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

export function createApiTokenService(db: Db) {
  return {
    async create(userId: string, name: string, actor: Actor): Promise<{ id: string; token: string }> {
      const token = `${TOKEN_PREFIX}${newSecret(32)}`;
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('api_token')
          .values({
            user_id: userId,
            name,
            token_hash: hashSecret(token),
            prefix: token.slice(0, TOKEN_PREFIX.length + 6),
            created_by: actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAuditLog(trx, actor, {
          action: 'api-token.created',
          recordType: 'api_token',
          recordId: row.id,
          detail: { name, for: userId },
        });
        return { id: row.id, token };
      });
    },

    async list(userId: string): Promise<ApiTokenSummary[]> {
      const rows = await db
        .selectFrom('api_token')
        .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .execute();
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
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('api_token')
          .set({ revoked_at: new Date() })
          .where('id', '=', tokenId)
          .where('user_id', '=', userId)
          .where('revoked_at', 'is', null)
          .returning('id')
          .executeTakeFirst();
        if (row)
          await appendAuditLog(trx, actor, { action: 'api-token.revoked', recordType: 'api_token', recordId: tokenId });
        return !!row;
      });
    },

    /** Sets request.user from `Authorization: Bearer <token>`; leaves it unset for anything else. */
    async authenticate(request: FastifyRequest): Promise<void> {
      const header = request.headers.authorization;
      const match =
        typeof header === 'string' ? /^Bearer\s+(maca_pat_[A-Za-z0-9_-]{20,100})$/.exec(header.trim()) : null;
      if (!match?.[1]) return;
      const row = await db
        .selectFrom('api_token')
        .select(['id', 'user_id', 'last_used_at'])
        .where('token_hash', '=', hashSecret(match[1]))
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (!row) return;
      const user = await findUserById(db, row.user_id);
      if (!user?.active) return;
      request.user = toCurrentUser(user);
      request.apiToken = true;
      if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
        await db.updateTable('api_token').set({ last_used_at: new Date() }).where('id', '=', row.id).execute();
      }
    },
  };
}

export type ApiTokenService = ReturnType<typeof createApiTokenService>;
