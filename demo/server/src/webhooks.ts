/**
 * Webhooks: the events an app's endpoints can subscribe to, and the delivery worker.
 *
 * Deliveries are rows (`webhook_deliveries`) written by database triggers in the transaction of
 * the change itself (migration 18), so a change never commits without them and a restart loses
 * none. Every process runs a worker: it polls for due deliveries, claims a few at a time with
 * `FOR UPDATE SKIP LOCKED` (`repo/webhooks.ts`: each delivery is claimed by one process, in order
 * per endpoint and conversation), POSTs each (`webhook-send.ts`) and records the outcome. A failed
 * attempt is tried again after an exponential back-off with jitter; after `maxAttempts` the
 * delivery is failed for good. The worker runs off the request path: a slow or dead endpoint
 * holds up only its own deliveries. Each attempt is signed with the endpoint's secret and, during a
 * rotation's overlap, with its previous one too (`webhook-send.ts`).
 */
import type { Db } from './db.js';
import type { Logger } from './log.js';
import { claimDue, forgetOldSecrets, markDone, markFailed, pruneDeliveries, releaseClaim } from './repo/webhooks.js';
import type { DeliveryRow } from './repo/webhooks.js';
import { DEFAULT_WEBHOOK_TIMEOUT_MS, sendWebhook } from './webhook-send.js';

/** The events an endpoint may subscribe to (shared with the staff app). */
export { isWebhookEvent, WEBHOOK_EVENTS } from '../../../src/core/webhook-protocol.js';
export type { WebhookEvent } from '../../../src/core/webhook-protocol.js';

export interface WebhookOptions {
  /** Loopback targets (127/8, ::1, `localhost`) are allowed: tests and local development only. */
  allowLoopback?: boolean | undefined;
  /** How often the worker looks for due deliveries (500 ms). */
  pollMs?: number | undefined;
  /** Attempts per delivery before it is failed for good (8). */
  maxAttempts?: number | undefined;
  /** The first retry's delay; each further one doubles it, up to an hour (1 s). */
  retryBaseMs?: number | undefined;
  /** How long an attempt may take (5 s). */
  timeoutMs?: number | undefined;
  /** How often unread and undelivered messages are looked for (2 s; `webhook-watch.ts`). */
  watchMs?: number | undefined;
}

export const DEFAULT_MAX_ATTEMPTS = 8;
const DEFAULT_POLL_MS = 500;
const DEFAULT_RETRY_BASE_MS = 1000;
const MAX_RETRY_MS = 60 * 60 * 1000;
/** Finished deliveries are kept this long (the log), then forgotten; checked every `PRUNE_EVERY_MS`. */
const KEEP_FINISHED_MS = 7 * 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 10 * 60 * 1000;
/** Deliveries claimed per poll, attempted side by side. */
const BATCH = 10;

/**
 * The delay before the next attempt after `attempts` failed ones: `base · 2^(attempts-1)`, capped
 * at an hour, then between half and all of it at random (jitter: retries of many deliveries do
 * not all land together). Pure (`random` in [0, 1)).
 */
export function retryDelay(attempts: number, baseMs: number, random: number): number {
  const full = Math.min(MAX_RETRY_MS, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(full / 2 + (full / 2) * random);
}

/** The JSON body of a delivery: `{id, event, createdAt, appId, data}`. Pure. */
export function deliveryBody(d: Pick<DeliveryRow, 'id' | 'event' | 'created_at' | 'app_id' | 'payload'>): string {
  return JSON.stringify({
    id: String(d.id),
    event: d.event,
    createdAt: d.created_at.getTime(),
    appId: d.app_id,
    data: d.payload,
  });
}

export class WebhookWorker {
  #timer: NodeJS.Timeout | undefined;
  #polling: Promise<void> | undefined;
  #closed = false;
  #pruneAt = 0;
  readonly #inFlight = new Map<number, { abort: AbortController; done: Promise<void> }>();
  readonly #o: Required<Omit<WebhookOptions, 'watchMs'>>;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    options: WebhookOptions = {},
  ) {
    this.#o = {
      allowLoopback: options.allowLoopback ?? false,
      pollMs: options.pollMs ?? DEFAULT_POLL_MS,
      maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      retryBaseMs: options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS,
      timeoutMs: options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
    };
  }

  get allowLoopback(): boolean {
    return this.#o.allowLoopback;
  }

  start(): void {
    if (this.#timer || this.#closed) return;
    this.#timer = setInterval(() => {
      if (this.#polling || this.#inFlight.size >= BATCH) return;
      this.#polling = this.#poll()
        .catch((err: unknown) => this.log.error('webhook poll failed', err))
        .finally(() => {
          this.#polling = undefined;
        });
    }, this.#o.pollMs);
    this.#timer.unref();
  }

  async #poll(): Promise<void> {
    if (Date.now() >= this.#pruneAt) {
      this.#pruneAt = Date.now() + PRUNE_EVERY_MS;
      await pruneDeliveries(this.db, KEEP_FINISHED_MS);
      await forgetOldSecrets(this.db);
    }
    // Claimed for longer than an attempt can take, so nobody else takes it meanwhile.
    const lease = this.#o.timeoutMs * 2 + 10_000;
    const due = await claimDue(this.db, BATCH - this.#inFlight.size, lease);
    for (const d of due) {
      if (this.#closed) {
        await releaseClaim(this.db, d.id);
        continue;
      }
      const abort = new AbortController();
      const done = this.#attempt(d, abort.signal).finally(() => this.#inFlight.delete(d.id));
      this.#inFlight.set(d.id, { abort, done });
    }
  }

  async #attempt(d: DeliveryRow, signal: AbortSignal): Promise<void> {
    try {
      await sendWebhook({
        url: d.url,
        // A rotation's previous secret signs too while its overlap lasts (the claim answers it only then).
        secrets: d.previous_secret === null ? [d.secret] : [d.secret, d.previous_secret],
        deliveryId: String(d.id),
        body: deliveryBody(d),
        allowLoopback: this.#o.allowLoopback,
        timeoutMs: this.#o.timeoutMs,
        signal,
      });
      await markDone(this.db, d.id);
    } catch (err) {
      if (signal.aborted) {
        await releaseClaim(this.db, d.id).catch(() => {});
        return;
      }
      const why = err instanceof Error ? err.message : String(err);
      const retry =
        d.attempts >= this.#o.maxAttempts ? undefined : retryDelay(d.attempts, this.#o.retryBaseMs, Math.random());
      this.log.info(`webhook delivery ${d.id} (${d.event}) to ${new URL(d.url).host} failed: ${why}`);
      await markFailed(this.db, d.id, why, retry).catch((e: unknown) => this.log.error('webhook update failed', e));
    }
  }

  /** Stops polling; attempts under way are cut and left due for the next start (or another process). */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#polling;
    const running = [...this.#inFlight.values()];
    for (const r of running) r.abort.abort();
    await Promise.all(running.map((r) => r.done.catch(() => {})));
  }
}
