import pino from 'pino';
import { createApp, loggerOptions } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { DataDirInUseError } from './db/data-dir-lock.ts';
import { jobHandlers, scheduledJobs } from './jobs/workers.ts';
import { demoSignInText, startRuntime, type Runtime } from './runtime.ts';

const SHUTDOWN_DEADLINE_MS = 9_000;

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = pino(loggerOptions(config.logLevel) as pino.LoggerOptions);

  let runtime: Runtime;
  try {
    runtime = await startRuntime(config, { kind: 'server', jobs: true, logger });
  } catch (error) {
    if (error instanceof DataDirInUseError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const { services } = runtime;
  await runtime.jobs?.start(jobHandlers(services), scheduledJobs(services));
  const app = await createApp(services, { logger: loggerOptions(config.logLevel) });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    // Which step is under way, so a shutdown that overruns says where it was.
    let phase = 'finishing requests in flight';
    const startedAt = Date.now();
    const deadline = setTimeout(() => {
      logger.error({ phase, afterMs: Date.now() - startedAt }, `shutdown took too long while ${phase}; exiting`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    // Node closes the keep-alive connections that are idle when closing starts; one whose request is
    // still in flight goes idle afterwards and would hold the server open until its keep-alive
    // timeout. Close those too, as each request finishes.
    const sweeper = setInterval(() => app.server.closeIdleConnections(), 100);
    try {
      await app.close();
      clearInterval(sweeper);
      logger.info('requests finished; stopping jobs and the database');
      await runtime.close((next) => {
        phase = next;
      });
      logger.info('stopped cleanly');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'error while shutting down');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    logger.error({ err: error }, `could not listen on port ${config.port}`);
    await runtime.close();
    process.exit(1);
  }
  const address = `http://localhost:${config.port}`;
  const lines = [
    `MACA is running at ${address}`,
    `Database: ${runtime.database.mode === 'external' ? 'DATABASE_URL' : `embedded PostgreSQL in ${config.dataDir}`}`,
  ];
  if (config.demo)
    lines.push(
      runtime.demoLoaded ? 'Demo partnership loaded.' : 'Demo data is on (the database already held data).',
      demoSignInText(config),
    );
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`MACA could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
