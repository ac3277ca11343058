/**
 * Sends the outbox in order over the realtime client: one message at a time, oldest first. A
 * message leaves the outbox only when the server has acknowledged it; a time-out or a lost
 * connection stops the run (the next connect, or a backoff timer while connected, starts it
 * again); a rejection marks that message failed and the run goes on with the next. A message
 * with a file waiting (`item.file`) has it uploaded first, in its turn (`pending-files.ts`): an
 * upload that gets no answer stops the run like a time-out; a refused file fails its message.
 */
import { backoffDelay } from '../core/backoff.js';
import type { Clock, TimerHandle } from '../core/clock.js';
import { createLocalMessage, type LocalMessage } from '../core/messages.js';
import { CONTENT_TYPES } from '../core/protocol.js';
import type { ApiErrorItem, Message } from '../core/protocol.js';
import type { RealtimeClient } from '../net/realtime.js';
import type { OutboxItem, ParleyStore } from '../store/store.js';
import { Emitter } from './emitter.js';
import { localFileMeta } from '../core/local-files.js';
import type { UploadOutcome } from './pending-files.js';

/** What the sender reports to the sync above it. */
export type OutboxEvents = {
  /** The server stored the message. */
  sent: [item: OutboxItem, stored: Message];
  /** The server rejected the message. */
  rejected: [item: OutboxItem, error: ApiErrorItem];
};

export interface OutboxOptions {
  store: ParleyStore;
  clock: Clock;
  ackTimeoutMs: number;
  random?: () => number;
  /** Backoff of retries after a time-out while connected (ms). */
  retry?: { base: number; cap: number };
  /** Uploads the file of an item (`PendingFiles.upload`); without it such items wait. */
  upload?: ((item: OutboxItem) => Promise<UploadOutcome>) | undefined;
}

export class OutboxSender extends Emitter<OutboxEvents> {
  private readonly _o: OutboxOptions;
  private _realtime: RealtimeClient | undefined;
  private _running: Promise<void> | undefined;
  private _again = false;
  private _attempt = 0;
  private _timer: TimerHandle | undefined;
  private _stopped = false;
  /** Told when the run reaches an upload, or ends (`flushUntilUpload`). */
  private _atUpload: Array<() => void> = [];

  constructor(options: OutboxOptions) {
    super();
    this._o = options;
  }

  /** The client to send with (undefined: nothing is sent until there is one). */
  use(realtime: RealtimeClient | undefined): void {
    this._realtime = realtime;
  }

  /** Starts a run (or asks the running one to look again when it is done). */
  flush(): Promise<void> {
    if (this._stopped) return Promise.resolve();
    if (this._running) {
      this._again = true;
      return this._running;
    }
    this._clearTimer();
    this._running = this._run().finally(() => {
      this._running = undefined;
    });
    return this._running;
  }

  /**
   * Like `flush`, but resolves as soon as the run waits for a file's upload: a catch-up after a
   * reconnect need not wait for megabytes to go up.
   */
  flushUntilUpload(): Promise<void> {
    return new Promise((resolve) => {
      this._atUpload.push(resolve);
      void this.flush().finally(resolve);
    });
  }

  /** Stops for good: no more sends, no timers. */
  stop(): void {
    this._stopped = true;
    this._clearTimer();
    this._realtime = undefined;
  }

  private async _run(): Promise<void> {
    do {
      this._again = false;
      const items = await this._o.store.listOutbox();
      for (let item of items) {
        if (item.failed) continue;
        const rt = this._realtime;
        if (this._stopped || !rt || rt.state !== 'connected') return;
        if (item.file) {
          for (const resolve of this._atUpload.splice(0)) resolve();
          const up = await (this._o.upload?.(item) ?? { ok: false as const, retryable: true as const });
          if (this._stopped) return;
          if (up.ok) item = up.item;
          else if ('gone' in up) continue;
          else if ('retryable' in up) {
            if (this._realtime?.state === 'connected') this._schedule();
            return;
          } else {
            await this._o.store.putOutbox({ ...item, failed: up.code });
            this.emit('rejected', item, {
              errorCode: up.code,
              description: 'the file was refused',
              displayMessage: '',
            });
            continue;
          }
        }
        const outcome = await rt.send(item.message, { timeoutMs: this._o.ackTimeoutMs });
        if (this._stopped) return;
        if (outcome.ok) {
          this._attempt = 0;
          await this._o.store.removeOutbox(item.key);
          this.emit('sent', item, outcome.data);
        } else if (outcome.retryable) {
          // Order matters: nothing after this message goes before it does.
          if (outcome.reason === 'timeout' && this._realtime?.state === 'connected') this._schedule();
          return;
        } else {
          await this._o.store.putOutbox({ ...item, failed: outcome.error.errorCode });
          this.emit('rejected', item, outcome.error);
        }
      }
    } while (this._again && !this._stopped);
  }

  private _schedule(): void {
    this._clearTimer();
    const delay = backoffDelay(this._attempt++, {
      ...(this._o.retry ?? { base: 1000, cap: 30000 }),
      random: this._o.random,
    });
    this._timer = this._o.clock.setTimeout(() => {
      this._timer = undefined;
      void this.flush();
    }, delay);
  }

  private _clearTimer(): void {
    if (this._timer !== undefined) this._o.clock.clearTimeout(this._timer);
    this._timer = undefined;
  }
}

/** How an outbox item shows in the conversation: 'sending', or 'failed' with its code. */
export function pendingMessage(item: OutboxItem, fromUserName: string): LocalMessage {
  const { file } = item;
  const local = createLocalMessage({
    key: item.key,
    groupId: item.groupId,
    text: item.message.message,
    fromUserName,
    now: item.createdAtTime,
    contentType: file ? CONTENT_TYPES.attachment : item.message.contentType,
    metadata: item.message.metadata,
    fileMeta: file ? localFileMeta(item.key, file) : item.message.fileMeta,
  });
  if (file?.inTab) local.fileInTab = true;
  return item.failed ? { ...local, deliveryState: 'failed', errorCode: item.failed } : local;
}
