/**
 * The conversations slice, server side: the visitor's list, new conversations (the page's
 * defaults from `updateSettings` under each request's options), ratings, and a conversation's
 * history in pages. Knows nothing of the controller above it: it returns what the server said,
 * and the caller reconciles it into the state (`state.ts`).
 */
import type { InstallSettings } from '../core/config.js';
import { conversationRequest, pageAddress } from '../core/conversation-options.js';
import { lastStoredId } from '../core/messages.js';
import type { Conversation, ConversationOptions, Message } from '../core/protocol.js';
import type { RestClient } from '../net/rest.js';

const HISTORY_PAGE = 200;
const HISTORY_PAGES_MAX = 10;
/** Older messages asked for at a time when the visitor scrolls to the top of what is held. */
export const OLDER_PAGE = 100;

export class ConversationsSlice {
  private readonly _install: InstallSettings;
  private readonly _rest: RestClient;
  private readonly _signal: AbortSignal;
  private _defaults: ConversationOptions = {};

  constructor(install: InstallSettings, rest: RestClient, signal: AbortSignal) {
    this._install = install;
    this._rest = rest;
    this._signal = signal;
  }

  /** The team the next conversation will name (the page's `teamId` or `metadata.teamId`), if any. */
  get teamId(): string | undefined {
    const next = conversationRequest(this._install, this._defaults);
    return next.teamId ?? (next.metadata?.['teamId'] as string | undefined);
  }

  /** The page's defaults for the next conversation; merged over earlier ones. */
  setDefaults(defaults: ConversationOptions): void {
    const metadata = { ...this._defaults.metadata, ...defaults.metadata };
    this._defaults = { ...this._defaults, ...defaults, metadata };
  }

  list(token: string): Promise<Conversation[]> {
    return this._rest.listConversations(token, this._signal);
  }

  /** A new conversation: `options` over the page's defaults over the install settings; the page it starts on. */
  create(token: string, options?: ConversationOptions): Promise<Conversation> {
    const page = pageAddress(globalThis.location?.href);
    const request = conversationRequest(this._install, this._defaults, options, page);
    return this._rest.createConversation(token, request, this._signal);
  }

  rate(token: string, groupId: string, rating: number, comment?: string): Promise<Conversation> {
    const body = comment ? { rating, comment } : { rating };
    return this._rest.rateConversation(token, groupId, body, this._signal);
  }

  /** The latest OLDER_PAGE messages of `groupId` before the id `before`, ascending. */
  older(token: string, groupId: string, before: number): Promise<Message[]> {
    return this._rest.listMessages(token, groupId, { before, limit: OLDER_PAGE }, this._signal);
  }

  /**
   * The messages of `groupId` after `after`, page by page (at most HISTORY_PAGES_MAX pages); with
   * nothing held (`after` 0), the latest page only: older ones come when the visitor scrolls up.
   */
  async *history(token: string, groupId: string, after: number): AsyncGenerator<Message[]> {
    for (let page = 0; page < HISTORY_PAGES_MAX; page++) {
      const query = { after: after || undefined, limit: HISTORY_PAGE };
      const batch = await this._rest.listMessages(token, groupId, query, this._signal);
      yield batch;
      if (batch.length < HISTORY_PAGE || !after) break;
      after = lastStoredId(batch);
    }
  }
}
