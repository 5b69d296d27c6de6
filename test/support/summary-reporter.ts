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
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    process.stdout.write(`\nMACA test summary: ${passed} passed, ${failed} failed, ${skipped} skipped, ${modules.length} files, ${seconds} s — ${failed === 0 ? 'ALL PASSED' : 'FAILURES'}\n`);
  }
}
