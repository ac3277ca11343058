/**
 * The bots' answers to visitors. After each newly stored visitor message (off the request path:
 * a chat listener), the bots that answer are picked by the conversation rules (`answeringBots` in
 * `rules.ts`: the assigned bot, or the app's bot while nobody is assigned; with
 * `botsReplyAfterAssignment` every bot member), unless the message says `skipBot: "true"`.
 *
 * Each bot answers in its own way: a bot with a webhook (`bot-webhook.ts`, its URL, secret and
 * time-out in `bot_webhooks`) is asked over HTTP; any other bot answers with the demo bot's
 * intents (`bot-intents.ts`). Either way the answer is sent as that bot, after "typing…" for the
 * app's `botMessageDelayInterval` (for a URL bot also while it is asked), as ordinary stored
 * messages whose keys derive from the visitor's message id (`<bot>:reply:<id>`, then `…:<n>`), so
 * a repeat never gets a second answer. A hand-off — asked for, the demo bot's fallback, or a URL
 * bot's failure (an error, a wrong answer, the time-out) — goes to a human by the conversation
 * rules (`handOff`, optionally to a team), unless a human is assigned already.
 */
import { CONTENT_TYPES } from '../../../src/core/protocol.js';
import type { Message } from '../../../src/core/protocol.js';
import { botRequestBody } from './bot-answer.js';
import type { BotAnswer } from './bot-answer.js';
import { botReply } from './bot-intents.js';
import { askBot } from './bot-webhook.js';
import type { Chat, MessageEvent } from './chat.js';
import type { Db } from './db.js';
import type { Logger } from './log.js';
import { findApp } from './repo/apps.js';
import type { AppRow } from './repo/apps.js';
import { findBotWebhook, setConversationTeam } from './repo/bot-webhooks.js';
import { findConversation, membersOf } from './repo/conversations.js';
import type { ConversationRow } from './repo/conversations.js';
import { findBot, findUser } from './repo/users.js';
import type { UserRow } from './repo/users.js';
import { answeringBots, isHumanStaff } from './rules.js';
import type { Rules } from './rules.js';
import { mergeSettings } from './settings.js';

/** The longest "typing…" delay before a bot's answer. */
const MAX_DELAY_MS = 60_000;

export interface BotOptions {
  /** A human takes over the conversation (the conversation rules: `routing.ts`). */
  handOff: (app: AppRow, groupId: string) => Promise<void>;
  rules: (appId: string) => Promise<Rules>;
  /** Bot URLs may be loopback addresses (the webhooks' allowance: tests, local development). */
  allowLoopback: boolean;
}

export class Bots {
  readonly #timers = new Map<NodeJS.Timeout, () => void>();
  readonly #off: () => void;
  readonly #inflight = new Set<Promise<void>>();
  readonly #abort = new AbortController();
  #closed = false;

  constructor(
    private readonly db: Db,
    private readonly chat: Chat,
    private readonly log: Logger,
    private readonly o: BotOptions,
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
    const rules = await this.o.rules(appId);
    const members = await membersOf(this.db, appId, [conv.group_id]);
    const appBot = conv.assignee === null ? await findBot(this.db, appId) : undefined;
    const bots = answeringBots(
      members,
      conv.assignee,
      appBot?.user_id,
      rules.conversationRules.botsReplyAfterAssignment,
    );
    if (bots.length === 0) return;
    const settings = mergeSettings((await findApp(this.db, appId))?.settings);
    const delay = Math.min(settings.chatWidget.botMessageDelayInterval, MAX_DELAY_MS);
    await Promise.all(bots.map((bot) => this.#answer(app, conv, bot, sender, message, delay, rules)));
  }

  async #answer(
    app: AppRow,
    conv: ConversationRow,
    bot: UserRow,
    visitor: UserRow,
    message: Message,
    delay: number,
    rules: Rules,
  ): Promise<void> {
    const appId = app.app_id;
    const key = `${bot.user_id}:reply:${message.id}`;
    const hook = await findBotWebhook(this.db, appId, bot.user_id);
    const started = Date.now();
    const typing = delay > 0 || hook !== undefined;
    if (typing) await this.chat.typing(appId, bot.user_id, conv.group_id, true);
    let answer: BotAnswer | undefined;
    if (hook) {
      const outcome = await askBot({
        url: hook.url,
        secret: hook.secret,
        id: key,
        body: botRequestBody(appId, bot, conv, message, visitor),
        timeoutMs: hook.timeout_ms,
        allowLoopback: this.o.allowLoopback,
        signal: this.#abort.signal,
      });
      if (this.#closed) return;
      if (outcome.kind === 'answer') answer = outcome.answer;
      else if (outcome.kind === 'failed') {
        this.log.error(`bot ${bot.user_id} of ${appId} did not answer message ${message.id}: ${outcome.why}`);
        answer = { messages: [], handoff: {} };
      }
    } else {
      const reply = botReply(message.message);
      answer = {
        messages: [{ message: reply.message, contentType: CONTENT_TYPES.text, metadata: reply.metadata }],
        handoff: reply.handOff || reply.intent === 'fallback' ? {} : false,
      };
    }
    if (answer && answer.messages.length > 0) await this.#wait(delay - (Date.now() - started));
    if (this.#closed) return;
    for (const [i, m] of (answer?.messages ?? []).entries()) {
      await this.chat.sendMessage(app, bot, { ...m, key: i === 0 ? key : `${key}:${i}`, groupId: conv.group_id });
    }
    if (typing) await this.chat.typing(appId, bot.user_id, conv.group_id, false);
    if (answer?.handoff) await this.#handOff(app, conv.group_id, bot, answer.handoff.teamId, rules);
  }

  /** A human takes over (of `teamId` when it names a team of the rules), unless one is assigned already. */
  async #handOff(app: AppRow, groupId: string, bot: UserRow, teamId: string | undefined, rules: Rules): Promise<void> {
    const appId = app.app_id;
    const conv = await findConversation(this.db, appId, groupId);
    const assignee = conv?.assignee ? await findUser(this.db, appId, conv.assignee) : undefined;
    if (!conv || (assignee && isHumanStaff(assignee.role))) return;
    if (teamId !== undefined) {
      if (rules.conversationRules.teams.some((t) => t.teamId === teamId))
        await setConversationTeam(this.db, appId, groupId, teamId);
      else this.log.error(`bot ${bot.user_id} of ${appId} handed ${groupId} to ${teamId}, not a team of the app`);
    }
    await this.o.handOff(app, groupId);
  }

  #wait(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        resolve();
      }, ms);
      this.#timers.set(timer, resolve);
    });
  }

  /** Stops answering, cancels pending delays and calls, and waits for replies already being written. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#off();
    this.#abort.abort();
    for (const [timer, resolve] of this.#timers) {
      clearTimeout(timer);
      resolve();
    }
    this.#timers.clear();
    await Promise.allSettled([...this.#inflight]);
  }
}
