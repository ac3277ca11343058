/**
 * The receipts slice: how far the visitor has read each conversation (here or in another tab),
 * the read markers sent to the server (one per batch, never one that goes backwards), and the
 * timers that drop a typing indicator whose "stopped typing" never came. Knows nothing of the
 * controller above it; the unread counts themselves are state (see `state.ts`).
 */
import type { Clock } from '../core/clock.js';
import type { RestClient } from '../net/rest.js';
import { Timers } from './timers.js';

/** Drops a stale typing indicator when its "stopped typing" never arrives. */
export const TYPING_EXPIRY_MS = 15000;

export interface ReceiptsSliceOptions {
  rest: RestClient;
  /** The socket's way (`ChatSync.read`): false when it is not connected or did not confirm. */
  sync: { read(groupId: string, id: number): Promise<boolean> };
  clock: Clock;
  signal: AbortSignal;
}

export class ReceiptsSlice {
  private readonly _o: ReceiptsSliceOptions;
  private readonly _typing: Timers;
  /** The last read marker sent, by conversation. */
  private readonly _sent = new Map<string, number>();
  /** How far the visitor has read each conversation, as far as this tab knows. */
  private readonly _readUpTo = new Map<string, number>();
  private _queued = false;

  constructor(options: ReceiptsSliceOptions) {
    this._o = options;
    this._typing = new Timers(options.clock);
  }

  readUpTo(groupId: string): number | undefined {
    return this._readUpTo.get(groupId);
  }

  /** Remembers that the visitor has read `groupId` up to `id` (here or in another tab). */
  noteRead(groupId: string, id: number): void {
    if (id > (this._readUpTo.get(groupId) ?? 0)) this._readUpTo.set(groupId, id);
  }

  /**
   * The visitor has seen `groupId` up to `last`: tells the server, unless a marker that far went —
   * over the open socket (nothing to set up, on either side), else by HTTP.
   */
  async markRead(token: string, groupId: string, last: number): Promise<void> {
    this.noteRead(groupId, last);
    if ((this._sent.get(groupId) ?? 0) >= last) return;
    this._sent.set(groupId, last);
    if (await this._o.sync.read(groupId, last)) return;
    await this._o.rest.markRead(token, groupId, last, this._o.signal);
  }

  /**
   * Runs `run` once for a batch of calls in the same task (a catch-up merges many messages), in
   * the next task: after the messages it marks read have been drawn.
   */
  batch(run: () => void): void {
    if (this._queued) return;
    this._queued = true;
    setTimeout(() => {
      this._queued = false;
      if (!this._o.signal.aborted) run();
    }, 0);
  }

  /** `userId` is typing: `expire` runs unless they stop or type again within TYPING_EXPIRY_MS. */
  typing(userId: string, expire: () => void): void {
    this._typing.set(userId, expire, TYPING_EXPIRY_MS);
  }

  typingStopped(userId: string): void {
    this._typing.clear(userId);
  }

  /** A new conversation is shown: no one is typing in it yet. */
  clearTyping(): void {
    this._typing.clearAll();
  }

  /** The visitor is forgotten (or the controller destroyed). */
  reset(): void {
    this._sent.clear();
    this._readUpTo.clear();
    this._typing.clearAll();
  }
}
