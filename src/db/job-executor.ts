import { CompiledQuery } from 'kysely';
import type PgBoss from 'pg-boss';
import type { Executor } from './transaction.ts';

/**
 * pg-boss sends a job through this when the caller is inside a transaction, so the job is created
 * in that transaction with the rows it belongs to (an outbox e-mail and its delivery job).
 */
export function jobExecutorFor(db: Executor): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[]) {
      const result = await db.executeQuery(CompiledQuery.raw(text, values));
      return { rows: result.rows };
    },
  };
}
