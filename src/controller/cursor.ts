/**
 * The catch-up cursor: the id after which a reconnect asks the server for what it missed. Ids are
 * one sequence per app and commit in order, so a fetched page vouches for every id up to its
 * last. A pushed message does not, at once: with several server processes, message 10 (pushed by
 * one process) can reach the widget a moment after message 11 (pushed by another through Redis).
 * A pushed id vouches for every older one only once the connection has stayed up for
 * `LIVE_SETTLE_MS` after it arrived — long past any reordering between processes; ids pushed
 * within that window before a connection drops are fetched again (merging is by id, so a repeat
 * costs bytes, never a duplicate).
 */
import type { Clock, TimerHandle } from '../core/clock.js';

/** How long after it arrives a pushed message vouches for every older one. */
export const LIVE_SETTLE_MS = 3000;

export class CatchUpCursor {
  private _value = 0;
  /** Pushed ids that do not vouch yet, in order of arrival. */
  private _pending: Array<{ id: number; at: number }> = [];
  private _timer: TimerHandle | undefined;
  private _connected = false;

  constructor(
    private readonly _clock: Clock,
    /** Called with each new value (stored for the next page load). */
    private readonly _save: (id: number) => void,
  ) {}

  get value(): number {
    return this._value;
  }

  /** Starts from a stored value (never moves it back; not saved again). */
  restore(id: number): void {
    if (id > this._value) this._value = id;
  }

  /** A message fetched from the server: every id up to it is held. */
  fetched(id: number): void {
    this._move(id);
  }

  /** A message pushed (or acknowledged): it vouches once settled (see the module doc). */
  pushed(id: number): void {
    if (id <= this._value) return;
    this._pending.push({ id, at: this._clock.now() });
    this._schedule();
  }

  /**
   * The connection is up and caught up (`true`): pushed ids start settling. Down (`false`): ids
   * that had settled by now vouch, the rest are forgotten (the next catch-up fetches them).
   */
  connected(up: boolean): void {
    if (up === this._connected) return;
    this._connected = up;
    if (up) return this._schedule();
    this._settle();
    this._pending = [];
    this._cancel();
  }

  /** Forgets everything (logout). */
  reset(): void {
    this._cancel();
    this._pending = [];
    this._value = 0;
    this._connected = false;
  }

  private _move(id: number): void {
    if (id <= this._value) return;
    this._value = id;
    this._save(id);
  }

  /** Moves to the newest pushed id that has settled. */
  private _settle(): void {
    const settledBy = this._clock.now() - LIVE_SETTLE_MS;
    let newest = 0;
    while (this._pending.length > 0 && this._pending[0]!.at <= settledBy)
      newest = Math.max(newest, this._pending.shift()!.id);
    if (newest > 0) this._move(newest);
  }

  private _schedule(): void {
    if (!this._connected || this._timer !== undefined || this._pending.length === 0) return;
    const wait = Math.max(0, this._pending[0]!.at + LIVE_SETTLE_MS - this._clock.now());
    this._timer = this._clock.setTimeout(() => {
      this._timer = undefined;
      if (!this._connected) return;
      this._settle();
      this._schedule();
    }, wait);
  }

  private _cancel(): void {
    if (this._timer !== undefined) this._clock.clearTimeout(this._timer);
    this._timer = undefined;
  }
}
