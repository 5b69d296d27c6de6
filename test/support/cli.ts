import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs `maca` (bin/maca.js) as its own process on the test's database; never throws for a non-zero exit. */
export async function runMaca(
  connectionString: string,
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    DATABASE_URL: connectionString,
    MACA_DEMO: 'false',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    MACA_BASE_URL: 'http://maca.test',
    ...extraEnv,
  };
  try {
    const { stdout, stderr } = await run('node', ['bin/maca.js', ...args], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}
