/**
 * Where rate-limit counters live (`limits.ts` applies the limits over one): the `LimitStore`
 * interface and the store in this process's memory. `limit-store-redis.ts` is the store several
 * processes share (`REDIS_URL`).
 */

/** Counters per key in fixed windows. */
export interface LimitStore {
  /**
   * Counts one request for `key`: in its current window if that has not ended at `now`, else in a
   * new one of `windowMs` starting now. Answers the window's count (this request included) and end.
   */
  hit(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }>;
}

/**
 * Counters in this process's memory. Memory stays bounded: ended windows are dropped (at most once
 * a second, in one pass), and past `maxKeys` the oldest windows are forgotten (they start again
 * from zero: a flood of new keys can only make limits laxer, never refuse anybody).
 */
export class MemoryLimitStore implements LimitStore {
  readonly #windows = new Map<string, { count: number; resetAt: number }>();
  #nextPurge = 0;

  constructor(readonly maxKeys = 100_000) {}

  /** How many windows are held. */
  get size(): number {
    return this.#windows.size;
  }

  hit(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }> {
    if (now >= this.#nextPurge) this.#purge(now);
    let window = this.#windows.get(key);
    if (!window || window.resetAt <= now) {
      // Deleted first so that the map's order stays the order in which windows began.
      this.#windows.delete(key);
      window = { count: 0, resetAt: now + windowMs };
      this.#windows.set(key, window);
      for (const oldest of this.#windows.keys()) {
        if (this.#windows.size <= this.maxKeys) break;
        this.#windows.delete(oldest);
      }
    }
    window.count++;
    return Promise.resolve({ count: window.count, resetAt: window.resetAt });
  }

  #purge(now: number): void {
    this.#nextPurge = now + 1000;
    for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key);
  }
}
