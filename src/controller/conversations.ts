/**
 * The conversations slice, server side: the visitor's list, new conversations (the page's
 * defaults from `updateSettings` under each request's options), ratings, and a conversation's
 * history in pages. Knows nothing of the controller above it: it returns what the server said,
 * and the caller reconciles it into the state (`state.ts`).
 */
import type { InstallSettings } from '../core/config.js';
import { conversationRequest } from '../core/conversation-options.js';
import { lastStoredId } from '../core/messages.js';
import type { Conversation, ConversationOptions, Message } from '../core/protocol.js';
import type { RestClient } from '../net/rest.js';

const HISTORY_PAGE = 200;
const HISTORY_PAGES_MAX = 10;

export class ConversationsSlice {
  readonly #install: InstallSettings;
  readonly #rest: RestClient;
  readonly #signal: AbortSignal;
  #defaults: ConversationOptions = {};

  constructor(install: InstallSettings, rest: RestClient, signal: AbortSignal) {
    this.#install = install;
    this.#rest = rest;
    this.#signal = signal;
  }

  /** The page's defaults for the next conversation; merged over earlier ones. */
  setDefaults(defaults: ConversationOptions): void {
    const metadata = { ...this.#defaults.metadata, ...defaults.metadata };
    this.#defaults = { ...this.#defaults, ...defaults, metadata };
  }

  list(token: string): Promise<Conversation[]> {
    return this.#rest.listConversations(token, this.#signal);
  }

  /** A new conversation: `options` over the page's defaults over the install settings. */
  create(token: string, options?: ConversationOptions): Promise<Conversation> {
    const request = conversationRequest(this.#install, this.#defaults, options);
    return this.#rest.createConversation(token, request, this.#signal);
  }

  rate(token: string, groupId: string, rating: number, comment?: string): Promise<Conversation> {
    const body = comment ? { rating, comment } : { rating };
    return this.#rest.rateConversation(token, groupId, body, this.#signal);
  }

  /** The messages of `groupId` after `after`, page by page (at most HISTORY_PAGES_MAX pages). */
  async *history(token: string, groupId: string, after: number): AsyncGenerator<Message[]> {
    for (let page = 0; page < HISTORY_PAGES_MAX; page++) {
      const query = { after: after || undefined, limit: HISTORY_PAGE };
      const batch = await this.#rest.listMessages(token, groupId, query, this.#signal);
      yield batch;
      if (batch.length < HISTORY_PAGE) break;
      after = lastStoredId(batch);
    }
  }
}
