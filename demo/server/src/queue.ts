/**
 * The waiting queue. With `conversationRules.queue.enabled`, a new conversation that automatic
 * routing cannot give to anybody (every agent of its team at their limit, away or offline) gets
 * status 7 (waiting), unassigned, and the visitor a notice (`notice: queued`, with `position`
 * when `queue.showPosition`). When an agent may have room — a conversation of theirs resolved,
 * marked spam or moved, the rules changed, they came back from Away (`drain` is called then) or
 * came online (the sweeper drains every pass) — the oldest waiting conversation of each team
 * goes to the next available agent of that team (round robin, under the team's limit): open,
 * assigned, "Assigned to …". Taking one out is a row lock that skips locked rows
 * (`ConversationActions.takeFromQueue`), so two processes never assign the same one twice.
 */
import { en, format } from '../../../src/core/locale.js';
import type { Metadata } from '../../../src/core/protocol.js';
import type { ConversationActions } from './conversation-actions.js';
import type { Db } from './db.js';
import type { Logger } from './log.js';
import { findApp } from './repo/apps.js';
import type { ConversationRow } from './repo/conversations.js';
import { waitingConversations } from './repo/queue.js';
import { findUser } from './repo/users.js';
import type { ConversationRules } from './rules.js';
import { rulesOfTeam, teamFor } from './team-rules.js';

/** Picks the next available agent for a conversation (`Routing.pickAgent`). */
export type AgentPicker = (
  appId: string,
  rules: ConversationRules,
  metadata: Metadata | undefined,
) => Promise<string | undefined>;

/** The conversation's place among the waiting ones of its team (1 = next), by age. Pure. */
export function queuePosition(
  rules: ConversationRules,
  waiting: readonly Pick<ConversationRow, 'group_id' | 'metadata'>[],
  groupId: string,
): number {
  const teamOf = (metadata: Metadata | undefined) => teamFor(rules, metadata)?.teamId ?? '';
  const own = waiting.find((c) => c.group_id === groupId);
  const team = teamOf(own?.metadata);
  const same = waiting.filter((c) => teamOf(c.metadata) === team);
  const at = same.findIndex((c) => c.group_id === groupId);
  return at < 0 ? same.length + 1 : at + 1;
}

export class WaitingQueue {
  readonly #running = new Map<string, Promise<void>>();
  readonly #again = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly actions: ConversationActions,
    private readonly pick: AgentPicker,
    private readonly log?: Logger,
  ) {}

  /** A conversation was just put in the queue: the visitor is told (with their place, when the rules say so). */
  async queued(appId: string, conv: ConversationRow): Promise<void> {
    const { conversationRules: rules } = await this.actions.rules(appId);
    const metadata: Metadata = { notice: 'queued' };
    let text: string = en.noticeQueued;
    if (rules.queue.showPosition) {
      const position = String(queuePosition(rules, await waitingConversations(this.db, appId), conv.group_id));
      metadata['position'] = position;
      text = format(en.noticeQueuedAt, { position });
    }
    await this.actions.notice(appId, conv.group_id, text, metadata);
  }

  /** Drains the app's queue soon (errors are logged); calls while one runs make it run once more. */
  drainSoon(appId: string): void {
    this.drain(appId).catch((err: unknown) => this.log?.error('queue drain failed', err));
  }

  /** Gives waiting conversations, oldest first, to agents who can take them now. */
  drain(appId: string): Promise<void> {
    const running = this.#running.get(appId);
    if (running) {
      this.#again.add(appId);
      return running;
    }
    const run = (async () => {
      do {
        this.#again.delete(appId);
        await this.#drainOnce(appId);
      } while (this.#again.has(appId));
    })().finally(() => this.#running.delete(appId));
    this.#running.set(appId, run);
    return run;
  }

  async #drainOnce(appId: string): Promise<void> {
    const waiting = await waitingConversations(this.db, appId);
    if (waiting.length === 0) return;
    const app = await findApp(this.db, appId);
    if (!app) return;
    const { conversationRules: rules } = await this.actions.rules(appId);
    // A team with nobody free now: its younger conversations wait too (oldest first, per team).
    const full = new Set<string>();
    for (const conv of waiting) {
      const team = teamFor(rules, conv.metadata);
      const key = team?.teamId ?? '';
      const own = rulesOfTeam(rules, team);
      if (full.has(key) || own.routing !== 'automatic') continue;
      const picked = await this.pick(appId, rules, conv.metadata);
      const agent = picked ? await findUser(this.db, appId, picked) : undefined;
      if (!agent) {
        full.add(key);
        continue;
      }
      // False: another process took it, or the agent filled up meanwhile (the next pass sees).
      await this.actions.takeFromQueue(app, conv.group_id, agent, own.maxOpenPerAgent);
    }
  }
}
