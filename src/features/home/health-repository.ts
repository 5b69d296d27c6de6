import { checkDatabase } from '../../db/database.ts';
import type { Executor } from '../../db/transaction.ts';

/** Whether the database answers, within the health check's time limit. */
export function databaseHealth(db: Executor) {
  return checkDatabase(db);
}
