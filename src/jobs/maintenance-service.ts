import type { Executor } from '../db/transaction.ts';
import { deleteExpiredUploads } from '../features/cases/candidate-repository.ts';
import type { JobQueue } from './job-queue.ts';
import { insertJobRun } from './job-run-repository.ts';

/** What the scheduled jobs need beyond the features' services: their run record, and upload clean-up. */
export function createMaintenanceService(db: Executor, jobs: JobQueue | undefined) {
  return {
    recordRun: (job: string, slot: string, detail: Record<string, unknown>) =>
      insertJobRun(db, { job, slot, instance: jobs?.instanceId ?? 'none', detail }),

    // Candidate uploads belong to cases, which has no service call for this clean-up yet.
    purgeExpiredUploads: () => deleteExpiredUploads(db),
  };
}
