/**
 * The demo bot: answers visitors in conversations it is a member of and assigned to (or
 * unassigned), unless the message says `skipBot: "true"`. Its replies are ordinary stored
 * messages with a key derived from the visitor's message id, so a repeat never gets a second
 * answer. With `botMessageDelayInterval` it shows "typing…" for that long first. It speaks as
 * the conversation's assigned bot (channel bots, `rules.ts`), else as the app's bot. When it
 * cannot answer (or is asked for a human) it hands off: `handOff` (the conversation rules).
 */
import { CONTENT_TYPES } from '../../../src/core/protocol.js';
import { botReply } from './bot-intents.js';
import type { Chat, MessageEvent } from './chat.js';
import type { Db } from './db.js';
import type { Logger } from './log.js';
import { findApp } from './repo/apps.js';
import { findConversation, findMember } from './repo/conversations.js';
import type { AppRow } from './repo/apps.js';
import { findBot, findDefaultAgent, findUser } from './repo/users.js';
import type { UserRow } from './repo/users.js';
import { mergeSettings } from './settings.js';

export class DemoBot {
  readonly #timers = new Map<NodeJS.Timeout, () => void>();
  readonly #off: () => void;
  readonly #inflight = new Set<Promise<void>>();
  #closed = false;

  constructor(
    private readonly db: Db,
    private readonly chat: Chat,
    private readonly log: Logger,
    private readonly handOff?: (app: AppRow, groupId: string) => Promise<void>,
  ) {
    this.#off = chat.onMessage((event) => {
      const work: Promise<void> = this.#handle(event).finally(() => this.#inflight.delete(work));
      this.#inflight.add(work);
      return work;
    });
  }

  async #handle({ app, sender, conversation, message }: MessageEvent): Promise<void> {
    if (this.#closed || sender.role !== 'user' || message.metadata['skipBot'] === 'true') return;
    const appId = app.app_id;
    const conv = await findConversation(this.db, appId, conversation.group_id);
    if (!conv) return;
    const bot = await this.#botOf(appId, conv.assignee);
    if (!bot) return;
    if (!(await findMember(this.db, conv.group_id, bot.user_id))) return;
    const reply = botReply(message.message);
    const delay = mergeSettings((await findApp(this.db, appId))?.settings).chatWidget.botMessageDelayInterval;
    if (delay > 0) {
      await this.chat.typing(appId, bot.user_id, conv.group_id, true);
      await this.#wait(Math.min(delay, 60_000));
      if (this.#closed) return;
    }
    await this.chat.sendMessage(app, bot, {
      key: `${bot.user_id}:reply:${message.id}`,
      groupId: conv.group_id,
      message: reply.message,
      contentType: CONTENT_TYPES.text,
      metadata: reply.metadata,
    });
    if (delay > 0) await this.chat.typing(appId, bot.user_id, conv.group_id, false);
    if (this.handOff && (reply.handOff || reply.intent === 'fallback')) await this.handOff(app, conv.group_id);
    else if (reply.handOff) {
      const agent = await findDefaultAgent(this.db, appId);
      if (agent) await this.chat.assign(appId, conv.group_id, agent.user_id);
      else this.log.info(`bot hand-off in ${conv.group_id}: no agent in ${appId}`);
    }
  }

  /** The bot that answers: the assignee when it is a bot; the app's bot when nobody is assigned. */
  async #botOf(appId: string, assignee: string | null): Promise<UserRow | undefined> {
    if (assignee === null) return findBot(this.db, appId);
    const user = await findUser(this.db, appId, assignee);
    return user?.role === 'bot' && !user.deactivated ? user : undefined;
  }

  #wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        resolve();
      }, ms);
      this.#timers.set(timer, resolve);
    });
  }

  /** Stops answering, cancels pending delays and waits for replies already being written. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#off();
    for (const [timer, resolve] of this.#timers) {
      clearTimeout(timer);
      resolve();
    }
    this.#timers.clear();
    await Promise.allSettled([...this.#inflight]);
  }
}
