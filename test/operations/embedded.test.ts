import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, stop, tempDataDir, waitForHealth, type Server } from './support.ts';

const run = promisify(execFile);
const dataDir = tempDataDir();
let first: Server | undefined;
let second: Server | undefined;
afterAll(() => {
  stop(first);
  stop(second);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the service on its embedded PostgreSQL', () => {
  it('refuses bad configuration with one message listing every problem, exit code 1', async () => {
    const server = await startServer({
      PORT: 'abc',
      NODE_ENV: 'production',
      SESSION_SECRET: 'short',
      MACA_DATA_DIR: dataDir,
    });
    const code = await server.exited;
    expect(code).toBe(1);
    expect(server.output()).toContain('MACA cannot start');
    expect(server.output()).toContain('PORT');
    expect(server.output()).toContain('SESSION_SECRET must be at least 32 characters');
    expect(server.output()).toContain('MACA_ENCRYPTION_KEY is required in production');
    expect(fs.existsSync(path.join(dataDir, 'maca.lock'))).toBe(false);
  });

  it('refuses a second start on the same data directory, naming the first, which keeps running', async () => {
    first = await startServer({ MACA_DATA_DIR: dataDir });
    await waitForHealth(first);
    second = await startServer({ MACA_DATA_DIR: dataDir });
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toContain(`process ${first.child.pid}`);
    expect(second.output()).toContain('is using the data directory');
    expect((await fetch(`http://127.0.0.1:${first.port}/health`)).status).toBe(200);
  });

  it('lets the command line work on the same database while the service runs', async () => {
    const { stdout } = await run(
      'node',
      ['bin/maca.js', 'create-user', '--email', 'ops@example.org', '--name', 'Ops Person', '--role', 'practitioner'],
      { env: { ...process.env, MACA_DATA_DIR: dataDir, MACA_DEMO: 'false', DATABASE_URL: '' }, timeout: 60_000 },
    );
    expect(stdout).toContain('/set-password?token=');
  });

  it('on SIGTERM finishes the request in flight, stops PostgreSQL and exits 0 within 10 seconds', async () => {
    const server = first!;
    const inFlight = fetch(`http://127.0.0.1:${server.port}/health`).then((r) => r.status);
    const started = Date.now();
    server.child.kill('SIGTERM');
    expect(await inFlight).toBe(200);
    const code = await server.exited;
    expect(code, server.output()).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(fs.existsSync(path.join(dataDir, 'maca.lock'))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });
});
