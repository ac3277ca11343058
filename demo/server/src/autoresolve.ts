/**
 * The rules' timers, as one sweeper that runs every `intervalMs` (default 500 ms): for each app
 * with reassignment or auto-resolve switched on it
 *
 * - resolves open conversations with no activity (message, assignment, status change) for
 *   `autoResolve.afterMs`, when the assignee's kind matches the mode (bot / human / all);
 * - reassigns open conversations waiting for a reply (the newest message is the visitor's)
 *   whose human assignee has not been available (no console open, or set to Away) for
 *   `reassignAfterMs` (of the conversation's team, else the app's), to the next available agent;
 * - gives waiting conversations to agents who have room now (`queue.ts`; this catches agents who
 *   just came online, on any process).
 *
 * With several processes on one database only the lease holder sweeps (see `Sweeper`). Delays
 * are in milliseconds so tests set a few hundred and wait for the effect by condition.
 */
import { randomUUID } from 'node:crypto';
import { CONVERSATION_STATUS } from '../../../src/core/protocol.js';
import type { ConversationActions } from './conversation-actions.js';
import type { Db } from './db.js';
import type { Logger } from './log.js';
import type { Presence } from './presence.js';
import { findApp } from './repo/apps.js';
import { findConversation } from './repo/conversations.js';
import { appsToSweep } from './repo/queue.js';
import { holdLease, openConversationsForSweep, releaseLease } from './repo/routing.js';
import type { TimedCandidate } from './repo/routing.js';
import type { Routing } from './routing.js';
import { autoResolveApplies, isHumanStaff, readRules, rulesFor } from './rules.js';
import type { Rules } from './rules.js';

export const DEFAULT_SWEEP_INTERVAL_MS = 500;

/** Whether the sweeper resolves this conversation now. Pure. */
export function dueForAutoResolve(
  rules: Rules,
  c: Pick<TimedCandidate, 'assignee_role' | 'updated_at'>,
  now: number,
): boolean {
  const { mode, afterMs } = rules.autoResolve;
  return afterMs > 0 && autoResolveApplies(mode, c.assignee_role) && now - c.updated_at.getTime() >= afterMs;
}

/** Whether the sweeper reassigns this conversation now (its assignee is not `available`). Pure. */
export function dueForReassignment(rules: Rules, c: TimedCandidate, available: boolean, now: number): boolean {
  const after = rules.conversationRules.reassignAfterMs;
  if (after <= 0 || available || c.assignee === null || c.assignee_role === null || !isHumanStaff(c.assignee_role))
    return false;
  if (c.last_sender_role !== 'user') return false;
  return c.assignee_seen === null || now - c.assignee_seen.getTime() >= after;
}

/** The sweeper's lease: the process holding it runs the passes (see `Sweeper`). */
export const SWEEP_LEASE = 'rules-sweep';
/** The shortest lease (ms): a killed holder's passes stop for at most about this long. */
export const MIN_SWEEP_LEASE_MS = 3000;

/** How long a lease lasts for a sweeper ticking every `intervalMs`: several ticks, at least 3 s. Pure. */
export function sweepLeaseMs(intervalMs: number): number {
  return Math.max(MIN_SWEEP_LEASE_MS, 6 * intervalMs);
}

/**
 * Runs the passes on a timer, in one process at a time: of several processes on one database,
 * the one holding the lease `rules-sweep` (a row in `leases`: holder, expiry) sweeps, and renews
 * it as it goes; the others try at every tick and take over once it has expired, so a killed
 * holder stops the sweeping for at most `sweepLeaseMs` (3 s), and a closing one gives it up.
 *
 * A lease rather than an advisory lock: a session-level lock (`pg_try_advisory_lock`) belongs to
 * one connection, and a pool hands connections out at random, so the unlock can land on another
 * one and the lock stay held; a transaction-level lock (`pg_try_advisory_xact_lock`) lasts only as
 * long as a transaction held open for the whole pass, which on PGlite (one connection, a
 * transaction queues everything else) would block the pass's own changes, and on PostgreSQL would
 * keep a pooled client busy. The lease is one plain statement at a time, the same on both, and it
 * keeps one process sweeping from pass to pass rather than whichever comes first.
 */
export class Sweeper {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #closed = false;
  readonly #jobs: Array<{ everyMs: number; due: number; run: () => Promise<void> }> = [];
  /** This process's name on the lease. */
  readonly #holder = randomUUID();
  /** When to renew the lease while a pass goes on (local clock; a third of the lease after taking it). */
  #renewAt = 0;

  constructor(
    private readonly db: Db,
    private readonly presence: Presence,
    private readonly actions: ConversationActions,
    private readonly routing: Routing,
    private readonly log: Logger,
    private readonly intervalMs = DEFAULT_SWEEP_INTERVAL_MS,
  ) {}

  /** Another periodic job on this timer, run after a pass at most every `everyMs` (the sessions' expiry). */
  alsoEvery(everyMs: number, run: () => Promise<void>): this {
    this.#jobs.push({ everyMs, due: 0, run });
    return this;
  }

  /** Takes or renews the lease; false when another process holds it (or the database failed). */
  async #hold(): Promise<boolean> {
    const ms = sweepLeaseMs(this.intervalMs);
    const asked = Date.now();
    try {
      const held = await holdLease(this.db, SWEEP_LEASE, this.#holder, ms);
      this.#renewAt = held ? asked + ms / 3 : 0;
      return held;
    } catch (err) {
      this.log.error('rules sweep failed', err);
      this.#renewAt = 0;
      return false;
    }
  }

  /** Between steps of a pass: still the holder (renewed when due) and not closed. */
  async #stillHolding(): Promise<boolean> {
    if (this.#closed) return false;
    return Date.now() < this.#renewAt || this.#hold();
  }

  async #runJobs(): Promise<void> {
    for (const job of this.#jobs) {
      const now = Date.now();
      if (now < job.due) continue;
      if (!(await this.#stillHolding())) return;
      job.due = now + job.everyMs;
      await job.run().catch((err: unknown) => this.log.error('sweep job failed', err));
    }
  }

  async #pass(): Promise<void> {
    if (!(await this.#stillHolding())) return;
    await this.sweep().catch((err: unknown) => this.log.error('rules sweep failed', err));
    await this.#runJobs();
  }

  start(): void {
    if (this.#timer || this.#closed) return;
    this.#timer = setInterval(
      () => {
        if (this.#running) return;
        this.#running = this.#pass().finally(() => {
          this.#running = undefined;
        });
      },
      Math.max(20, this.intervalMs),
    );
    this.#timer.unref();
  }

  /** One pass over every app with timed rules; stops when this process no longer holds the lease. */
  async sweep(now = Date.now()): Promise<void> {
    for (const { app_id: appId, rules: stored } of await appsToSweep(this.db)) {
      if (!(await this.#stillHolding())) return;
      const rules = readRules(stored);
      const app = await findApp(this.db, appId);
      if (!app) continue;
      for (const c of await openConversationsForSweep(this.db, appId)) {
        if (!(await this.#stillHolding())) return;
        const conv = await findConversation(this.db, appId, c.group_id);
        if (!conv) continue;
        const own = { ...rules, conversationRules: rulesFor(rules.conversationRules, conv.metadata) };
        if (dueForAutoResolve(rules, c, now)) {
          await this.actions.changeStatus(app, conv, CONVERSATION_STATUS.resolved, { notify: true, auto: true });
        } else if (
          dueForReassignment(own, c, c.assignee !== null && this.presence.isAvailable(appId, c.assignee), now)
        ) {
          await this.routing.reassign(app, conv);
        }
      }
      if (!(await this.#stillHolding())) return;
      await this.routing.queue.drain(appId);
    }
  }

  /** Stops the timer, waits for a pass in progress and gives the lease up for another process. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
    await releaseLease(this.db, SWEEP_LEASE, this.#holder).catch(() => {});
  }
}
