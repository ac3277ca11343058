// A @web/test-runner plugin that runs the real reference server for the test run.
// It starts the server once, on a free port, with a fresh data folder, and offers custom
// commands so that tests can learn its URL and inject faults from the harness (stop/start the
// server process; cut the network between the page and the server at a TCP proxy, the same in
// every engine). Production code carries no test switches.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
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
    'RECEIPTS_PER_IP',
    'RECEIPTS_PER_TOKEN',
    'SOCKETS_PER_IP',
    'UPLOADS_PER_IP',
    'UPLOADS_PER_TOKEN',
    'PROFILE_CHANGES_PER_TOKEN',
    'PEOPLE_CHANGES_PER_TOKEN',
    'MAILS_PER_TOKEN',
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
 * A TCP proxy in front of one server: what the widget in the page talks to when a test needs
 * network faults that every engine goes through alike (no browser's own "offline" switch).
 * `cut()` drops every connection (a reset, as a lost network gives) and refuses new ones
 * (accepted, then reset at once); `restore()` lets connections through again. The proxy keeps
 * its port for the run, so the page's URL stays valid across cuts and server restarts.
 */
function tcpProxy(target) {
  const sockets = new Set();
  let cut = false;
  let url = '';
  const reset = (socket) => {
    if (!socket.destroyed) socket.resetAndDestroy();
  };
  const server = createServer((client) => {
    if (cut) return reset(client);
    const upstream = connect({ host: '127.0.0.1', port: target() });
    sockets.add(client);
    sockets.add(upstream);
    const close = () => {
      sockets.delete(client);
      sockets.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  server.unref();
  const listening = new Promise((resolveUrl, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      url = `http://127.0.0.1:${server.address().port}`;
      resolveUrl(url);
    });
  });
  return {
    /** The proxy's URL once it listens. */
    url: () => listening,
    cut() {
      cut = true;
      for (const socket of sockets) reset(socket);
      sockets.clear();
    },
    restore() {
      cut = false;
    },
    close() {
      this.cut();
      return new Promise((r) => server.close(() => r()));
    },
  };
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
  let proxy = null;

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
        // Webhook receivers of the tests listen on 127.0.0.1 (test/plugins/webhook-receiver.mjs); a
        // named server's env may say '0' (test/server/webhooks.test.ts checks the refusal).
        PARLEY_WEBHOOKS_ALLOW_LOOPBACK: '1',
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
    /** The TCP proxy in front of this server (made on first use; see tcpProxy). */
    async proxy() {
      await prepare();
      proxy ??= tcpProxy(() => port);
      return proxy;
    },
    async dispose() {
      await proxy?.close();
      proxy = null;
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
  // A named server's `env` (PARLEY_* strings and SMTP_URL) is taken from the command that first names it.
  const instance = (name = 'main', env = {}) => {
    const key = typeof name === 'string' && name ? name : 'main';
    const own = Object.entries(env ?? {}).filter(
      ([k, v]) => key !== 'main' && /^(PARLEY_|SMTP_URL$)/.test(k) && typeof v === 'string',
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
    async executeCommand({ command, payload }) {
      if (postgres.handles(command)) return postgres.run(command, payload);
      switch (command) {
        case 'parley-server': {
          const server = instance(payload?.server, payload?.env);
          await server.start();
          return { url: server.url, adminKey: ADMIN_KEY };
        }
        case 'parley-server-stop':
          // Every engine's files run at once against the shared server: stopping it would fail
          // whatever another engine runs meanwhile. A file that stops a server uses its own.
          if ((payload?.server ?? 'main') === 'main') {
            throw new Error('stopServer() on the shared server: call useOwnServer(name) at the top of the file');
          }
          await instance(payload?.server).stop();
          return true;
        case 'parley-server-start':
          await instance(payload?.server).start();
          return true;
        case 'parley-proxy': {
          // The URL a page reaches this server through, where the harness can cut the network.
          const server = instance(payload?.server, payload?.env);
          await server.start();
          return { url: await (await server.proxy()).url() };
        }
        case 'parley-network-cut':
          (await instance(payload?.server).proxy()).cut();
          return true;
        case 'parley-network-restore':
          (await instance(payload?.server).proxy()).restore();
          return true;
        default:
          return undefined;
      }
    },
  };
}
