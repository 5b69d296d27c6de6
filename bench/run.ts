import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import candidateImport from './scenarios/candidate-import.ts';
import chronologyImport from './scenarios/chronology-import.ts';
import involvementMatrix from './scenarios/involvement-matrix.ts';
import signedInPage from './scenarios/signed-in-page.ts';
import concurrentSaves from './scenarios/concurrent-saves.ts';
import redactionGuard from './scenarios/redaction-guard.ts';
import report from './scenarios/report.ts';
import exchange from './scenarios/exchange.ts';

/**
 * `npm run bench [scenario ...]`: runs the scenarios (all, or those named), prints their figures
 * and appends them, with the date and the machine, to bench/results/.
 */
const SCENARIOS = [
  signedInPage,
  candidateImport,
  chronologyImport,
  concurrentSaves,
  redactionGuard,
  involvementMatrix,
  report,
  exchange,
];
const results = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !SCENARIOS.some((s) => s.name === w));
if (unknown.length) {
  process.stderr.write(
    `Unknown scenario ${unknown.join(', ')}. Scenarios: ${SCENARIOS.map((s) => s.name).join(', ')}\n`,
  );
  process.exit(1);
}
const machine = {
  host: os.hostname(),
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  memoryGigabytes: Math.round(os.totalmem() / 1024 ** 3),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
};
fs.mkdirSync(results, { recursive: true });
const day = new Date().toISOString().slice(0, 10);
const file = path.join(results, `${day}-${machine.host}.json`);
const recorded: unknown[] = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as unknown[]) : [];
const lines: string[] = [];
for (const scenario of SCENARIOS.filter((s) => wanted.length === 0 || wanted.includes(s.name))) {
  process.stdout.write(`Running ${scenario.name}...\n`);
  const result = await scenario.run();
  const entry = { scenario: scenario.name, at: new Date().toISOString(), machine, result };
  recorded.push(entry);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  lines.push(
    `| ${entry.at} | ${machine.host} (${machine.cpus} × ${machine.cpu}) | ${scenario.name} | ${Object.entries(result)
      .map(([k, v]) => `${k} ${v}`)
      .join('; ')} |`,
  );
}
fs.writeFileSync(file, `${JSON.stringify(recorded, null, 2)}\n`);
const readme = path.join(results, 'README.md');
if (!fs.existsSync(readme))
  fs.writeFileSync(
    readme,
    '# Benchmark results\n\nEach run of `npm run bench` adds its rows ' +
      'here, and the full figures to `<date>-<host>.json`.\n\n| when | ' +
      'machine | scenario | figures |\n| --- | --- | --- | --- |\n',
  );
fs.appendFileSync(readme, `${lines.join('\n')}\n`);
process.stdout.write(`Recorded in ${path.relative(process.cwd(), file)} and bench/results/README.md\n`);
process.exit(0);
