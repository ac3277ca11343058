// Runs the reference server (demo/server) as a child process on a free port with a fresh data
// folder, for the duration of the bench. `stop()` is idempotent and also safe to call from a
// process 'exit' handler (it kills synchronously and removes the data folder).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new admin key for every bench run (no fixed secrets). */
export const BENCH_ADMIN_KEY = randomBytes(24).toString('base64url');

/** A TCP port that was free a moment ago on `host`. */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
      srv.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts the reference server and resolves once `GET /health` answers 200. `env` adds to (or
 * overrides) the child's environment, e.g. DATABASE_URL, REDIS_URL, PARLEY_LIMIT_*; `pid` is the
 * server's own process (node itself, for RSS readings).
 * @param {{ root: string, host?: string, timeoutMs?: number, verbose?: boolean, env?: Record<string, string> }} options
 * @returns {Promise<{ url: string, adminKey: string, dataDir: string, pid: number, stop: () => Promise<void>, stopSync: () => void }>}
 */
export async function startReferenceServer({ root, host = '127.0.0.1', timeoutMs = 30000, verbose = false, env = {} }) {
  const port = await freePort(host);
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
  const url = `http://${host}:${port}`;
  let stderr = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: host,
      PARLEY_DATA_DIR: dataDir,
      PARLEY_ADMIN_KEY: BENCH_ADMIN_KEY,
      PARLEY_LOG: verbose ? 'info' : 'error',
      ...env,
    },
    stdio: ['ignore', verbose ? 'inherit' : 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
    if (verbose) process.stderr.write(chunk);
  });

  let stopped = false;
  const cleanDir = () => rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
  const stopSync = () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    cleanDir();
  };
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise((done) => {
        const force = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(force);
          done(undefined);
        });
        child.kill('SIGTERM');
      });
    }
    cleanDir();
  };

  const spawnError = new Promise((_, reject) => child.once('error', reject));
  spawnError.catch(() => {});
  try {
    await Promise.race([waitForHealth(url, child, timeoutMs, () => stderr), spawnError]);
  } catch (err) {
    stopSync();
    throw err;
  }
  return { url, adminKey: BENCH_ADMIN_KEY, dataDir, pid: /** @type {number} */ (child.pid), stop, stopSync };
}

/**
 * @param {string} url
 * @param {import('node:child_process').ChildProcess} child
 * @param {number} timeoutMs
 * @param {() => string} stderr
 */
async function waitForHealth(url, child, timeoutMs, stderr) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `reference server exited (${child.exitCode ?? child.signalCode}) before it was healthy\n${stderr()}`,
      );
    }
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`reference server did not answer ${url}/health within ${timeoutMs} ms\n${stderr()}`);
}
