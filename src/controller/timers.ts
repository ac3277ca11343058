/**
 * Keyed timers on an injected clock: setting a key again replaces its timer, and `clearAll()`
 * (on teardown or when the visitor is forgotten) leaves none behind.
 */
import type { Clock, TimerHandle } from '../core/clock.js';

export class Timers<K = string> {
  readonly #clock: Clock;
  readonly #handles = new Map<K, TimerHandle>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Runs `fn` after `ms` (replacing any timer under `key`). */
  set(key: K, fn: () => void, ms: number): void {
    this.clear(key);
    const handle = this.#clock.setTimeout(() => {
      this.#handles.delete(key);
      fn();
    }, ms);
    this.#handles.set(key, handle);
  }

  has(key: K): boolean {
    return this.#handles.has(key);
  }

  clear(key: K): void {
    const handle = this.#handles.get(key);
    if (handle === undefined) return;
    this.#clock.clearTimeout(handle);
    this.#handles.delete(key);
  }

  clearAll(): void {
    for (const handle of this.#handles.values()) this.#clock.clearTimeout(handle);
    this.#handles.clear();
  }
}
