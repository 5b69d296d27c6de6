import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createJobQueue, type JobQueue } from '../../src/jobs/job-queue.ts';
import { createServices, type Services } from '../../src/services.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export type TestApp = {
  app: FastifyInstance;
  services: Services;
  database: TestDatabase;
  config: Config;
  close(): Promise<void>;
};

/** The real app, real Nunjucks, a real PostgreSQL database of its own; pg-boss when asked for. */
export async function buildTestApp(options: { env?: Record<string, string>; jobs?: boolean } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', MACA_DEMO: 'false', ...options.env });
  let jobs: JobQueue | undefined;
  if (options.jobs) jobs = await createJobQueue(database.connectionString, () => {});
  const services = createServices({ config, db: database.db, jobs });
  const app = await createApp(services, { logger: false });
  await app.ready();
  return {
    app,
    services,
    database,
    config,
    async close() {
      await app.close();
      await jobs?.stop();
      await database.drop();
    },
  };
}

/** A browser-like client for app.inject: keeps cookies, reads the CSRF token from each page. */
export class Browser {
  cookies = new Map<string, string>();
  lastHtml = '';

  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired =
        cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() < Date.now()) || cookie.value === '';
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method: 'GET',
      url,
      headers: { cookie: this.cookieHeader(), ...headers },
    });
    this.remember(response);
    if (response.headers['content-type']?.toString().startsWith('text/html')) this.lastHtml = response.body;
    return response;
  }

  csrfToken(): string {
    const match = /name="_csrf" value="([^"]+)"/.exec(this.lastHtml);
    if (!match?.[1]) throw new Error('No CSRF token on the last page');
    return match[1];
  }

  /** Posts a form as the page would: with the CSRF token from the last page fetched. */
  async post(
    url: string,
    form: Record<string, string | string[]>,
    options: { csrf?: string | false } = {},
  ): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    if (options.csrf !== false) body.set('_csrf', options.csrf ?? this.csrfToken());
    const response = await this.app.inject({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
    });
    this.remember(response);
    if (response.headers['content-type']?.toString().startsWith('text/html')) this.lastHtml = response.body;
    return response;
  }

  /** Signs in with e-mail and password (and a TOTP code when the account has one). */
  async signIn(email: string, password: string, code?: () => string): Promise<LightMyRequestResponse> {
    await this.get('/sign-in');
    const response = await this.post('/sign-in', { email, password });
    if (response.statusCode !== 303) return response;
    if (response.headers.location?.startsWith('/sign-in/two-factor') && code) {
      await this.get('/sign-in/two-factor');
      return this.post('/sign-in/two-factor', { code: code() });
    }
    return response;
  }
}
