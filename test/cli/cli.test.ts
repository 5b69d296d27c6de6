import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { aPartnership, anAgency } from '../support/builders.ts';

const run = promisify(execFile);
let t: TestApp;

async function maca(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    DATABASE_URL: t.database.connectionString,
    MACA_DEMO: 'false',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    MACA_BASE_URL: 'http://maca.test',
  };
  try {
    const child = run('node', ['bin/maca.js', ...args], { env, timeout: 60_000 });
    if (input !== undefined) {
      child.child.stdin?.end(input);
    }
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

beforeAll(async () => {
  t = await buildTestApp();
  const partnershipId = await aPartnership('CLI Partnership').create(t.database.db);
  await anAgency(partnershipId).named('CLI Police').create(t.database.db);
});
afterAll(async () => t?.close());

describe('maca', () => {
  it('explains itself', async () => {
    const help = await maca(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('create-user');
    expect(help.stdout).toContain('create-token');
    expect((await maca(['help-config'])).stdout).toContain('MACA_ENCRYPTION_KEY');
  });

  it('creates a person with a one-time set-password link that works', async () => {
    const created = await maca([
      'create-user',
      '--email',
      'Lead@Police.example',
      '--name',
      'Pat Lead',
      '--role',
      'audit_lead',
      '--agency',
      'cli police',
    ]);
    expect(created.code).toBe(0);
    const link = new URL(/http\S+/.exec(created.stdout)![0]);
    const browser = new Browser(t.app);
    await browser.get(link.pathname + link.search);
    const set = await browser.post('/set-password', {
      token: link.searchParams.get('token')!,
      password: 'a long enough password',
      confirm: 'a long enough password',
    });
    expect(set.headers.location).toBe('/password-set');
    const log = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'user.created-by-cli')
      .execute();
    expect(log).toHaveLength(1);
  });

  it('refuses bad input with a clear message and exit code 1, no stack trace', async () => {
    const unknownRole = await maca(['create-user', '--email', 'x@example.org', '--name', 'X', '--role', 'wizard']);
    expect(unknownRole.code).toBe(1);
    expect(unknownRole.stderr).toContain('Unknown role wizard');
    expect(unknownRole.stderr).not.toMatch(/at .*\.ts:\d+/);
    const noAgency = await maca(['create-user', '--email', 'y@example.org', '--name', 'Y', '--role', 'auditor']);
    expect(noAgency.stderr).toContain('needs --agency');
    const duplicate = await maca([
      'create-user',
      '--email',
      'lead@police.example',
      '--name',
      'Again',
      '--role',
      'practitioner',
    ]);
    expect(duplicate.stderr).toContain('Someone already has an account with lead@police.example');
    const badConfig = await run('node', ['bin/maca.js', 'list-audits'], {
      env: { ...process.env, PORT: 'abc', DATABASE_URL: 'mysql://x' },
    }).catch((e: { code: number; stderr: string }) => e);
    expect((badConfig as { code: number }).code).toBe(1);
    expect((badConfig as { stderr: string }).stderr).toContain('PORT');
  });

  it('creates a token that prints alone on stdout, authenticates once, and can be revoked', async () => {
    await maca(
      [
        'create-user',
        '--email',
        'integration@example.org',
        '--name',
        'Integration',
        '--role',
        'practitioner',
        '--password-stdin',
      ],
      'a very long password\n',
    );
    const created = await maca(['create-token', '--user', 'integration@example.org', '--name', 'Nightly export']);
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^maca_pat_[A-Za-z0-9_-]+$/);
    expect(
      (await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).json<{
        displayName: string;
      }>().displayName,
    ).toBe('Integration');
    expect(
      (await maca(['revoke-token', '--user', 'integration@example.org', '--name', 'Nightly export'])).stdout,
    ).toContain('Revoked 1 token.');
    expect((await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(
      401,
    );
  });
});
