import { esbuildPlugin } from '@web/dev-server-esbuild';
import { parleyServerPlugin } from './test/plugins/parley-server.mjs';
import { consolePagePlugin } from './test/plugins/console-page.mjs';
import { securityCorpusPlugin } from './test/plugins/security-corpus.mjs';
import { serverCliPlugin } from './test/plugins/server-cli.mjs';
import { esmResolvePlugin } from './test/plugins/esm-resolve.mjs';
import { testGroups } from './test/plugins/browsers.mjs';
import { inputPlugin } from './test/plugins/input.mjs';
import { multiProcessPlugin } from './test/plugins/multi-process.mjs';
import { runSummaryReporter } from './test/plugins/run-summary.mjs';
import { heldWidgetPlugin } from './test/plugins/held-widget.mjs';
import { webhookReceiverPlugin } from './test/plugins/webhook-receiver.mjs';
import { botEndpointPlugin } from './test/plugins/bot-endpoint.mjs';
import { smtpReceiverPlugin } from './test/plugins/smtp-receiver.mjs';
import { defaultReporter } from '@web/test-runner';

// The PostgreSQL tests (test/server/postgres*.test.ts) need a server to make databases on
// (PARLEY_TEST_DATABASE_URL, test/plugins/test-database.mjs). Without one they are left out and
// say so in one line; with CI set they run anyway, and fail saying what is missing.
const postgresTests = Boolean(process.env.PARLEY_TEST_DATABASE_URL?.trim() || process.env.CI?.trim());
if (!postgresTests && !process.argv.includes('--files'))
  console.log(
    'PostgreSQL tests not run: set PARLEY_TEST_DATABASE_URL (apt-get install postgresql; see .ci/run) to run them.',
  );

// The multi-process tests (test/server/multi-process*.test.ts, test/e2e/multi-process*.test.ts) need PostgreSQL and Redis
// (PARLEY_TEST_REDIS_URL, test/plugins/multi-process.mjs): the same rule.
const multiProcessTests = Boolean(
  (process.env.PARLEY_TEST_DATABASE_URL?.trim() && process.env.PARLEY_TEST_REDIS_URL?.trim()) || process.env.CI?.trim(),
);
if (!multiProcessTests && !process.argv.includes('--files'))
  console.log(
    'Multi-process tests not run: set PARLEY_TEST_DATABASE_URL and PARLEY_TEST_REDIS_URL (apt-get install postgresql redis-server; see .ci/run) to run them.',
  );

/** Left out of every engine's run: the tests whose services are not configured. */
const excluded = [
  ...(postgresTests ? [] : ['!test/server/postgres*.test.ts']),
  ...(multiProcessTests ? [] : ['!test/server/multi-process*.test.ts', '!test/e2e/multi-process*.test.ts']),
];

// Chromium runs every file; Firefox and WebKit the unit, element and end-to-end folders, as the
// groups `firefox` and `webkit`; PARLEY_BROWSERS=<engines> runs every file in those (test/plugins/browsers.mjs).
const { browsers, groups } = await testGroups(excluded);

export default {
  files: ['test/**/*.test.ts', ...excluded],
  // The `development` condition keeps lit's dev-mode warnings, which fail tests (test/helpers/ui.ts);
  // esmResolvePlugin keeps socket.io's debug builds out (test/plugins/esm-resolve.mjs).
  nodeResolve: { exportConditions: ['development', 'browser'], browser: true },
  hostname: 'localhost',
  // One test file at a time: some end-to-end tests stop and restart the shared reference server.
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 10 * 60 * 1000,
  testFramework: { config: { timeout: 20000 } },
  // Chromium, Firefox and WebKit from Debian's packages (test/plugins/browsers.mjs).
  browsers,
  groups,
  // The default progress, then each engine's wall time and every failure again at the end (a CI log's tail).
  reporters: [defaultReporter(), runSummaryReporter()],
  plugins: [
    esmResolvePlugin(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    parleyServerPlugin(),
    consolePagePlugin(),
    inputPlugin(),
    securityCorpusPlugin(),
    serverCliPlugin(),
    multiProcessPlugin(),
    heldWidgetPlugin(),
    webhookReceiverPlugin(),
    botEndpointPlugin(),
    smtpReceiverPlugin(),
  ],
};
