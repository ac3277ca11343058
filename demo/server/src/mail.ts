/**
 * The mail outbox's worker. A mail is a row of `mail_outbox` (`repo/mail.ts`) before anything is
 * attempted, written by whatever decided to send it (a transcript, a fallback) with a dedupe key
 * that makes the same mail queued twice one row. Every process runs a worker, like the webhook
 * worker (`webhooks.ts`): it polls for due rows, claims a few with `FOR UPDATE SKIP LOCKED` (each
 * row by one process, under a lease), hands each to the transport (`mail-transport.ts`) and marks
 * it sent as soon as the SMTP server accepted it. A failure is tried again after an exponential
 * back-off with jitter (a 5xx answer, or `maxAttempts` attempts, fails it for good).
 *
 * Delivery is **at least once, with a narrow window**: a row is marked sent right after the SMTP
 * server's acceptance, so the only way one mail goes out twice is a process dying (or losing its
 * database) between that acceptance and the update — its lease then runs out and the row is sent
 * again, with the same `Message-ID`, which mail clients use to fold the copies into one. A shutdown
 * does not cut an attempt under way (that would widen the window): `close()` waits for it.
 * At-most-once (mark first, never retry an attempt whose outcome is unknown) would lose mails on
 * every crash mid-attempt, and a lost transcript is worse than a rare duplicate.
 */
import type { Db } from './db.js';
import type { Logger } from './log.js';
import { isPermanentMailError } from './mail-transport.js';
import type { MailTransport } from './mail-transport.js';
import { claimDueMail, markMailFailed, markMailSent, pruneMail, releaseMailClaim } from './repo/mail.js';
import type { MailRow } from './repo/mail.js';
import { retryDelay } from './webhooks.js';

export interface MailOptions {
  /** `smtp://user:pass@host:port` or `smtps://…`; undefined writes `.eml` files (`<dataDir>/mail/`). */
  smtpUrl?: string | undefined;
  /** The server's public URL, for links in mails (attachments); the URL it listens on when unset. */
  publicUrl?: string | undefined;
  /** The sender's address (`parley@localhost`); the display name is the app's. */
  from?: string | undefined;
  /** How often the worker looks for due mails (500 ms). */
  pollMs?: number | undefined;
  /** Attempts per mail before it fails for good (8). */
  maxAttempts?: number | undefined;
  /** The first retry's delay; each further one doubles it, up to an hour (1 s). */
  retryBaseMs?: number | undefined;
  /** How long an SMTP step may take (10 s). */
  timeoutMs?: number | undefined;
}

export const DEFAULT_MAIL_MAX_ATTEMPTS = 8;
const DEFAULT_POLL_MS = 500;
const DEFAULT_RETRY_BASE_MS = 1000;
const DEFAULT_TIMEOUT_MS = 10_000;
/** Finished mails are kept this long (the staff app's list), then forgotten. */
const KEEP_FINISHED_MS = 30 * 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 10 * 60 * 1000;
/** Mails claimed per poll, attempted side by side. */
const BATCH = 5;

export class MailWorker {
  #timer: NodeJS.Timeout | undefined;
  #polling: Promise<void> | undefined;
  #closed = false;
  #pruneAt = 0;
  readonly #inFlight = new Map<number, Promise<void>>();
  readonly #maxAttempts: number;
  readonly #retryBaseMs: number;
  readonly #pollMs: number;
  readonly #leaseMs: number;

  constructor(
    private readonly db: Db,
    private readonly transport: MailTransport,
    private readonly log: Logger,
    options: MailOptions = {},
  ) {
    this.#maxAttempts = options.maxAttempts ?? DEFAULT_MAIL_MAX_ATTEMPTS;
    this.#retryBaseMs = options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
    this.#pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    // Longer than an attempt can take (connect, greeting, each step), so nobody else takes it meanwhile.
    this.#leaseMs = (options.timeoutMs ?? DEFAULT_TIMEOUT_MS) * 6 + 10_000;
  }

  start(): void {
    if (this.#timer || this.#closed) return;
    this.#timer = setInterval(() => {
      if (this.#polling || this.#inFlight.size >= BATCH) return;
      this.#polling = this.#poll()
        .catch((err: unknown) => this.log.error('mail poll failed', err))
        .finally(() => {
          this.#polling = undefined;
        });
    }, this.#pollMs);
    this.#timer.unref();
  }

  async #poll(): Promise<void> {
    if (Date.now() >= this.#pruneAt) {
      this.#pruneAt = Date.now() + PRUNE_EVERY_MS;
      await pruneMail(this.db, KEEP_FINISHED_MS);
    }
    const due = await claimDueMail(this.db, BATCH - this.#inFlight.size, this.#leaseMs);
    for (const m of due) {
      if (this.#closed) {
        await releaseMailClaim(this.db, m.id);
        continue;
      }
      this.#inFlight.set(
        m.id,
        this.#attempt(m).finally(() => this.#inFlight.delete(m.id)),
      );
    }
  }

  async #attempt(m: MailRow): Promise<void> {
    try {
      await this.transport.send({
        id: m.id,
        to: m.recipient,
        subject: m.subject,
        text: m.text_body,
        html: m.html_body ?? undefined,
        fromName: m.sender_name,
      });
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      const retry =
        isPermanentMailError(err) || m.attempts >= this.#maxAttempts
          ? undefined
          : retryDelay(m.attempts, this.#retryBaseMs, Math.random());
      // The recipient is personal data: the log names the row, not the address.
      this.log.info(`mail ${m.id} (${m.kind}) failed${retry === undefined ? ' for good' : ''}: ${why}`);
      await markMailFailed(this.db, m.id, why, retry).catch((e: unknown) => this.log.error('mail update failed', e));
      return;
    }
    await markMailSent(this.db, m.id).catch((e: unknown) => this.log.error('mail update failed', e));
  }

  /** Stops polling and waits for attempts under way (they are not cut: see the top of this file). */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#polling;
    await Promise.all([...this.#inFlight.values()].map((p) => p.catch(() => {})));
    this.transport.close();
  }
}
