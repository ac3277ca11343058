// Two reference server processes as one service (test/server/multi-process*.test.ts): one fresh
// PostgreSQL database (PARLEY_TEST_DATABASE_URL) and one Redis (PARLEY_TEST_REDIS_URL, under a
// prefix of the run's own). Each process reaches Redis through a TCP relay of the harness, so a
// test can cut one process off Redis; a process can also be killed (SIGKILL). `shareDataDir` gives
// both processes one PARLEY_DATA_DIR (a folder they share, as behind a network mount); a request
// can be held half-sent while the test does something else (`parley-cluster-hold` / `-release`).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { ADMIN_KEY } from './parley-server.mjs';
import { TEST_DATABASE_URL, createTestDatabase, dropTestDatabase } from './test-database.mjs';

export const TEST_REDIS_URL = process.env.PARLEY_TEST_REDIS_URL?.trim() || '';

const LIMITS = Object.fromEntries(
  [
    'SESSIONS_PER_IP',
    'CONVERSATIONS_PER_IP',
    'MESSAGES_PER_IP',
    'TYPING_PER_IP',
    'RECEIPTS_PER_IP',
    'SOCKETS_PER_IP',
    'SIGN_IN_PER_IP',
  ].map((name) => [`PARLEY_LIMIT_${name}`, '100000/1m']),
);

/** A TCP relay to `target` (host, port) on a free port; `cut()` drops its connections and refuses new ones. */
async function relay(target) {
  const open = new Set();
  let cut = false;
  const server = createServer((client) => {
    if (cut) return client.destroy();
    const upstream = connect(target.port, target.host);
    open.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const cutAll = () => {
    cut = true;
    for (const socket of open) socket.destroy();
  };
  return {
    port: server.address().port,
    cut: cutAll,
    close() {
      cutAll();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, child, timeoutMs = 120000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server process exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/health`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('server process did not become healthy in time');
}

const refused = (url) =>
  fetch(`${url}/health`).then(
    () => false,
    () => true,
  );

/**
 * Starts a POST to `path` and sends half its body; once the server has answered a later request
 * (so it holds the first one), sends SIGTERM, waits until new connections are refused, then sends
 * the rest. Answers the POST's status and body, whether new connections were refused meanwhile,
 * and how the process exited.
 */
async function drainWhileSending(url, proc, path, headers, body) {
  const text = JSON.stringify(body);
  const exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  const req = httpRequest(new URL(path, url), {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) },
  });
  const response = new Promise((resolve) => {
    req.on('response', (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (data += chunk));
      res.on('end', () => resolve({ status: res.statusCode, body: data ? JSON.parse(data) : undefined }));
    });
    req.on('error', (error) => resolve({ status: 0, error: error.message }));
  });
  const half = Math.floor(text.length / 2);
  await new Promise((resolve) => req.write(text.slice(0, half), resolve));
  await fetch(`${url}/health`);
  proc.kill('SIGTERM');
  const deadline = Date.now() + 10000;
  let refusedMeanwhile = false;
  while (!(refusedMeanwhile = await refused(url)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  req.end(text.slice(half));
  return { ...(await response), refused: refusedMeanwhile, exit: await exited };
}

/**
 * Sends `body` to `url` (POST) up to its half and holds it there; `release()` sends the rest and
 * answers the status and body.
 */
async function holdRequest(url, headers, body) {
  const bytes = Buffer.from(body, 'utf8');
  const req = httpRequest(url, { method: 'POST', headers: { ...headers, 'Content-Length': bytes.length } });
  const response = new Promise((resolve) => {
    req.on('response', (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (data += chunk));
      res.on('end', () => {
        let parsed = data;
        try {
          parsed = JSON.parse(data);
        } catch {
          /* not JSON */
        }
        resolve({ status: res.statusCode, body: parsed });
      });
    });
    req.on('error', (error) => resolve({ status: 0, error: error.message }));
  });
  const half = Math.floor(bytes.length / 2);
  await new Promise((resolve) => req.write(bytes.subarray(0, half), resolve));
  return {
    async release() {
      req.end(bytes.subarray(half));
      return response;
    },
  };
}

/** One process of a cluster: `start()` spawns it (again after `kill()`), on the same port. */
async function member(databaseUrl, redisTarget, prefix, env, sharedDataDir) {
  const port = await freePort();
  const dataDir = sharedDataDir ?? mkdtempSync(join(tmpdir(), 'parley-mp-'));
  const url = `http://127.0.0.1:${port}`;
  const redisRelay = await relay(redisTarget);
  let child = null;
  return {
    url,
    async start() {
      if (child) return;
      const redisUrl = new URL(TEST_REDIS_URL);
      redisUrl.hostname = '127.0.0.1';
      redisUrl.port = String(redisRelay.port);
      child = spawn(process.execPath, ['--import', 'tsx', 'demo/server/src/main.ts'], {
        env: {
          ...process.env,
          ...LIMITS,
          PORT: String(port),
          HOST: '127.0.0.1',
          PARLEY_DATA_DIR: dataDir,
          DATABASE_URL: databaseUrl,
          REDIS_URL: redisUrl.toString(),
          PARLEY_REDIS_PREFIX: prefix,
          PARLEY_ADMIN_KEY: ADMIN_KEY,
          PARLEY_LOG: 'error',
          ...env,
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const proc = child;
      proc.on('exit', () => {
        if (child === proc) child = null;
      });
      await waitForHealth(url, proc);
    },
    cutRedis: () => redisRelay.cut(),
    /** SIGTERM while a POST is under way (half its body sent): see `drainWhileSending`. */
    async drain(path, headers, body) {
      const proc = child;
      if (!proc) throw new Error('process not running');
      const result = await drainWhileSending(url, proc, path, headers, body);
      if (child === proc) child = null;
      return result;
    },
    async kill(signal = 'SIGKILL') {
      const proc = child;
      child = null;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      await new Promise((resolve) => {
        proc.once('exit', resolve);
        proc.kill(signal);
        // A process that does not finish its shutdown in 10 s is killed.
        setTimeout(() => proc.kill('SIGKILL'), 10000).unref();
      });
    },
    async dispose() {
      await this.kill('SIGTERM');
      await redisRelay.close();
      if (!sharedDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Removes the streams and keys the cluster left under its prefix. */
async function dropRedisKeys(prefix) {
  const client = createClient({ url: TEST_REDIS_URL });
  client.on('error', () => {});
  await client.connect();
  try {
    const keys = [];
    for await (const batch of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 100 })) keys.push(...batch);
    if (keys.length > 0) await client.del(keys);
  } finally {
    client.destroy();
  }
}

/**
 * Two processes on one fresh database and one Redis prefix; `env` (PARLEY_*) for both, and one
 * data folder for both with `shareDataDir`.
 */
async function startCluster(env, shareDataDir = false) {
  const database = await createTestDatabase();
  const shared = shareDataDir ? mkdtempSync(join(tmpdir(), 'parley-mp-shared-')) : undefined;
  const target = new URL(TEST_REDIS_URL);
  const redisTarget = { host: target.hostname || '127.0.0.1', port: Number(target.port || 6379) };
  const prefix = `parley-t-${randomBytes(6).toString('hex')}`;
  const members = [];
  const stop = async () => {
    await Promise.all(members.map((m) => m.dispose().catch(() => {})));
    await dropTestDatabase(database.name);
    await dropRedisKeys(prefix);
    if (shared) rmSync(shared, { recursive: true, force: true });
  };
  try {
    members.push(await member(database.url, redisTarget, prefix, env, shared));
    members.push(await member(database.url, redisTarget, prefix, env, shared));
    await Promise.all(members.map((m) => m.start()));
    return { members, stop };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}

export function multiProcessPlugin() {
  const clusters = new Map();
  const held = new Map();
  let heldIds = 0;
  const named = async (payload) => {
    const cluster = clusters.get(String(payload?.server ?? 'cluster'));
    if (!cluster) throw new Error(`no cluster ${payload?.server} started`);
    return cluster;
  };
  const memberOf = async (payload) => {
    const { members } = await named(payload);
    const index = Number(payload?.index);
    if (!members[index]) throw new Error(`no process ${payload?.index}`);
    return members[index];
  };
  const commands = {
    'parley-cluster-configured': () => ({ database: Boolean(TEST_DATABASE_URL), redis: Boolean(TEST_REDIS_URL) }),
    'parley-cluster': async (payload) => {
      if (!TEST_DATABASE_URL || !TEST_REDIS_URL)
        throw new Error('parley-cluster needs PARLEY_TEST_DATABASE_URL and PARLEY_TEST_REDIS_URL');
      const name = String(payload?.server ?? 'cluster');
      if (!clusters.has(name)) {
        const env = Object.fromEntries(
          Object.entries(payload?.env ?? {}).filter(
            ([k, v]) => /^(PARLEY_|SMTP_URL$)/.test(k) && typeof v === 'string',
          ),
        );
        const started = startCluster(env, payload?.shareDataDir === true);
        started.catch(() => clusters.delete(name));
        clusters.set(name, started);
      }
      const { members } = await clusters.get(name);
      return { urls: members.map((m) => m.url), adminKey: ADMIN_KEY };
    },
    'parley-cluster-kill': async (payload) => {
      await (await memberOf(payload)).kill('SIGKILL');
      return true;
    },
    'parley-cluster-start': async (payload) => {
      await (await memberOf(payload)).start();
      return true;
    },
    'parley-cluster-drain': async (payload) =>
      (await memberOf(payload)).drain(String(payload?.path), payload?.headers ?? {}, payload?.body ?? {}),
    'parley-cluster-cut-redis': async (payload) => {
      (await memberOf(payload)).cutRedis();
      return true;
    },
    /** A POST to process `index` with half of `body` (a string) sent; answers an id to release it with. */
    'parley-cluster-hold': async (payload) => {
      const target = await memberOf(payload);
      const id = String(++heldIds);
      held.set(
        id,
        await holdRequest(new URL(String(payload?.path), target.url), payload?.headers ?? {}, String(payload?.body)),
      );
      return { id };
    },
    /** Sends the rest of a held request: its status and body. */
    'parley-cluster-release': async (payload) => {
      const request = held.get(String(payload?.id));
      if (!request) throw new Error(`no held request ${payload?.id}`);
      held.delete(String(payload?.id));
      return request.release();
    },
    'parley-cluster-stop': async (payload) => {
      const name = String(payload?.server ?? 'cluster');
      const cluster = clusters.get(name);
      clusters.delete(name);
      if (cluster) await (await cluster).stop();
      return true;
    },
  };
  return {
    name: 'parley-multi-process',
    async serverStop() {
      await Promise.all([...clusters.values()].map((c) => c.then((cluster) => cluster.stop()).catch(() => {})));
    },
    executeCommand({ command, payload }) {
      return Object.hasOwn(commands, command) ? commands[command](payload) : undefined;
    },
  };
}
