/**
 * Sends the outbox in order over the realtime client: one message at a time, oldest first. A
 * message leaves the outbox only when the server has acknowledged it; a time-out or a lost
 * connection stops the run (the next connect, or a backoff timer while connected, starts it
 * again); a rejection marks that message failed and the run goes on with the next.
 */
import { backoffDelay } from '../core/backoff.js';
import type { Clock, TimerHandle } from '../core/clock.js';
import { createLocalMessage, type LocalMessage } from '../core/messages.js';
import type { ApiErrorItem, Message } from '../core/protocol.js';
import type { RealtimeClient } from '../net/realtime.js';
import type { OutboxItem, ParleyStore } from '../store/store.js';

export interface OutboxHooks {
  /** The server stored the message. */
  sent(item: OutboxItem, stored: Message): void;
  /** The server rejected the message. */
  rejected(item: OutboxItem, error: ApiErrorItem): void;
}

export interface OutboxOptions {
  store: ParleyStore;
  clock: Clock;
  hooks: OutboxHooks;
  ackTimeoutMs: number;
  random?: () => number;
  /** Backoff of retries after a time-out while connected (ms). */
  retry?: { base: number; cap: number };
}

export class OutboxSender {
  readonly #o: OutboxOptions;
  #realtime: RealtimeClient | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #attempt = 0;
  #timer: TimerHandle | undefined;
  #stopped = false;

  constructor(options: OutboxOptions) {
    this.#o = options;
  }

  /** The client to send with (undefined: nothing is sent until there is one). */
  use(realtime: RealtimeClient | undefined): void {
    this.#realtime = realtime;
  }

  /** Starts a run (or asks the running one to look again when it is done). */
  flush(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#clearTimer();
    this.#running = this.#run().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Stops for good: no more sends, no timers. */
  stop(): void {
    this.#stopped = true;
    this.#clearTimer();
    this.#realtime = undefined;
  }

  async #run(): Promise<void> {
    do {
      this.#again = false;
      const items = await this.#o.store.listOutbox();
      for (const item of items) {
        if (item.failed) continue;
        const rt = this.#realtime;
        if (this.#stopped || !rt || rt.state !== 'connected') return;
        const outcome = await rt.send(item.message, { timeoutMs: this.#o.ackTimeoutMs });
        if (this.#stopped) return;
        if (outcome.ok) {
          this.#attempt = 0;
          await this.#o.store.removeOutbox(item.key);
          this.#o.hooks.sent(item, outcome.data);
        } else if (outcome.retryable) {
          // Order matters: nothing after this message goes before it does.
          if (outcome.reason === 'timeout' && this.#realtime?.state === 'connected') this.#schedule();
          return;
        } else {
          await this.#o.store.putOutbox({ ...item, failed: outcome.error.errorCode });
          this.#o.hooks.rejected(item, outcome.error);
        }
      }
    } while (this.#again && !this.#stopped);
  }

  #schedule(): void {
    this.#clearTimer();
    const delay = backoffDelay(this.#attempt++, {
      ...(this.#o.retry ?? { base: 1000, cap: 30000 }),
      random: this.#o.random,
    });
    this.#timer = this.#o.clock.setTimeout(() => {
      this.#timer = undefined;
      void this.flush();
    }, delay);
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) this.#o.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/** How an outbox item shows in the conversation: 'sending', or 'failed' with its code. */
export function pendingMessage(item: OutboxItem, fromUserName: string): LocalMessage {
  const local = createLocalMessage({
    key: item.key,
    groupId: item.groupId,
    text: item.message.message,
    fromUserName,
    now: item.createdAtTime,
    contentType: item.message.contentType,
    metadata: item.message.metadata,
    fileMeta: item.message.fileMeta,
  });
  return item.failed ? { ...local, deliveryState: 'failed', errorCode: item.failed } : local;
}
