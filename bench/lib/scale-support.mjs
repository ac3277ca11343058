// What the scale suite needs around the reference server: a keep-alive JSON client (lighter than
// fetch, so that the bench's own CPU does not hide the server's), a fresh PostgreSQL database and
// Redis prefix per run (dropped after), the server's limits lifted, and a process's RSS.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import pg from 'pg';
import { createClient } from 'redis';

/** Every rate limit off (limits.ts LIMIT_NAMES, PARLEY_LIMIT_<NAME>): the bench is one IP. */
export const NO_LIMITS = Object.fromEntries(
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
  ].map((name) => [`PARLEY_LIMIT_${name}`, 'off']),
);

/** The PostgreSQL and Redis the suite may use (its own variables, else the tests'). */
export function scaleServices(env = process.env) {
  const pick = (/** @type {string[]} */ names) => names.map((n) => env[n]?.trim()).find(Boolean) || '';
  return {
    databaseUrl: pick(['PARLEY_BENCH_DATABASE_URL', 'PARLEY_TEST_DATABASE_URL']),
    redisUrl: pick(['PARLEY_BENCH_REDIS_URL', 'PARLEY_TEST_REDIS_URL']),
  };
}

/**
 * A JSON client over keep-alive connections (at most `connections` at once).
 * @param {number} connections
 */
export function jsonClient(connections) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  /**
   * POSTs `body` to `url`; answers the envelope's `response`, throws on anything but success.
   * @param {string} url @param {Record<string, string>} headers @param {unknown} body @param {boolean} [retry]
   * @returns {Promise<any>}
   */
  function post(url, headers, body, retry = true) {
    const text = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(url, {
        method: 'POST',
        agent,
        headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) },
      });
      req.on('response', (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (data += chunk));
        res.on('end', () => {
          try {
            const json = JSON.parse(data);
            if (json.status === 'success') resolve(json.response);
            else reject(new Error(`${new URL(url).pathname}: ${res.statusCode} ${data.slice(0, 200)}`));
          } catch {
            reject(new Error(`${new URL(url).pathname}: ${res.statusCode} ${data.slice(0, 200)}`));
          }
        });
        res.on('error', reject);
      });
      req.on('error', (err) => {
        // A kept-alive connection the server closed as this request went out (Node's documented
        // race): once more on a fresh one. Nothing reached the server's handler.
        if (retry && req.reusedSocket && /** @type {{ code?: string }} */ (err).code === 'ECONNRESET')
          resolve(post(url, headers, body, false));
        else reject(err);
      });
      req.end(text);
    });
  }
  return { post, close: () => agent.destroy() };
}

/**
 * A fresh database `parley_bench_<random>` on the server of `adminUrl` (a role that may create
 * databases); `drop()` removes it, closing what is still connected.
 * @param {string} adminUrl
 */
export async function createBenchDatabase(adminUrl) {
  const name = `parley_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (/** @type {string} */ text) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end().catch(() => {});
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A Redis key prefix of the run's own; `drop()` deletes the keys under it. @param {string} redisUrl */
export function benchRedisPrefix(redisUrl) {
  const prefix = `parley-bench-${randomBytes(6).toString('hex')}`;
  return {
    prefix,
    async drop() {
      const client = createClient({ url: redisUrl });
      client.on('error', () => {});
      await client.connect();
      try {
        const keys = [];
        for await (const batch of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) keys.push(...batch);
        if (keys.length > 0) await client.del(keys);
      } finally {
        client.destroy();
      }
    },
  };
}

/** A process's resident set in bytes (Linux /proc), or null where that cannot be read. @param {number} pid */
export function rssOf(pid) {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Runs `task(i)` for i in 0..n-1 with at most `width` at once; answers the results in order. */
export async function pool(n, width, task) {
  const out = new Array(n);
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      out[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, n) }, worker));
  return out;
}
