/**
 * The reference server's command line: `node --import tsx demo/server/src/main.ts`.
 * Env: PORT (3000), HOST (127.0.0.1: this machine only), PARLEY_DATA_DIR (./.data),
 * PARLEY_ADMIN_KEY (generated once and stored), PARLEY_ADMIN_PASSWORD (the demo app owner's
 * password on a new data folder; random when unset), PARLEY_LOG (error | info),
 * PARLEY_STAFF_SESSION_TTL (12h) and PARLEY_VISITOR_SESSION_TTL (30d): how long a session lives
 * without use, in seconds or with a unit (90s, 30m, 12h, 30d).
 * Limits (README "Limits"): PARLEY_LIMIT_<NAME> ("<count>/<duration>" or "off"), PARLEY_TRUST_PROXY
 * (1: behind one reverse proxy), PARLEY_STORAGE_QUOTA (per app, 1GB; 0 = none), PARLEY_UPLOAD_GRACE
 * (24h: unreferenced uploads are removed after it; 0 = never). PARLEY_UPLOAD_STORE (files | database:
 * where uploads' bytes go; database with DATABASE_URL, else files) and PARLEY_UPLOAD_DIR (the files'
 * folder, PARLEY_DATA_DIR/blobs; a folder every process mounts to share files without the database).
 * DATABASE_URL (postgres://…: PostgreSQL instead of the embedded database in PARLEY_DATA_DIR) and
 * PARLEY_DB_POOL (its pool's size, 10). REDIS_URL (redis://…: several processes share socket.io's
 * emits through Redis) and PARLEY_PRESENCE_TTL (15s: how long a process's users count without its
 * heartbeat), PARLEY_REDIS_PREFIX (parley: the names of its streams and keys). The URLs' passwords are never printed.
 * PARLEY_TRANSPORTS (websocket,polling; `websocket` alone: no long-polling, so no sticky sessions needed).
 * PARLEY_WEBHOOKS_ALLOW_LOOPBACK (1: webhooks may call 127.0.0.1, ::1 and localhost; tests and local development only),
 * PARLEY_WEBHOOKS_MAX_ATTEMPTS (8: attempts per webhook delivery before it fails for good).
 * SMTP_URL (smtp://user:pass@host:port or smtps://…: outgoing mail; unset, each mail is an .eml file in
 * PARLEY_DATA_DIR/mail), PARLEY_MAIL_FROM (the sender's address, parley@localhost), PARLEY_PUBLIC_URL (the
 * server's URL as mail readers reach it, for links in mails; the URL it listens on by default). Its password is never printed.
 * SIGTERM/SIGINT drain (stop accepting, close the sockets' transports so that clients reconnect,
 * let requests under way finish, at most PARLEY_DRAIN_TIMEOUT, 10s), close everything and exit 0. Secrets are printed once, when they are made.
 */
import { resolve } from 'node:path';
import { isBlobStoreKind } from './blob-store.js';
import { DEFAULT_POOL_SIZE, describeDatabaseUrl, isDatabaseUrl } from './db.js';
import { limitsFromEnv } from './limits.js';
import { createLogger, parseLogLevel } from './log.js';
import { RedisStartError, describeRedisUrl, isRedisUrl } from './redis.js';
import { parseDuration, parseSize } from './units.js';
import { parseTransports } from './realtime.js';
import type { Transport } from './realtime.js';
import { startServer } from './server.js';
import { describeSmtpUrl, isSmtpUrl } from './mail-transport.js';

function port(value: string | undefined): number {
  const n = Number(value ?? 3000);
  return Number.isInteger(n) && n >= 0 && n < 65536 ? n : 3000;
}

const level = parseLogLevel(process.env['PARLEY_LOG']);
// Errors are printed without their other properties (a database error holds its parameters).
const log = createLogger(level);
process.on('unhandledRejection', (err) => log.error('unhandled rejection:', err));

/** A session TTL from the environment (undefined: the default); a bad value stops the start. */
function ttl(name: string): number | undefined {
  const value = process.env[name];
  if (value === undefined || value.trim() === '') return undefined;
  const ms = parseDuration(value);
  if (ms === undefined) {
    log.error(`could not start: ${name} must be a duration such as 3600, 90s, 30m, 12h or 30d`);
    process.exit(1);
  }
  return ms;
}
const sessions = { staffMs: ttl('PARLEY_STAFF_SESSION_TTL'), visitorMs: ttl('PARLEY_VISITOR_SESSION_TTL') };

/** Limits, quota and grace period from the environment; a bad value stops the start. */
function limitSettings() {
  const problems: string[] = [];
  const { limits, errors } = limitsFromEnv(process.env);
  problems.push(...errors);
  const quota = process.env['PARLEY_STORAGE_QUOTA']?.trim() || undefined;
  const quotaBytes = quota === undefined ? undefined : parseSize(quota);
  if (quota !== undefined && quotaBytes === undefined)
    problems.push(`PARLEY_STORAGE_QUOTA must be a size such as 500MB or 1GB (0: no quota), got "${quota}"`);
  const grace = process.env['PARLEY_UPLOAD_GRACE']?.trim() || undefined;
  const graceMs = grace === undefined ? undefined : /^(0|off)$/i.test(grace) ? 0 : parseDuration(grace);
  if (grace !== undefined && graceMs === undefined)
    problems.push(`PARLEY_UPLOAD_GRACE must be a duration such as 24h or 90m (0: never), got "${grace}"`);
  const store = process.env['PARLEY_UPLOAD_STORE']?.trim().toLowerCase() || undefined;
  if (store !== undefined && !isBlobStoreKind(store))
    problems.push(`PARLEY_UPLOAD_STORE must be "files" or "database", got "${store}"`);
  const dir = process.env['PARLEY_UPLOAD_DIR']?.trim() || undefined;
  for (const problem of problems) log.error(`could not start: ${problem}`);
  if (problems.length > 0) process.exit(1);
  return {
    limits,
    trustProxy: /^(1|true|yes)$/i.test(process.env['PARLEY_TRUST_PROXY']?.trim() ?? ''),
    storage: {
      quotaBytes,
      unreferencedGraceMs: graceMs,
      store: store !== undefined && isBlobStoreKind(store) ? store : undefined,
      dir: dir === undefined ? undefined : resolve(dir),
    },
  };
}
const { limits, trustProxy, storage } = limitSettings();

/** PostgreSQL when DATABASE_URL is set (undefined: the embedded database); a bad value stops the start. */
function databaseSettings(): { url: string; poolSize: number } | undefined {
  const url = process.env['DATABASE_URL']?.trim() || undefined;
  const pool = process.env['PARLEY_DB_POOL']?.trim() || undefined;
  const problems: string[] = [];
  // The value is not echoed: it holds a password.
  if (url !== undefined && !isDatabaseUrl(url))
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  const poolSize = pool === undefined ? DEFAULT_POOL_SIZE : Number(pool);
  if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 1000)
    problems.push(`PARLEY_DB_POOL must be a whole number from 1 to 1000, got "${pool}"`);
  for (const problem of problems) log.error(`could not start: ${problem}`);
  if (problems.length > 0) process.exit(1);
  return url === undefined ? undefined : { url, poolSize };
}
const database = databaseSettings();
/** Redis when REDIS_URL is set; a bad value stops the start (without echoing it: it may hold a password). */
function redisUrl(): string | undefined {
  const url = process.env['REDIS_URL']?.trim() || undefined;
  if (url !== undefined && !isRedisUrl(url)) {
    log.error('could not start: REDIS_URL must be a redis:// or rediss:// URL');
    process.exit(1);
  }
  return url;
}
const redis = redisUrl();
/** With Redis: how long a process's users count without its heartbeat (a killed process's agents go offline after it). */
const presenceTtlMs = ttl('PARLEY_PRESENCE_TTL');
/** SIGTERM: how long requests under way may take to finish before their connections are cut. */
const drainTimeoutMs = ttl('PARLEY_DRAIN_TIMEOUT');
const dataDir = resolve(process.env['PARLEY_DATA_DIR'] || './.data');
/** PARLEY_TRANSPORTS: `websocket` alone needs no sticky sessions behind a load balancer. */
function transports(): Transport[] | undefined {
  const value = process.env['PARLEY_TRANSPORTS']?.trim();
  if (!value) return undefined;
  const parsed = parseTransports(value);
  if (!parsed) {
    log.error('could not start: PARLEY_TRANSPORTS must be "websocket" or "websocket,polling"');
    process.exit(1);
  }
  return parsed;
}

/** PARLEY_WEBHOOKS_MAX_ATTEMPTS: a whole number from 1 to 100; a bad value stops the start. */
function maxAttempts(): number | undefined {
  const value = process.env['PARLEY_WEBHOOKS_MAX_ATTEMPTS']?.trim();
  if (!value) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100) {
    log.error('could not start: PARLEY_WEBHOOKS_MAX_ATTEMPTS must be a whole number from 1 to 100');
    process.exit(1);
  }
  return n;
}

/** SMTP_URL: smtp:// or smtps:// with a host; a bad value stops the start (without printing the value). */
function smtpUrl(): string | undefined {
  const value = process.env['SMTP_URL']?.trim();
  if (!value) return undefined;
  if (!isSmtpUrl(value)) {
    log.error('could not start: SMTP_URL must be smtp://user:pass@host:port or smtps://user:pass@host:port');
    process.exit(1);
  }
  return value;
}
const smtp = smtpUrl();
/** PARLEY_PUBLIC_URL: an http(s) URL; a bad value stops the start. */
function publicUrl(): string | undefined {
  const value = process.env['PARLEY_PUBLIC_URL']?.trim();
  if (!value) return undefined;
  if (!/^https?:\/\/[^\s/]+/i.test(value)) {
    log.error('could not start: PARLEY_PUBLIC_URL must be an http:// or https:// URL');
    process.exit(1);
  }
  return value.replace(/\/+$/, '');
}

let server: Awaited<ReturnType<typeof startServer>>;
try {
  server = await startServer({
    port: port(process.env['PORT']),
    host: process.env['HOST'] || '127.0.0.1',
    dataDir,
    database,
    redisUrl: redis,
    redisPrefix: process.env['PARLEY_REDIS_PREFIX']?.trim() || undefined,
    presenceTtlMs,
    drainTimeoutMs,
    transports: transports(),
    adminKey: process.env['PARLEY_ADMIN_KEY'] || undefined,
    adminPassword: process.env['PARLEY_ADMIN_PASSWORD'] || undefined,
    log: level,
    limits,
    trustProxy,
    storage,
    sessions,
    mail: { smtpUrl: smtp, from: process.env['PARLEY_MAIL_FROM']?.trim() || undefined, publicUrl: publicUrl() },
    webhooks: { allowLoopback: process.env['PARLEY_WEBHOOKS_ALLOW_LOOPBACK'] === '1', maxAttempts: maxAttempts() },
  });
} catch (err) {
  // Redis refusals are one line (their message has the URL without its password).
  if (err instanceof RedisStartError) log.error(`could not start: ${err.message}`);
  else log.error('could not start:', err);
  process.exit(1);
}

const { url, demo, adminKey, adminKeyCreated } = server;
const created = demo.created;
const sendBody = JSON.stringify({
  clientGroupId: demo.clientGroupId,
  message: 'Hello from the Platform API',
  fromUserName: demo.agentId,
});
const apiKey = created?.apiKey ?? '<your API key>';
// The owner's password is printed once, on the start that made it (unless the operator chose it).
const password = !created
  ? '(printed at the first start; lost it? npm run reset-password)'
  : process.env['PARLEY_ADMIN_PASSWORD']
    ? '(PARLEY_ADMIN_PASSWORD)'
    : `${created.agentPassword}   <- shown once: keep it`;
if (level !== 'error') {
  console.log(`
Parley reference server on ${url}

  Demo page        ${url}/
  Staff app        ${url}/dashboard/
  Database         ${database ? `PostgreSQL ${describeDatabaseUrl(database.url)} (pool of ${database.poolSize})` : `embedded, in ${dataDir}`}
  Mail             ${smtp ? `SMTP ${describeSmtpUrl(smtp)}` : `.eml files in ${resolve(dataDir, 'mail')} (SMTP_URL: send them)`}
  Processes        ${redis ? `several, through Redis ${describeRedisUrl(redis)}` : 'this one only (REDIS_URL: several)'}
  App id           ${demo.appId}
  Admin sign-in    ${demo.agentId} / ${password}
  API key          ${created ? `${created.apiKey}   <- shown once: keep it` : `${demo.apiKeyPrefix}… (rotate: POST /admin/v1/apps/${demo.appId}/api-key)`}
  Bot              ${demo.botId}
  Admin key        ${adminKeyCreated ? `${adminKey}   <- shown once: keep it` : '(printed at the first start, or PARLEY_ADMIN_KEY)'}

  Send a message with the Platform API (to the demo visitor "demo-visitor"):
  curl -X POST '${url}/rest/ws/message/v2/send' -H 'Content-Type: application/json' -H 'Api-Key: ${apiKey}' -d '${sendBody}'
`);
}

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (level === 'info') console.log(`[parley] ${signal}: shutting down`);
  try {
    await server.close();
    process.exit(0);
  } catch (err) {
    log.error('shutdown failed:', err);
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
