/**
 * Rate-limit counters in Redis, shared by every process of a deployment (`REDIS_URL`): one key per
 * counter, `<prefix>:limit:<limit name>:<subject>`, in fixed windows like the memory store's.
 *
 * One Lua script counts a hit atomically: `INCR`, a `PEXPIRE` of `windowMs` when the key is new,
 * and the `PTTL` left, so the window's end comes back with its count. Redis drops ended windows
 * itself.
 *
 * When Redis cannot answer (not connected, or no answer within `timeoutMs`), a limit check must
 * neither fail nor hold the request: the store counts in this process's memory instead (a
 * `MemoryLimitStore`) until Redis answers again. Limits stay on but per process for that time —
 * with N processes at most N times laxer — rather than refusing everybody (fail closed) or
 * counting nothing (fail open). One line is logged when an outage starts and one when it ends.
 * Counts made during the outage are not carried over: Redis's windows go on from where they were.
 */
import { MemoryLimitStore } from './limit-store.js';
import type { LimitStore } from './limit-store.js';

/** What the store needs of a Redis client (node-redis v5 has it): a script run, and readiness. */
export interface LimitScripts {
  /** Whether the connection is up (commands sent now are answered, not queued). */
  readonly isReady: boolean;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** Where log lines go. */
export interface LimitStoreLog {
  info(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** KEYS[1] the counter, ARGV[1] the window in ms → {count, ms left}. */
export const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1])
end
return {count, left}
`;

/** How long a hit waits for Redis before counting in memory instead. */
export const REDIS_LIMIT_TIMEOUT_MS = 500;

export class RedisLimitStore implements LimitStore {
  /** Counts while Redis cannot answer. */
  readonly fallback = new MemoryLimitStore();
  #down = false;

  constructor(
    private readonly redis: LimitScripts,
    private readonly prefix: string,
    private readonly log: LimitStoreLog,
    private readonly timeoutMs = REDIS_LIMIT_TIMEOUT_MS,
  ) {}

  /** Whether hits are counted in memory now (Redis did not answer the last one). */
  get degraded(): boolean {
    return this.#down;
  }

  async hit(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }> {
    if (!this.redis.isReady) return this.#inMemory(key, windowMs, now, 'not connected');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.timeoutMs);
    });
    try {
      const reply = await Promise.race([
        this.redis.eval(HIT_SCRIPT, { keys: [`${this.prefix}:limit:${key}`], arguments: [String(windowMs)] }),
        timeout,
      ]);
      if (reply === 'timeout') return this.#inMemory(key, windowMs, now, `no answer within ${this.timeoutMs} ms`);
      if (!Array.isArray(reply) || reply.length !== 2) return this.#inMemory(key, windowMs, now, 'unexpected reply');
      if (this.#down) {
        this.#down = false;
        this.log.info('rate limits: Redis answers again, counting there');
      }
      const [count, left] = reply.map(Number) as [number, number];
      return { count, resetAt: now + Math.max(0, left) };
    } catch (err) {
      return this.#inMemory(key, windowMs, now, err instanceof Error ? err.message : 'error');
    } finally {
      clearTimeout(timer);
    }
  }

  #inMemory(key: string, windowMs: number, now: number, why: string): Promise<{ count: number; resetAt: number }> {
    if (!this.#down) {
      this.#down = true;
      this.log.error(`rate limits: Redis unavailable (${why}), counting in this process's memory until it answers`);
    }
    return this.fallback.hit(key, windowMs, now);
  }
}
