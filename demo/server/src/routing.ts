/**
 * Conversation routing by the app's rules (`rules.ts`): who takes a new conversation (the
 * channel's bot, else the app's bot when "bot first"; else, with automatic assignment, the next
 * available agent in round-robin order, its position kept in the database so that every process
 * continues it), who takes over when the bot cannot answer, and who takes a conversation whose
 * assignee went away. "Available" = connected to the console (a socket open) and not set to
 * Away, not deactivated, in the conversation's team, under the open-conversation limit.
 * Each decision uses the rules of the conversation's team (its own over the app's: `team-rules.ts`).
 * Nobody free, with the queue on: the conversation waits (`queue.ts`).
 */
import type { Metadata } from '../../../src/core/protocol.js';
import type { ConversationRouter, NewConversationOptions } from './chat.js';
import type { ConversationActions } from './conversation-actions.js';
import type { Db } from './db.js';
import type { Logger } from './log.js';
import type { Presence } from './presence.js';
import { WaitingQueue } from './queue.js';
import type { AppRow } from './repo/apps.js';
import { findConversation, membersOf } from './repo/conversations.js';
import type { ConversationRow } from './repo/conversations.js';
import { lockRoundRobin, saveRoundRobin, staffLoad } from './repo/routing.js';
import { findBot, findDefaultAgent, findUser } from './repo/users.js';
import type { UserRow } from './repo/users.js';
import { channelOf, isHumanStaff, nextRoundRobin, rulesFor } from './rules.js';
import type { ConversationRules } from './rules.js';
import { serves, teamFor } from './team-rules.js';

export class Routing implements ConversationRouter {
  /** Conversations nobody could take (`queue.ts`); drained whenever an agent may have room. */
  readonly queue: WaitingQueue;

  constructor(
    private readonly db: Db,
    private readonly presence: Presence,
    private readonly actions: ConversationActions,
    log?: Logger,
  ) {
    this.queue = new WaitingQueue(db, actions, (appId, rules, metadata) => this.pickAgent(appId, rules, metadata), log);
    actions.onFreed((appId) => this.queue.drainSoon(appId));
  }

  async route(
    appId: string,
    o: NewConversationOptions,
  ): Promise<{ memberIds: string[]; assignee?: string | undefined; waiting?: boolean }> {
    const { conversationRules: app } = await this.actions.rules(appId);
    const rules = rulesFor(app, o.metadata);
    if (rules.botFirst) {
      const bot = await this.botFor(appId, rules, o.metadata);
      if (bot) return { memberIds: [bot.user_id], assignee: bot.user_id };
    }
    if (rules.routing === 'automatic') {
      const agent = await this.pickAgent(appId, app, o.metadata);
      if (agent) return { memberIds: [agent], assignee: agent };
      // Nobody free: it waits in the queue when the app has one.
      if (app.queue.enabled) return { memberIds: [], waiting: true };
    }
    // Notify everybody (or nobody available): unassigned, and every agent's console shows it.
    return { memberIds: [] };
  }

  /** A new conversation waits in the queue: the visitor is told. */
  queued(appId: string, conv: ConversationRow): Promise<void> {
    return this.queue.queued(appId, conv);
  }

  /** The bot for a conversation: its channel's bot, else the rules' bot, else the app's bot (`rules`: the team's). */
  async botFor(appId: string, rules: ConversationRules, metadata: Metadata | undefined): Promise<UserRow | undefined> {
    for (const id of [rules.channelBots[channelOf(metadata)], rules.botId]) {
      if (!id) continue;
      const user = await findUser(this.db, appId, id);
      if (user?.role === 'bot' && !user.deactivated) return user;
    }
    return findBot(this.db, appId);
  }

  /**
   * The next available agent in round-robin order (see the module comment) for a conversation
   * with `metadata`, by the app's `rules` (its team's limit), other than `except`; undefined
   * when nobody is available.
   */
  async pickAgent(
    appId: string,
    rules: ConversationRules,
    metadata: Metadata | undefined,
    except?: string,
  ): Promise<string | undefined> {
    const team = teamFor(rules, metadata);
    const max = rulesFor(rules, metadata).maxOpenPerAgent;
    const candidates = (await staffLoad(this.db, appId))
      .filter((s) => s.user_id !== except && serves(team, s.user_id) && this.presence.isAvailable(appId, s.user_id))
      .filter((s) => max === 0 || s.open < max)
      .map((s) => s.user_id);
    if (candidates.length === 0) return undefined;
    // The position is the database's, read and advanced under its row lock: several processes
    // (and concurrent requests on one) take turns, so two picks at once never both take the same
    // "next" agent.
    return this.db.tx(async (sql) => {
      const picked = nextRoundRobin(candidates, await lockRoundRobin(sql, appId));
      if (picked) await saveRoundRobin(sql, appId, picked);
      return picked;
    });
  }

  /** The agent who takes hand-offs under "notify everybody": the rules' default agent, else the oldest admin. */
  async defaultAgent(appId: string, rules: ConversationRules): Promise<UserRow | undefined> {
    if (rules.defaultAgentId) {
      const user = await findUser(this.db, appId, rules.defaultAgentId);
      if (user && isHumanStaff(user.role) && !user.deactivated) return user;
    }
    return findDefaultAgent(this.db, appId);
  }

  /**
   * The bot cannot answer: a human takes over. Notify everybody → the default agent; automatic
   * → a human already in the conversation, else the next available agent, else the default agent.
   */
  async handOff(app: AppRow, groupId: string): Promise<void> {
    const appId = app.app_id;
    const conv = await findConversation(this.db, appId, groupId);
    if (!conv) return;
    const { conversationRules: appRules } = await this.actions.rules(appId);
    const rules = rulesFor(appRules, conv.metadata);
    let target: UserRow | undefined;
    if (rules.routing === 'automatic') {
      const members = await membersOf(this.db, appId, [groupId]);
      target = members.find((m) => isHumanStaff(m.role) && !m.deactivated);
      if (!target) {
        const picked = await this.pickAgent(appId, appRules, conv.metadata);
        if (picked) target = await findUser(this.db, appId, picked);
      }
    }
    target ??= await this.defaultAgent(appId, rules);
    if (!target) return;
    await this.actions.changeAssignee(app, conv, target, { notify: true, takeOverFromBot: false, enforceLimit: false });
  }

  /** The assignee of `conv` went away: the next available agent takes it. Returns whether it moved. */
  async reassign(app: AppRow, conv: ConversationRow): Promise<boolean> {
    const { conversationRules: rules } = await this.actions.rules(app.app_id);
    const picked = await this.pickAgent(app.app_id, rules, conv.metadata, conv.assignee ?? undefined);
    const target = picked ? await findUser(this.db, app.app_id, picked) : undefined;
    if (!target) return false;
    const result = await this.actions.changeAssignee(app, conv, target, {
      notify: true,
      takeOverFromBot: false,
      enforceLimit: false,
    });
    return result === 'updated';
  }
}
