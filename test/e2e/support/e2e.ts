import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { createApp } from '../../../src/app.ts';
import { loadConfig } from '../../../src/config.ts';
import type { Db } from '../../../src/db/database.ts';
import { freePort } from '../../../src/db/embedded.ts';
import { createJobQueue, type JobQueue } from '../../../src/jobs/job-queue.ts';
import { jobHandlers, scheduledJobs } from '../../../src/jobs/workers.ts';
import { createServices, type Services } from '../../../src/services.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { Journey } from './journey.ts';

export { checkAccessibility, Journey, signInWithPassword } from './journey.ts';
export { linkIn, openEmailInOutbox, waitForEmail, type KeptEmail } from './outbox.ts';
export { codeAfter, codeNow, totpKeyFrom, type TotpCode } from './totp.ts';

/**
 * The browser test layer: the real app listening on loopback, its own database, pg-boss workers
 * delivering e-mail to the outbox, and Debian's Chromium driven by playwright-core. Every page a
 * journey reaches goes through `Journey`, which runs axe on it: zero violations, no rule disabled.
 */
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Journeys visit many pages, axe checking each, and some wait for the next TOTP step. */
export const JOURNEY_TIMEOUT_MS = 180_000;

export type E2EApp = {
  baseUrl: string;
  db: Db;
  services: Services;
  /** A fresh browser context (its own cookies), with JavaScript as shipped unless turned off. */
  newJourney(options?: { javaScript?: boolean }): Promise<Journey>;
  close(): Promise<void>;
};

/** Debian's Chromium; without it every journey fails (never skips) with this explanation. */
export async function launchBrowser(executablePath = CHROMIUM): Promise<Browser> {
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `The browser tests need Debian's Chromium at ${executablePath}, and it is not installed. Install it with "apt-get install -y chromium" (.ci/run does this). These tests fail, rather than skip, without it.`,
    );
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** Starts the whole service on a free loopback port, with a database of its own, and Chromium. */
export async function startE2EApp(): Promise<E2EApp> {
  // A missing browser fails each test with the reason, rather than the file's set-up (whose tests
  // vitest would report as skipped).
  const browser = await launchBrowser().catch((error: unknown) =>
    error instanceof Error ? error : new Error(String(error)),
  );
  let database: TestDatabase | undefined;
  let jobs: JobQueue | undefined;
  let app: FastifyInstance | undefined;
  try {
    database = await createTestDatabase();
    // E-mailed links carry the base URL, so the port is chosen before the services are built.
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      MACA_DEMO: 'false',
      MACA_BASE_URL: baseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    jobs = await createJobQueue(database.connectionString, () => {});
    const services = createServices({ config, db: database.db, jobs });
    await jobs.start(jobHandlers(services), scheduledJobs(services));
    app = await createApp(services, { logger: false });
    await app.listen({ port, host: '127.0.0.1' });
    const started = { database, jobs, app };
    const contexts = new Set<BrowserContext>();
    return {
      baseUrl,
      db: database.db,
      services,
      async newJourney(options = {}) {
        if (browser instanceof Error) throw browser;
        const context = await browser.newContext({ baseURL: baseUrl, javaScriptEnabled: options.javaScript ?? true });
        contexts.add(context);
        return new Journey(browser, context, await context.newPage(), options.javaScript ?? true);
      },
      async close() {
        for (const context of contexts) await context.close().catch(() => {});
        if (!(browser instanceof Error)) await browser.close();
        await started.app.close();
        await started.jobs.stop();
        await started.database.drop();
      },
    };
  } catch (error) {
    await app?.close().catch(() => {});
    await jobs?.stop().catch(() => {});
    await database?.drop().catch(() => {});
    if (!(browser instanceof Error)) await browser.close().catch(() => {});
    throw error;
  }
}
