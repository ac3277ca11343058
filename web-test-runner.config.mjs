import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { parleyServerPlugin } from './test/plugins/parley-server.mjs';
import { securityCorpusPlugin } from './test/plugins/security-corpus.mjs';
import { esmResolvePlugin } from './test/plugins/esm-resolve.mjs';

/**
 * socket.io-client's `development` export pulls in the CommonJS `debug` package, which a browser
 * cannot import. Tests keep the `development` condition (lit's dev-mode warnings must fail tests)
 * and get a silent `debug` instead.
 */
const debugShim = {
  name: 'debug-shim',
  resolveImport({ source }) {
    if (source === 'debug') return '/__parley/debug-shim.js';
  },
  serve(context) {
    if (context.path === '/__parley/debug-shim.js') {
      return {
        body: 'export default function debug() { const log = () => {}; log.enabled = false; return log; }',
        type: 'js',
      };
    }
  },
};

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';

export default {
  files: ['test/**/*.test.ts'],
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
  plugins: [esmResolvePlugin(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), parleyServerPlugin(), securityCorpusPlugin()],
};
