/**
 * Keyed timers on an injected clock: setting a key again replaces its timer, and `clearAll()`
 * (on teardown or when the visitor is forgotten) leaves none behind.
 */
import type { Clock, TimerHandle } from '../core/clock.js';

export class Timers<K = string> {
  private readonly _clock: Clock;
  private readonly _handles = new Map<K, TimerHandle>();

  constructor(clock: Clock) {
    this._clock = clock;
  }

  /** Runs `fn` after `ms` (replacing any timer under `key`). */
  set(key: K, fn: () => void, ms: number): void {
    this.clear(key);
    const handle = this._clock.setTimeout(() => {
      this._handles.delete(key);
      fn();
    }, ms);
    this._handles.set(key, handle);
  }

  has(key: K): boolean {
    return this._handles.has(key);
  }

  clear(key: K): void {
    const handle = this._handles.get(key);
    if (handle === undefined) return;
    this._clock.clearTimeout(handle);
    this._handles.delete(key);
  }

  clearAll(): void {
    for (const handle of this._handles.values()) this._clock.clearTimeout(handle);
    this._handles.clear();
  }
}

/**
 * Work that follows a change onto the screen — cache writes, read receipts — run after the task
 * that made the change (lit draws it in a microtask of that task), so that it never delays the
 * drawing. Keyed: a job under a key asked again before it ran is replaced by the newer one.
 * `flush()` runs what is waiting at once (the engine going away).
 */
export class AfterDraw {
  private readonly _jobs = new Map<string, () => void>();
  private _handle: ReturnType<typeof setTimeout> | undefined;

  run(key: string, job: () => void): void {
    this._jobs.set(key, job);
    this._handle ??= setTimeout(() => this.flush(), 0);
  }

  flush(): void {
    if (this._handle !== undefined) clearTimeout(this._handle);
    this._handle = undefined;
    const jobs = [...this._jobs.values()];
    this._jobs.clear();
    for (const job of jobs) job();
  }
}
