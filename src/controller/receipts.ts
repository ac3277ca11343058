/**
 * The receipts slice: how far the visitor has read each conversation (here or in another tab),
 * the read markers sent to the server (one per batch, never one that goes backwards), the
 * delivered markers (the highest message from others this tab got, once per batch, sent again
 * with the next batch — a catch-up after a reconnect — until the server confirmed it; none where a
 * read marker went as far), and the
 * timers that drop a typing indicator whose "stopped typing" never came. Knows nothing of the
 * controller above it; the unread counts themselves are state (see `state.ts`).
 */
import type { Clock } from '../core/clock.js';
import type { RestClient } from '../net/rest.js';
import type { ChatSync } from './sync.js';
import { Timers } from './timers.js';

/** Drops a stale typing indicator when its "stopped typing" never arrives. */
export const TYPING_EXPIRY_MS = 15000;

export interface ReceiptsSliceOptions {
  rest: RestClient;
  /** The socket's way (`ChatSync.mark`): false when it is not connected or did not confirm. */
  sync: Pick<ChatSync, 'mark'>;
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
  private _run: (() => void) | undefined;
  /** The highest message from others this tab got, and the delivered marker sent (until refused), by conversation. */
  private readonly _got = new Map<string, number>();
  private readonly _delivered = new Map<string, number>();

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
    if (await this._o.sync.mark('read', groupId, last)) return;
    await this._o.rest.markRead(token, groupId, last, this._o.signal);
  }

  /**
   * Runs `run` once for a batch of calls in the same task (a catch-up merges many messages), in
   * the next task: after the messages it marks read have been drawn; the delivered markers go then too.
   */
  batch(run?: () => void): void {
    this._run ??= run;
    if (this._queued) return;
    this._queued = true;
    setTimeout(() => {
      const queued = this._run;
      this._queued = false;
      this._run = undefined;
      if (this._o.signal.aborted) return;
      queued?.();
      this.sendDelivered();
    }, 0);
  }

  /** A message from somebody else reached this tab: the server learns it in the batch's task (after any read marker). */
  delivered(groupId: string, id: number): void {
    if (id > (this._got.get(groupId) ?? 0)) this._got.set(groupId, id);
    this.batch();
  }

  /** Sends the delivered markers not sent yet (or refused: with the next batch); a read marker as far covers one. */
  private sendDelivered(): void {
    for (const [groupId, id] of this._got) {
      if (id <= Math.max(this._delivered.get(groupId) ?? 0, this._sent.get(groupId) ?? 0)) continue;
      this._delivered.set(groupId, id);
      void this._o.sync.mark('delivered', groupId, id).then((ok) => ok || this._delivered.delete(groupId));
    }
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
    this._got.clear();
    this._delivered.clear();
    this._typing.clearAll();
  }
}
