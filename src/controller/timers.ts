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
