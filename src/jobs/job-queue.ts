import crypto from 'node:crypto';
import PgBoss from 'pg-boss';
import { jobExecutorFor } from '../db/job-executor.ts';
import type { Executor } from '../db/transaction.ts';

/**
 * Jobs run through pg-boss, in the same PostgreSQL. A job sent inside a transaction is created
 * only if the transaction commits. Scheduled work is offered by every instance on each tick, but
 * pg-boss's singleton slots let only one job per slot exist, so each tick's work runs once.
 */
export type JobHandler = (data: Record<string, unknown>) => Promise<void>;

export type JobQueue = {
  instanceId: string;
  send(
    name: string,
    data: Record<string, unknown>,
    options?: { db?: Executor; priority?: number; retryLimit?: number },
  ): Promise<void>;
  start(handlers: Record<string, JobHandler>, scheduled: { name: string; everySeconds: number }[]): Promise<void>;
  stop(): Promise<void>;
};

export const QUEUES = ['send-email', 'maintenance', 'returns-reminders', 'chronology-import'] as const;

export async function createJobQueue(
  connectionString: string,
  log: (message: string, error?: unknown) => void,
): Promise<JobQueue> {
  const boss = new PgBoss({
    connectionString,
    schema: 'pgboss',
    max: 4,
    application_name: 'maca-jobs',
    // The service schedules its own work (below); pg-boss's cron clock is not needed.
    schedule: false,
    supervise: true,
  });
  let stopped = false;
  // Once stopping, the database may close its idle connections under pg-boss: that is expected, not an error.
  boss.on('error', (error) => {
    if (!stopped) log('job queue error', error);
  });
  await boss.start();
  for (const name of QUEUES) {
    await boss.createQueue(name);
  }
  const instanceId = crypto.randomUUID();
  let ticker: NodeJS.Timeout | undefined;

  return {
    instanceId,
    async send(name, data, options = {}) {
      await boss.send(name, data, {
        retryLimit: options.retryLimit ?? 5,
        retryDelay: 30,
        retryBackoff: true,
        priority: options.priority ?? 0,
        ...(options.db ? { db: jobExecutorFor(options.db) } : {}),
      });
    },
    async start(handlers, scheduled) {
      for (const [name, handler] of Object.entries(handlers)) {
        await boss.work(name, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
          if (job) await handler(job.data as Record<string, unknown>);
        });
      }
      const offer = async () => {
        for (const job of scheduled) {
          const slot = Math.floor(Date.now() / 1000 / job.everySeconds);
          try {
            await boss.send(
              job.name,
              { slot: String(slot) },
              { singletonKey: job.name, singletonSeconds: job.everySeconds, retryLimit: 2 },
            );
          } catch (error) {
            if (!stopped) log(`could not offer the ${job.name} job`, error);
          }
        }
      };
      if (scheduled.length > 0) {
        const every = Math.min(...scheduled.map((s) => s.everySeconds));
        ticker = setInterval(() => void offer(), Math.max(500, (every * 1000) / 2));
        ticker.unref();
        void offer();
      }
    },
    async stop() {
      stopped = true;
      if (ticker) clearInterval(ticker);
      await boss.stop({ graceful: true, wait: true, timeout: 2000 });
    },
  };
}
