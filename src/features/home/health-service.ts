import type { Executor } from '../../db/transaction.ts';
import { databaseHealth } from './health-repository.ts';

/** What the load balancer's health check asks: is the database there. */
export function createHealthService(db: Executor) {
  return {
    database: () => databaseHealth(db),
  };
}

export type HealthService = ReturnType<typeof createHealthService>;
