/**
 * Redis for several processes (`REDIS_URL`): one node-redis client, socket.io's Redis Streams
 * adapter on it (README "Decisions"), the rate limits' counters (`limit-store-redis.ts`), and a
 * ping for `GET /readyz`. The URL's password is never printed: `describeRedisUrl` is the form for
 * log lines.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { LimitStore } from './limit-store.js';
import { RedisLimitStore } from './limit-store-redis.js';
import type { Logger } from './log.js';
import { hasScheme, redactUrl } from './secret-url.js';

export function isRedisUrl(value: string): boolean {
  return hasScheme(value, /^rediss?:$/);
}

/** A Redis URL fit for a log line: user name kept, password replaced. */
export function describeRedisUrl(value: string): string {
  return redactUrl(value, 'Redis');
}

/** Redis could not be used at start: the message names the URL without its password. */
export class RedisStartError extends Error {
  override name = 'RedisStartError';
}

/** How long the first connection may take before the start is given up. */
const CONNECT_TIMEOUT_MS = 5000;

export interface RedisLink {
  /** socket.io's adapter factory (`io.adapter(...)`). */
  adapter: ReturnType<typeof createAdapter>;
  /** Rate-limit counters shared by every process (under `<prefix>:limit:`). */
  limitStore: LimitStore;
  /** Resolves when Redis answers a PING in time; rejects otherwise. */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Connects to Redis; rejects (without the URL) when it cannot be reached or refuses the
 * credentials. Once connected, a dropped connection is retried with a capped backoff: the
 * Streams adapter resumes from its last stream offset, so no packet is lost over a short drop.
 */
export async function connectRedis(url: string, log: Logger, prefix = 'parley'): Promise<RedisLink> {
  let connected = false;
  const client = createClient({
    url,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      reconnectStrategy: (retries: number) =>
        connected ? Math.min(100 * 2 ** retries, 3000) : new Error('Redis could not be reached'),
    },
  });
  let lastError = '';
  let refused = false;
  client.on('error', (err: unknown) => {
    if (err instanceof Error && /WRONGPASS|NOAUTH|NOPERM/.test(err.message)) refused = true;
    // Printed once per distinct error while retrying, not once per attempt.
    const text = err instanceof Error ? err.message : 'unknown error';
    if (connected && text !== lastError) log.error('redis connection failed:', err);
    lastError = text;
  });
  client.on('ready', () => (lastError = ''));
  try {
    await client.connect();
    connected = true;
  } catch {
    if (client.isOpen) client.destroy();
    const reason = refused ? 'refused the credentials' : 'could not be reached';
    throw new RedisStartError(`Redis at ${describeRedisUrl(url)} ${reason}`);
  }
  return {
    // Names of our own: deployments (or test runs) sharing one Redis with other prefixes never meet.
    adapter: createAdapter(client, {
      streamName: `${prefix}:socket.io`,
      channelPrefix: `${prefix}:socket.io`,
      sessionKeyPrefix: `${prefix}:sio:session:`,
    }),
    limitStore: new RedisLimitStore(client, prefix, log),
    async ping(timeoutMs = 2000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('Redis did not answer')), timeoutMs);
      });
      try {
        await Promise.race([client.ping(), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      connected = false;
      if (client.isOpen) await client.quit().catch(() => client.destroy());
    },
  };
}
