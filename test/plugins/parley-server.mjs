// A @web/test-runner plugin that runs the real reference server for the test run.
// It starts the server once, on a free port, with a fresh data folder, and offers custom
// commands so that tests can learn its URL and inject faults from the harness (stop/start the
// server process, put the page offline). Production code carries no test switches.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_DATABASE_URL, createTestDatabase, dropTestDatabase, postgresCommands } from './test-database.mjs';

// A new admin key for every run: nothing in the tests relies on a fixed secret.
export const ADMIN_KEY = randomBytes(24).toString('base64url');

// Every test file reaches the servers from 127.0.0.1, and many tests make in seconds what a person
// makes in an hour (a new conversation per case, the same admin signed in again and again): the
// rate limits are raised for every server here, and a named server's own env may set its own
// (test/server/limits.test.ts checks each limit on servers of its own).
const TEST_LIMITS = Object.fromEntries(
  [
    'SIGN_IN_PER_IP',
    'SIGN_IN_PER_ACCOUNT',
    'SESSIONS_PER_IP',
    'CONVERSATIONS_PER_IP',
    'CONVERSATIONS_PER_TOKEN',
    'MESSAGES_PER_IP',
    'MESSAGES_PER_TOKEN',
    'TYPING_PER_IP',
    'TYPING_PER_TOKEN',
    'SOCKETS_PER_IP',
    'UPLOADS_PER_IP',
    'UPLOADS_PER_TOKEN',
  ].map((name) => [`PARLEY_LIMIT_${name}`, '100000/1m']),
);

function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(url, child, timeoutMs = 120000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`reference server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('reference server did not become healthy in time');
}

/**
 * Puts the browser offline until the test page sets `globalThis.__parleyOnline = true`, then
 * back online. While offline the page cannot reach the test runner either (the browser holds
 * its WebSocket frames), so everything that must happen meanwhile is done here: `requests`
 * (e.g. an agent's Platform API call) are made from Node right after going offline, and the
 * page's flag is read over the DevTools protocol. Answers the requests' `{status, body}`.
 */
async function offlineWindow(page, { requests = [], maxMs = 120000 }) {
  const context = page.context();
  await page.evaluate(() => {
    globalThis.__parleyOnline = false;
  });
  await context.setOffline(true);
  const results = [];
  try {
    for (const r of requests) {
      const res = await fetch(r.url, {
        method: r.method ?? 'POST',
        headers: r.headers,
        body: r.body === undefined ? undefined : JSON.stringify(r.body),
      });
      const text = await res.text();
      let body = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      results.push({ status: res.status, body });
    }
    const deadline = Date.now() + maxMs;
    while (Date.now() < deadline && !(await page.evaluate(() => globalThis.__parleyOnline === true))) {
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await context.setOffline(false);
  }
  return results;
}

/**
 * One reference server process: started on first use on a free port with a fresh data folder;
 * stop and start keep both, so clients can reconnect to the same server. `env` adds `PARLEY_*`
 * variables (e.g. short session lifetimes) to this process only. With PARLEY_TEST_DATABASE_URL
 * it runs on PostgreSQL: on `databaseUrl` when given (shared, not dropped here), else on a fresh
 * database of its own, kept across stop and start and dropped by `dispose()`.
 */
function serverInstance(quiet, env = {}, databaseUrl = '') {
  let child = null;
  let port = 0;
  let dataDir = '';
  let url = '';
  let ownDatabase = null;

  let starting = null;
  let stopping = null;

  async function prepare() {
    if (url) return;
    if (TEST_DATABASE_URL && !databaseUrl) {
      ownDatabase = await createTestDatabase();
      databaseUrl = ownDatabase.url;
    }
    port = await freePort();
    dataDir = mkdtempSync(join(tmpdir(), 'parley-test-'));
    url = `http://127.0.0.1:${port}`;
  }

  /**
   * Starts the server once; concurrent callers share the same start-up, and a start asked for
   * while a stop is under way waits for the old process to exit (same port, same data folder).
   * A browser command that times out (the test runner gives each 20 s) can simply be repeated.
   */
  function start() {
    if (child && !starting && !stopping) return Promise.resolve();
    starting ??= (async () => {
      await prepare();
      if (stopping) await stopping;
      if (!child) await spawnAndWait();
    })().finally(() => {
      starting = null;
    });
    return starting;
  }

  async function spawnAndWait() {
    child = spawn(process.execPath, ['--import', 'tsx', 'demo/server/src/main.ts'], {
      env: {
        ...process.env,
        ...TEST_LIMITS,
        PORT: String(port),
        HOST: '127.0.0.1',
        PARLEY_DATA_DIR: dataDir,
        // Empty: the embedded database, whatever this shell's DATABASE_URL says.
        DATABASE_URL: databaseUrl,
        PARLEY_ADMIN_KEY: ADMIN_KEY,
        PARLEY_LOG: quiet ? 'error' : 'info',
        ...env,
      },
      stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
    });
    const proc = child;
    proc.on('exit', () => {
      if (child === proc) child = null;
    });
    await waitForHealth(url, proc);
  }

  /** Stops the server (after a start under way); concurrent callers share the same stop. */
  function stop() {
    stopping ??= (async () => {
      if (starting) await starting.catch(() => {});
      const proc = child;
      if (!proc) return;
      child = null;
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      await new Promise((r) => {
        proc.once('exit', r);
        proc.kill('SIGTERM');
      });
    })().finally(() => {
      stopping = null;
    });
    return stopping;
  }

  return {
    start,
    stop,
    get url() {
      return url;
    },
    async dispose() {
      await stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      if (ownDatabase) await dropTestDatabase(ownDatabase.name);
      ownDatabase = null;
    },
  };
}

/**
 * The plugin. Every command takes an optional `payload.server` name: test files that stop the
 * server or cut the network use a server of their own (`useOwnServer()` in test/helpers/e2e.ts),
 * so that files running at the same time against the shared one ('main') never see the fault.
 */
export function parleyServerPlugin({ quiet = true } = {}) {
  const instances = new Map();
  // A named server's `env` (PARLEY_* strings) is taken from the command that first names it.
  const instance = (name = 'main', env = {}) => {
    const key = typeof name === 'string' && name ? name : 'main';
    const own = Object.entries(env ?? {}).filter(
      ([k, v]) => key !== 'main' && /^PARLEY_/.test(k) && typeof v === 'string',
    );
    if (!instances.has(key)) instances.set(key, serverInstance(quiet, Object.fromEntries(own)));
    return instances.get(key);
  };
  // Pairs of servers on one PostgreSQL database and faults on it (test/server/postgres*.test.ts).
  const postgres = postgresCommands((databaseUrl) => serverInstance(quiet, {}, databaseUrl), ADMIN_KEY);

  return {
    name: 'parley-server',
    async serverStart() {
      // Started before any browser opens: a test's command must not wait for a cold start.
      await instance('main').start();
    },
    async serverStop() {
      await Promise.all([...instances.values()].map((i) => i.dispose()));
      await postgres.dispose();
    },
    async executeCommand({ command, payload, session }) {
      if (postgres.handles(command)) return postgres.run(command, payload);
      switch (command) {
        case 'parley-server': {
          const server = instance(payload?.server, payload?.env);
          await server.start();
          return { url: server.url, adminKey: ADMIN_KEY };
        }
        case 'parley-server-stop':
          await instance(payload?.server).stop();
          return true;
        case 'parley-server-start':
          await instance(payload?.server).start();
          return true;
        case 'parley-set-offline': {
          const page = session.browser.getPage(session.id);
          await page.context().setOffline(Boolean(payload?.offline));
          return true;
        }
        case 'parley-offline-window':
          return offlineWindow(session.browser.getPage(session.id), payload ?? {});
        default:
          return undefined;
      }
    },
  };
}
