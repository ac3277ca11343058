/**
 * The events about what did not happen: `message.unread` (a message its recipient has not read
 * after the endpoint's delay, 5 minutes by default) and `message.undelivered` (a message no client
 * of its recipient has received after the delay, 1 minute by default — an open widget or staff
 * app acknowledges a message as it arrives, so this is a recipient who was offline). The
 * recipient of a visitor's message is the staff side of the conversation (anyone of it counts),
 * of a staff or bot message the visitor. System notices are never reported.
 *
 * Every process sweeps every few seconds (`repo/webhook-watch.ts`); an endpoint is swept by one
 * process at a time and remembers how far it looked, so each message is judged once. What it
 * finds becomes an ordinary delivery, sent, retried and logged by the worker (`webhooks.ts`).
 */
import type { Db } from './db.js';
import type { Logger } from './log.js';
import { sweepWatch, WATCH_EVENTS } from './repo/webhook-watch.js';

/** How often each process sweeps (2 s). */
const DEFAULT_WATCH_MS = 2000;
/** Messages judged per endpoint and sweep. */
const BATCH = 500;
/** Delays an endpoint may set for these events, in seconds. */
export const WATCH_DELAY_BOUNDS = { min: 1, max: 7 * 24 * 60 * 60 } as const;

export class WebhookWatch {
  #timer: NodeJS.Timeout | undefined;
  #sweeping: Promise<void> | undefined;
  #closed = false;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly everyMs = DEFAULT_WATCH_MS,
  ) {}

  start(): void {
    if (this.#timer || this.#closed) return;
    this.#timer = setInterval(() => {
      if (this.#sweeping) return;
      this.#sweeping = this.#sweep()
        .catch((err: unknown) => this.log.error('webhook sweep failed', err))
        .finally(() => {
          this.#sweeping = undefined;
        });
    }, this.everyMs);
    this.#timer.unref();
  }

  async #sweep(): Promise<void> {
    for (const event of WATCH_EVENTS) {
      if (this.#closed) return;
      await sweepWatch(this.db, event, BATCH);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#sweeping;
  }
}
