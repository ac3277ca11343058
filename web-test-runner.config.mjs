import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { parleyServerPlugin } from './test/plugins/parley-server.mjs';
import { consolePagePlugin } from './test/plugins/console-page.mjs';
import { securityCorpusPlugin } from './test/plugins/security-corpus.mjs';
import { serverCliPlugin } from './test/plugins/server-cli.mjs';
import { esmResolvePlugin } from './test/plugins/esm-resolve.mjs';

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';

export default {
  files: ['test/**/*.test.ts'],
  // The `development` condition keeps lit's dev-mode warnings, which fail tests (test/helpers/ui.ts);
  // esmResolvePlugin keeps socket.io's debug builds out (test/plugins/esm-resolve.mjs).
  nodeResolve: { exportConditions: ['development', 'browser'], browser: true },
  hostname: 'localhost',
  // One test file at a time: some end-to-end tests stop and restart the shared reference server.
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 10 * 60 * 1000,
  testFramework: { config: { timeout: 20000 } },
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-quic',
          '--no-first-run',
        ],
      },
    }),
  ],
  plugins: [
    esmResolvePlugin(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    parleyServerPlugin(),
    consolePagePlugin(),
    securityCorpusPlugin(),
    serverCliPlugin(),
  ],
};
