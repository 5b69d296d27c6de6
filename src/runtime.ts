import pino from 'pino';
import type { Config } from './config.ts';
import { openDatabase, type OpenDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { databaseIsEmpty, DEMO_USERS, loadDemoPartnership } from './demo/demo-partnership.ts';
import { createJobQueue, type JobQueue } from './jobs/job-queue.ts';
import { createServices, type Services } from './services.ts';

/**
 * What the service and the command line share: open the database (embedded or DATABASE_URL),
 * bring it to the latest schema, load the demo partnership when asked and the database is empty.
 */
export type Runtime = {
  database: OpenDatabase;
  services: Services;
  jobs: JobQueue | undefined;
  demoLoaded: boolean;
  close(onPhase?: (phase: string) => void): Promise<void>;
};

export async function startRuntime(
  config: Config,
  options: { kind: 'server' | 'cli'; jobs: boolean; logger: pino.Logger },
): Promise<Runtime> {
  const database = await openDatabase(config, {
    kind: options.kind,
    onPostgresLog: (message) => options.logger.debug({ postgres: message.trim() }, 'postgres'),
  });
  let jobs: JobQueue | undefined;
  try {
    await migrateToLatest(database.db as never);
    let demoLoaded = false;
    if (config.demo && (await databaseIsEmpty(database.db))) {
      await loadDemoPartnership(database.db, config.demoPassword, config.encryptionKey);
      demoLoaded = true;
    }
    jobs = options.jobs
      ? await createJobQueue(database.connectionString, (message, error) =>
          options.logger.error({ err: error }, message),
        )
      : undefined;
    const services = createServices({ config, db: database.db, jobs });
    await services.refreshPublicName();
    const openJobs = jobs;
    return {
      database,
      services,
      jobs,
      demoLoaded,
      async close(onPhase = () => {}) {
        onPhase('stopping the job queue');
        await openJobs?.stop().catch((error: unknown) => options.logger.error({ err: error }, 'stopping jobs'));
        onPhase('stopping the database');
        await database.close();
      },
    };
  } catch (error) {
    await jobs?.stop().catch(() => {});
    await database.close().catch(() => {});
    throw error;
  }
}

export function demoSignInText(config: Config): string {
  const width = Math.max(...DEMO_USERS.map((u) => u.email.length));
  return [
    'Demo sign-in details (every demo user has the same password):',
    `  password: ${config.demoPassword}`,
    ...DEMO_USERS.map((u) => `  ${u.email.padEnd(width)}  ${u.role.replace('_', ' ')}`),
  ].join('\n');
}
