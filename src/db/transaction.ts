import type { Db } from './database.ts';

/**
 * What a service holds and hands to its repositories: the database, or one transaction on it.
 * Services never write SQL through it (the architecture test checks); they open transactions and
 * pass the handle on, so the repositories they call share one unit of work.
 */
export type Executor = Db;

/** Runs `work` in one transaction, or inside the caller's when `executor` already is one. */
export function inTransaction<T>(executor: Executor, work: (trx: Executor) => Promise<T>): Promise<T> {
  return executor.isTransaction ? work(executor) : executor.transaction().execute(work);
}
