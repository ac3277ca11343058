/**
 * The rules' timers, as one sweeper that runs every `intervalMs` (default 500 ms): for each app
 * with reassignment or auto-resolve switched on it
 *
 * - resolves open conversations with no activity (message, assignment, status change) for
 *   `autoResolve.afterMs`, when the assignee's kind matches the mode (bot / human / all);
 * - reassigns open conversations waiting for a reply (the newest message is the visitor's)
 *   whose human assignee has not been available (no console open, or set to Away) for
 *   `reassignAfterMs`, to the next available agent.
 *
 * Delays are in milliseconds so tests set a few hundred and wait for the effect by condition.
 */
import { CONVERSATION_STATUS } from '../../../src/core/protocol.js';
import type { ConversationActions } from './conversation-actions.js';
import type { Db } from './db.js';
import type { Logger } from './log.js';
import type { Presence } from './presence.js';
import { findApp } from './repo/apps.js';
import { findConversation } from './repo/conversations.js';
import { appsWithTimedRules, openConversationsForSweep } from './repo/routing.js';
import type { TimedCandidate } from './repo/routing.js';
import type { Routing } from './routing.js';
import { autoResolveApplies, isHumanStaff, readRules } from './rules.js';
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

export class Sweeper {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #closed = false;
  readonly #jobs: Array<{ everyMs: number; due: number; run: () => Promise<void> }> = [];

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

  async #runJobs(): Promise<void> {
    for (const job of this.#jobs) {
      const now = Date.now();
      if (this.#closed || now < job.due) continue;
      job.due = now + job.everyMs;
      await job.run().catch((err: unknown) => this.log.error('sweep job failed', err));
    }
  }

  start(): void {
    if (this.#timer || this.#closed) return;
    this.#timer = setInterval(
      () => {
        if (this.#running) return;
        this.#running = this.sweep()
          .catch((err: unknown) => this.log.error('rules sweep failed', err))
          .then(() => this.#runJobs())
          .finally(() => {
            this.#running = undefined;
          });
      },
      Math.max(20, this.intervalMs),
    );
    this.#timer.unref();
  }

  /** One pass over every app with timed rules. */
  async sweep(now = Date.now()): Promise<void> {
    for (const { app_id: appId, rules: stored } of await appsWithTimedRules(this.db)) {
      if (this.#closed) return;
      const rules = readRules(stored);
      const app = await findApp(this.db, appId);
      if (!app) continue;
      for (const c of await openConversationsForSweep(this.db, appId)) {
        if (this.#closed) return;
        const conv = await findConversation(this.db, appId, c.group_id);
        if (!conv) continue;
        if (dueForAutoResolve(rules, c, now)) {
          await this.actions.changeStatus(app, conv, CONVERSATION_STATUS.resolved, { notify: true, auto: true });
        } else if (
          dueForReassignment(rules, c, c.assignee !== null && this.presence.isAvailable(appId, c.assignee), now)
        ) {
          await this.routing.reassign(app, conv);
        }
      }
    }
  }

  /** Stops the timer and waits for a pass in progress. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}
