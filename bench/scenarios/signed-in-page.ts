import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createServices } from '../../src/services.ts';
import { createNunjucks } from '../../src/web/nunjucks.ts';
import { hashPassword } from '../../src/features/auth/passwords.ts';
import { createUser } from '../../src/features/auth/user-repository.ts';
import { load, scratchDatabase, signInOverHttp } from '../support.ts';

/**
 * A signed-in page (the home page) under concurrent load on loopback: requests per second and
 * p50/p95 latency, against the baseline of rendering the same template without the database in
 * the same process. The ratio is what to compare between runs on these noisy machines.
 */
export const name = 'signed-in-page';
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

export async function run(): Promise<Record<string, number | string>> {
  const { db, done } = await scratchDatabase();
  try {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', MACA_DEMO: 'false' });
    const { id: partnershipId } = await db
      .insertInto('partnership')
      .values({ name: 'Bench Partnership' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await createUser(db, {
      partnershipId,
      email: 'bench@example.org',
      displayName: 'Bench Practitioner',
      passwordHash: await hashPassword('bench password 1234'),
      roles: ['practitioner'],
    });
    const services = createServices({ config, db });
    const app = await createApp(services, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const cookie = await signInOverHttp(base, 'bench@example.org', 'bench password 1234');
    const home = await load(
      async () => {
        const response = await fetch(`${base}/`, { headers: { cookie } });
        if (response.status !== 200) throw new Error(`home answered ${response.status}`);
        await response.text();
      },
      CONCURRENCY,
      SECONDS,
    );
    await app.close();

    // Baseline: the same template, same context, no database and no HTTP.
    const env = createNunjucks();
    const context = {
      user: { displayName: 'Bench Practitioner', partnershipName: 'Bench Partnership', roles: ['practitioner'] },
      partnershipName: 'Bench Partnership',
      navigation: [{ href: '/', text: 'Home', active: true }],
      signedIn: true,
      csrfToken: 'x'.repeat(43),
      pageTitle: 'Home',
      tasks: [{ href: '/account', text: 'Your account', hint: 'Two-step verification' }],
      roleLabels: ['Practitioner'],
    };
    const iterations = home.requests;
    const t0 = performance.now();
    for (let i = 0; i < iterations; i++) env.render('home/pages/home/view.njk', context);
    const renderPerSecond = Math.round(iterations / ((performance.now() - t0) / 1000));
    return {
      concurrency: CONCURRENCY,
      seconds: SECONDS,
      requests: home.requests,
      requestsPerSecond: home.perSecond,
      p50Ms: home.p50,
      p95Ms: home.p95,
      baselineRendersPerSecond: renderPerSecond,
      ratioToBaseline: Number((home.perSecond / renderPerSecond).toFixed(3)),
    };
  } finally {
    await done();
  }
}

export default { name, run };
