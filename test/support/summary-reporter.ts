import type { Reporter, TestModule } from 'vitest/node';

/** One closing line, so CI logs end with the figures that matter. */
export default class SummaryReporter implements Reporter {
  private started = Date.now();

  onTestRunStart(): void {
    this.started = Date.now();
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
    }
    // A file whose set-up (beforeAll) failed reports its tests as skipped: it is still a failure.
    const failedFiles = modules.filter((module) => module.state() === 'failed').length;
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    const files = `${modules.length} files${failedFiles > 0 ? ` (${failedFiles} failed)` : ''}`;
    process.stdout.write(
      `\nMACA test summary: ${passed} passed, ${failed} failed, ${skipped} skipped, ${files}, ${seconds} s — ${failed === 0 && failedFiles === 0 ? 'ALL PASSED' : 'FAILURES'}\n`,
    );
  }
}
