/**
 * The visitor slice: the visitor's session in this tab and the site's other tabs. It restores a
 * stored session with its cached conversations, finds or creates the session and the active
 * conversation (one look-up at a time: never two new ones), connects, forgets the visitor
 * (logout, a refused token), and follows the other tabs: one that logs out makes this one forget;
 * one that saves another visitor's session is reported as `joined` (the facade decides when to
 * follow it, with `join()`). Knows nobody above it.
 */
import { lastStoredId } from '../core/messages.js';
import { ERROR_CODES, type ConversationOptions, type Session } from '../core/protocol.js';
import type { ParleyStore } from '../store/store.js';
import type { TabChannel, TabNews } from '../store/tabs.js';
import type { StateCell } from './cell.js';
import type { ConversationsSlice } from './conversations.js';
import type { DeliverySlice } from './delivery.js';
import type { Failures } from './failures.js';
import type { IntakeSlice } from './intake.js';
import type { ReceiptsSlice } from './receipts.js';
import type { SessionSlice } from './session.js';
import { Slice } from './slice.js';
import { singleFlight } from './single-flight.js';
import { deliveryFailed, forgotten, newestOpen, sortConversations, withUsers } from './state.js';
import type { ChatSync } from './sync.js';

export interface VisitorOptions {
  cell: StateCell;
  store: ParleyStore;
  tabs: TabChannel;
  sync: ChatSync;
  session: SessionSlice;
  conversations: ConversationsSlice;
  delivery: DeliverySlice;
  receipts: ReceiptsSlice;
  intake: IntakeSlice;
  failures: Failures;
  signal: AbortSignal;
}

export type VisitorEvents = {
  /** Another tab saved the session of a visitor this tab does not show. */
  joined: [];
};

export class VisitorSlice extends Slice<VisitorOptions, VisitorEvents> {
  /**
   * The restore of a stored session, once begun (or a resolved one when the session was made
   * here): every caller waits for the same one. A caller that saw a restore under way but not yet
   * finished would otherwise find no session and make a second visitor in this browser.
   */
  private _restoring: Promise<void> | undefined;
  /** Moves on when the visitor is forgotten, so that a restore under way then changes nothing. */
  private _generation = 0;

  /** Whether a session's cached conversations are shown (or one was created here). */
  get restored(): boolean {
    return this._restoring !== undefined;
  }

  /** Shows the stored conversations and the active one's cached messages (once; callers share it). */
  restore(session: Session): Promise<void> {
    if (this._restoring) return this._restoring;
    const restoring = this._restore(session).catch((error: unknown) => {
      // A failed restore (storage refused) may be tried again.
      if (this._restoring === restoring) this._restoring = undefined;
      throw error;
    });
    return (this._restoring = restoring);
  }

  private async _restore(session: Session): Promise<void> {
    const generation = this._generation;
    const { store, intake } = this._o;
    if (await this._o.session.expired(this._state.settings.chatWidget.sessionTimeout)) return;
    const [conversations, cursor] = await Promise.all([store.getConversations(), store.getCursor()]);
    if (this._aborted || generation !== this._generation) return;
    // The one the visitor had open, unless the app is single-threaded: then its one thread, the
    // newest open conversation (the visitor may have several from before, or made elsewhere).
    const single = this._state.settings.chatWidget.isSingleThreaded;
    const preferred = conversations.find((c) => !single && c.groupId === this._o.session.prefs.activeGroupId);
    const active = preferred ?? newestOpen(conversations) ?? sortConversations(conversations)[0];
    this._set({ session, conversations, users: withUsers(this._state.users, conversations, [], session) });
    if (active) await intake.activate(active.groupId);
    if (generation !== this._generation) return;
    // Catch up from the newest message known, unless the open conversation's cached messages lag
    // behind it (their record is written after the cursor and the list, and a tab can close in
    // between): then from the last one cached, so that nothing between is skipped.
    const newest = Math.max(cursor, ...conversations.map((c) => c.lastMessage?.id ?? 0));
    const held = active ? lastStoredId(this._state.messages) : 0;
    const behind = held > 0 && held < (active?.lastMessage?.id ?? 0);
    this._o.sync.restoreCursor(behind ? held : newest);
  }

  /** Opens the socket when there is a session and the widget may show. */
  connect(): void {
    const { session, status } = this._state;
    if (session && status === 'ready' && !this._aborted) this._o.sync.connect(session.token);
  }

  /** The session: the current one, else one another tab stored, else a new one (one at a time). */
  ensureSession(): Promise<Session> {
    const existing = this._state.session;
    if (existing) return Promise.resolve(existing);
    return this._sessionPending();
  }

  private readonly _sessionPending = singleFlight(() => this._findOrCreateSession());

  private async _findOrCreateSession(): Promise<Session> {
    // Another tab of this site may have started the chat since this one loaded: same visitor.
    const stored = await this._o.session.stored();
    if (stored && !this._aborted) {
      await this.restore(stored);
      if (this._state.session) return this._state.session;
    }
    const session = await this._o.session.create();
    if (this._aborted) return session;
    this._restoring = Promise.resolve();
    this._set({ session, users: withUsers(this._state.users, [], [], session), error: undefined });
    this._o.tabs.post({ type: 'session', userId: session.userId });
    return session;
  }

  /** Makes sure there is an active conversation (one look-up at a time: never two new ones). */
  readonly ensureConversation = singleFlight(() => this._findOrCreateConversation());

  private async _findOrCreateConversation(): Promise<void> {
    const { conversations, intake } = this._o;
    const session = await this.ensureSession();
    if (this._state.activeGroupId || this._aborted) return;
    const list = await conversations.list(session.token);
    intake.replace(list);
    let conversation = newestOpen(list);
    if (!conversation) {
      conversation = await conversations.create(session.token);
      intake.upsert(conversation);
    }
    if (!this._state.activeGroupId) await intake.activate(conversation.groupId);
  }

  /** A new conversation (`options` over the page's defaults), made the active one; its groupId. */
  async startConversation(options: ConversationOptions): Promise<string> {
    const { intake } = this._o;
    const session = await this.ensureSession();
    const conversation = await this._o.conversations.create(session.token, options);
    intake.upsert(conversation);
    await intake.activate(conversation.groupId);
    await intake.loadHistory(conversation.groupId);
    this.connect();
    return conversation.groupId;
  }

  /** Ends the session on the server (best effort) and forgets the visitor in every tab. */
  async logout(): Promise<void> {
    const token = this._state.session?.token;
    if (token) this._o.session.end(token);
    await this.drop();
    this._o.tabs.post({ type: 'logout' });
  }

  /** Forgets the visitor here and everything stored for this app. */
  async drop(): Promise<void> {
    this._o.sync.reset();
    await this._o.session.clear();
    this._forget();
  }

  /**
   * The socket was refused: a token the server no longer knows drops the session, a disabled widget
   * or a foreign origin shuts the page out, any other code shows as the error.
   */
  refused(code: string): void {
    const { failures } = this._o;
    if (code === ERROR_CODES.invalidToken) void failures.guard('resuming the session', () => this.drop());
    else if (code === ERROR_CODES.widgetDisabled) failures.shutOut('disabled');
    else if (code === ERROR_CODES.originNotAllowed) failures.shutOut('blocked');
    else this._set({ error: code });
  }

  /** The server rejected the outbox message `key` (an invalid token drops the session). */
  rejected(key: string, code: string): void {
    this._set(deliveryFailed(this._state, key, code));
    if (code === ERROR_CODES.invalidToken) void this._o.failures.guard('resuming the session', () => this.drop());
  }

  /** Another tab saved a session (this one joins it) or logged out (this one forgets). */
  news(news: TabNews): void {
    const s = this._state;
    if (this._aborted) return;
    if (news.type === 'logout') {
      // A restore under way is of the session the other tab just ended: it stops too.
      if (s.session || this._restoring) this._forget();
    } else if (news.userId !== s.session?.userId) this.emit('joined');
  }

  /** Follows the session another tab stored, if it is another visitor's. */
  async join(): Promise<void> {
    const stored = await this._o.session.stored();
    if (!stored || stored.userId === this._state.session?.userId || this._aborted) return;
    if (this._state.session) this._forget();
    await this.restore(stored);
    this.connect();
  }

  /** Forgets the visitor in this tab only (what is stored is left alone). */
  private _forget(): void {
    this._o.sync.reset();
    this._o.session.forget();
    this._restoring = undefined;
    this._generation++;
    this._o.delivery.reset();
    this._o.receipts.reset();
    this._set(forgotten());
  }
}
