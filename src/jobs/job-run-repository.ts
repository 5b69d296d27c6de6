import type { Executor } from '../db/transaction.ts';

/** Each scheduled run leaves a row, so operators (and a test) can see a slot ran once. */
export async function insertJobRun(
  db: Executor,
  run: { job: string; slot: string; instance: string; detail: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('job_run')
    .values({ job: run.job, slot: run.slot, instance: run.instance, detail: JSON.stringify(run.detail) })
    .execute();
}
