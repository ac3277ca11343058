/**
 * A reporter that ends the run with each engine's wall time (its first file starting to its last
 * finishing) and one block naming every failed test — engine, file, suite and test, and the first
 * lines of its error — after the progress bars, so a CI log cut to its tail still says what
 * failed. The default reporter prints each failure as its file finishes, which a long run scrolls
 * far above its last lines.
 */

import { writeSync } from 'node:fs';
import { relative } from 'node:path';

/** Lines of an error kept in the summary. */
const ERROR_LINES = 6;

/**
 * @param {import('@web/test-runner').TestSuiteResult | undefined} suite
 * @param {string[]} path
 * @param {Array<{ name: string, error: string }>} out
 */
function collect(suite, path, out) {
  if (!suite) return;
  for (const test of suite.tests)
    if (!test.passed && !test.skipped)
      out.push({ name: [...path, test.name].join(' › '), error: test.error?.message ?? 'failed' });
  for (const child of suite.suites) collect(child, [...path, child.name], out);
}

/** @returns {import('@web/test-runner').Reporter} */
export function runSummaryReporter() {
  /** @type {Map<string, { first: number, last: number }>} engine → when its files started and ended */
  const times = new Map();
  return {
    start({ sessions }) {
      sessions.on('session-status-updated', (session) => {
        const now = Date.now();
        const name = session.browser.name;
        const t = times.get(name) ?? { first: now, last: now };
        if (session.status === 'FINISHED') t.last = now;
        times.set(name, t);
      });
    },
    stop({ sessions }) {
      const wall = [...times].map(([name, t]) => `${name} ${Math.round((t.last - t.first) / 1000)} s`).join(', ');
      if (wall) process.once('exit', () => writeSync(1, `\nWall time per engine: ${wall}\n`));
      /** @type {string[]} */
      const lines = [];
      for (const session of sessions) {
        if (session.passed) continue;
        /** @type {Array<{ name: string, error: string }>} */
        const failed = [];
        collect(session.testResults, [], failed);
        const where = `[${session.browser.name}] ${relative(process.cwd(), session.testFile)}`;
        for (const error of session.errors ?? []) failed.push({ name: '(file)', error: error.message });
        if (failed.length === 0) failed.push({ name: '(file)', error: 'failed without a test result' });
        for (const f of failed) {
          lines.push(`✗ ${where} › ${f.name}`);
          for (const line of f.error.split('\n').slice(0, ERROR_LINES)) lines.push(`    ${line}`);
        }
      }
      if (lines.length === 0) return;
      // After the runner's last progress frame, which would draw over anything printed now.
      process.once('exit', () => writeSync(1, `\nFailed tests:\n${lines.join('\n')}\n`));
    },
  };
}
