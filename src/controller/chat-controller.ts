/**
 * The one controller that owns the conversation state. Framework-free: an EventTarget that
 * dispatches `change` after every state change (read `state`), plus `message-received` and
 * `message-sent` (`CustomEvent<{message}>`). Only it talks to `net` and `store`; the UI renders
 * its state and calls its methods. No method throws or rejects: errors are logged once and show
 * up as codes in `state.error` / `state.connection`.
 */
import { systemClock, type Clock } from '../core/clock.js';
import { CLIENT_ERROR_CODES } from '../core/errors.js';
import type { InstallSettings } from '../core/config.js';
import {
  createLocalMessage,
  lastStoredId,
  markReadUpTo,
  mergeMessages,
  toStoredMessage,
  type LocalMessage,
} from '../core/messages.js';
import {
  CONTENT_TYPES,
  ERROR_CODES,
  type Conversation,
  type ConversationOptions,
  type FileMeta,
  type Message,
  type Metadata,
  type Session,
  type UserSummary,
} from '../core/protocol.js';
import { NetworkError, ParleyApiError, errorCodeOf } from '../net/errors.js';
import { createRealtimeClient, type RealtimeClient, type RealtimeOptions } from '../net/realtime.js';
import { createRestClient, type FetchLike, type RestClient, type RestClientOptions } from '../net/rest.js';
import { createStore, type ParleyStore, type Prefs } from '../store/store.js';
import { createTabChannel, type TabChannel, type TabNews } from '../store/tabs.js';
import { pendingMessage } from './outbox.js';
import {
  applyPatch,
  deliveryFailed,
  deliveryRetried,
  forgotten,
  initialState,
  messageArrived,
  pendingDiscarded,
  typingChanged,
  unreadCleared,
  type StatePatch,
  newestOpen,
  reconcileConversation,
  sortConversations,
  upsertConversation,
  withUsers,
  type ChatState,
} from './state.js';
import { ConversationsSlice } from './conversations.js';
import { DeliverySlice } from './delivery.js';
import { ReceiptsSlice } from './receipts.js';
import { SessionSlice } from './session.js';
import { SettingsSlice } from './settings.js';
import { singleFlight } from './single-flight.js';
import { ChatSync, type Arrival } from './sync.js';

export interface ChatControllerOptions {
  install: InstallSettings;
  /** Defaults to `createStore(install.appId)`. */
  store?: ParleyStore;
  restFactory?: (options: RestClientOptions) => RestClient;
  /** The fetch for the REST client (e.g. one that reuses the loader's early settings request). */
  fetch?: FetchLike;
  realtimeFactory?: (options: RealtimeOptions) => RealtimeClient;
  clock?: Clock;
  /** The page's host name for the domain check (defaults to `location.hostname`). */
  hostname?: string;
  /** How long to wait for the server to acknowledge a message, ms. */
  ackTimeoutMs?: number;
  /** Random numbers in [0, 1) for retry jitter. */
  random?: () => number;
  /** News to and from the site's other tabs (defaults to a BroadcastChannel for the app). */
  tabs?: TabChannel;
}

export type ChatMessageEvent = CustomEvent<{ message: Message }>;

export interface ChatControllerEventMap {
  change: Event;
  'message-received': ChatMessageEvent;
  'message-sent': ChatMessageEvent;
}

export { TYPING_EXPIRY_MS } from './receipts.js';

export class ChatController extends EventTarget {
  readonly install: InstallSettings;
  readonly #store: ParleyStore;
  readonly #rest: RestClient;
  readonly #clock: Clock;
  /** Aborted by `destroy()`: every async path checks this signal (or passes it on) after a wait. */
  readonly #abort = new AbortController();
  readonly #signal = this.#abort.signal;
  readonly #sync: ChatSync;
  readonly #tabs: TabChannel;
  readonly #tabsInjected: boolean;
  readonly #offTabs: () => void;

  #state: ChatState = initialState();
  #init: Promise<void> | undefined;
  #restored = false;
  readonly #conversations: ConversationsSlice;
  readonly #logged = new Set<string>();
  readonly #receipts: ReceiptsSlice;
  readonly #settings: SettingsSlice;
  readonly #session: SessionSlice;
  readonly #delivery: DeliverySlice;

  constructor(options: ChatControllerOptions) {
    super();
    const install = options.install;
    this.install = install;
    this.#store = options.store ?? createStore(install.appId);
    this.#rest = (options.restFactory ?? createRestClient)({
      server: install.server,
      appId: install.appId,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    this.#clock = options.clock ?? systemClock;
    this.#delivery = new DeliverySlice(this.#store);
    this.#conversations = new ConversationsSlice(install, this.#rest, this.#signal);
    this.#receipts = new ReceiptsSlice({ rest: this.#rest, clock: this.#clock, signal: this.#signal });
    this.#session = new SessionSlice({
      install,
      rest: this.#rest,
      store: this.#store,
      clock: this.#clock,
      signal: this.#signal,
    });
    this.#settings = new SettingsSlice({
      install,
      rest: this.#rest,
      store: this.#store,
      clock: this.#clock,
      hostname: options.hostname ?? globalThis.location?.hostname ?? '',
      random: options.random,
      signal: this.#signal,
      logOnce: (text, detail) => this.#logOnce(text, detail),
    });
    this.#tabsInjected = options.tabs !== undefined;
    this.#tabs = options.tabs ?? createTabChannel(install.appId);
    this.#offTabs = this.#tabs.on((news) => this.#handleTabNews(news));
    this.#sync = new ChatSync({
      server: install.server,
      appId: install.appId,
      store: this.#store,
      rest: this.#rest,
      realtimeFactory: options.realtimeFactory ?? createRealtimeClient,
      clock: this.#clock,
      ackTimeoutMs: options.ackTimeoutMs ?? 10000,
      random: options.random,
      signal: this.#abort.signal,
      hooks: {
        connection: (connection) => this.#set({ connection }),
        refused: (code) => this.#refused(code),
        message: (m, how) => this.#receive(m, how),
        sent: (m) => this.#receive(m, 'ack'),
        rejected: (key, code) => this.#rejected(key, code),
        conversation: (c) => this.#upsertConversation(c),
        user: (u) => this.#userChanged(u),
        typing: (e) => this.#typingChanged(e.groupId, e.userId, e.typing),
        read: (e) => this.#readChanged(e.groupId, e.userId, e.id),
        settings: (raw) => {
          this.#settings.save(raw);
          this.#applySettings(raw, true);
        },
        presence: (e) => this.#set({ agentsOnline: e.agentsOnline }),
        caughtUp: async () => {
          await this.#refreshConversations();
          if (this.#state.panelOpen) await this.#markRead();
        },
        failed: (what, error) => this.#fail(what, error),
      },
    });
  }

  // ---- state ----------------------------------------------------------------------------------

  get state(): ChatState {
    return this.#state;
  }

  /** Listens to `change`, `message-received` or `message-sent`; returns its own unsubscribe. */
  on<T extends keyof ChatControllerEventMap>(type: T, fn: (event: ChatControllerEventMap[T]) => void): () => void {
    const listener = fn as EventListener;
    this.addEventListener(type, listener);
    return () => this.removeEventListener(type, listener);
  }

  /** True once the catch-up after the latest (re)connect is done, until the connection changes. */
  get caughtUp(): boolean {
    return this.#sync.caughtUp;
  }

  get destroyed(): boolean {
    return this.#signal.aborted;
  }

  #set(patch: StatePatch): void {
    if (this.#signal.aborted) return;
    this.#state = applyPatch(this.#state, patch);
    this.dispatchEvent(new Event('change'));
  }

  #emit(type: 'message-received' | 'message-sent', message: Message): void {
    if (!this.#signal.aborted) this.dispatchEvent(new CustomEvent(type, { detail: { message } }));
  }

  /** console.error, once per distinct text. */
  #logOnce(text: string, detail?: unknown): void {
    if (this.#logged.has(text)) return;
    this.#logged.add(text);
    if (detail === undefined) console.error(`[parley] ${text}`);
    else console.error(`[parley] ${text}`, detail);
  }

  /** Runs `task`, turning any failure into state; never rejects. */
  async #guard<T>(what: string, task: () => Promise<T>): Promise<T | undefined> {
    try {
      return await task();
    } catch (error) {
      this.#fail(what, error);
      return undefined;
    }
  }

  #fail(what: string, error: unknown): void {
    if (this.#signal.aborted || (error instanceof NetworkError && error.aborted)) return;
    const code = errorCodeOf(error);
    if (code === ERROR_CODES.widgetDisabled) return this.#shutOut('disabled');
    if (code === ERROR_CODES.originNotAllowed) return this.#shutOut('blocked');
    const known = error instanceof ParleyApiError || error instanceof NetworkError;
    this.#logOnce(`${what} failed (${code})`, known ? (error as Error).message : error);
    this.#set({ error: code });
  }

  /** The server says this page may not chat: no socket, nothing shown. */
  #shutOut(status: 'disabled' | 'blocked'): void {
    if (status === 'blocked') this.#settings.logBlocked();
    this.#sync.disconnect();
    this.#set({ status, connection: 'idle' });
  }

  /** Someone's name or avatar changed; when it is the visitor, their session follows. */
  #userChanged(user: UserSummary): void {
    let session = this.#state.session;
    if (session && user.userId === session.userId) {
      session = { ...session, userName: user.userName, ...(user.imageLink ? { imageLink: user.imageLink } : {}) };
      this.#session.save(session);
    }
    this.#set({ session, users: withUsers(this.#state.users, [], [user], session) });
  }

  #refused(code: string): void {
    if (code === ERROR_CODES.invalidToken) void this.#guard('resuming the session', () => this.#dropSession());
    else if (code === ERROR_CODES.widgetDisabled) this.#shutOut('disabled');
    else if (code === ERROR_CODES.originNotAllowed) this.#shutOut('blocked');
    else this.#set({ error: code });
  }

  // ---- start ----------------------------------------------------------------------------------

  /**
   * Loads cached settings and, only if a session is stored, the cached conversation (shown at
   * once), then revalidates the settings and, with a session, connects and catches up. Without
   * a stored session nothing is created and no socket is opened. Runs once.
   */
  init(): Promise<void> {
    this.#init ??= this.#guard('starting the chat', () => this.#start()).then(() => this.#reportInit());
    return this.#init;
  }

  async #start(): Promise<void> {
    this.#set({ status: 'loading' });
    // The settings request goes out at once, in parallel with the first IndexedDB reads (whose
    // first open can take longer than the request on a slow device).
    const fetched = this.#settings.fetch();
    // Fresh settings that arrive before storage has answered are applied at once: the launcher
    // does not wait for IndexedDB (whose first open is slow), and no older cached copy follows.
    let storageRead = false;
    let freshFirst = false;
    fetched.then(
      (raw) => {
        if (storageRead || this.#signal.aborted) return;
        freshFirst = true;
        this.#applySettings(raw, true);
      },
      () => undefined, // awaited (and its error handled) in #revalidateSettings
    );
    const [cached, stored] = await Promise.all([this.#settings.cached(), this.#session.load()]);
    storageRead = true;
    if (this.#signal.aborted) return;
    const session = await this.#session.usable(stored);
    const reopen = () => this.install.automaticChatOpenOnNavigation && this.#session.prefs.panelOpen === true;
    if (cached && !freshFirst) {
      this.#applySettings(cached.raw, false);
      if (this.#state.status === 'ready' && session) {
        await this.#restore(session);
        // The cached conversation shows at once, before the network has answered.
        if (this.#state.session && reopen()) this.setPanelOpen(true);
      }
    }
    await this.#revalidateSettings(!cached, fetched);
    if (this.#state.status !== 'ready') return;
    if (session) await this.#restore(session);
    if (this.#state.session) {
      this.#connect();
      if (reopen()) void this.open();
    }
  }

  #reportInit(): void {
    const onInit = this.install.onInit;
    if (!onInit || this.#signal.aborted) return;
    const { status, error } = this.#state;
    try {
      if (status === 'ready') onInit('success');
      else onInit('error', { status, error });
    } catch (e) {
      this.#logOnce('onInit threw', e);
    }
  }

  /** Shows the stored conversations and the active one's cached messages. */
  async #restore(session: Session): Promise<void> {
    if (this.#restored) return;
    this.#restored = true;
    if (await this.#session.expired(this.#state.settings.chatWidget.sessionTimeout)) return;
    const [conversations, cursor] = await Promise.all([this.#store.getConversations(), this.#store.getCursor()]);
    if (this.#signal.aborted) return;
    const preferred = conversations.find((c) => c.groupId === this.#session.prefs.activeGroupId);
    const active = preferred ?? newestOpen(conversations) ?? sortConversations(conversations)[0];
    this.#set({ session, conversations, users: withUsers(this.#state.users, conversations, [], session) });
    if (active) await this.#activate(active.groupId);
    // Catch up from the newest message known, unless the open conversation's cached messages lag
    // behind it (their record is written after the cursor and the list, and a tab can close in
    // between): then from the last one cached, so that nothing between is skipped.
    const newest = Math.max(cursor, ...conversations.map((c) => c.lastMessage?.id ?? 0));
    const held = active ? lastStoredId(this.#state.messages) : 0;
    const behind = held > 0 && held < (active?.lastMessage?.id ?? 0);
    this.#sync.restoreCursor(behind ? held : newest);
  }

  /** A fresh look at the settings; without them (`required`) the widget waits and retries. */
  async #revalidateSettings(required: boolean, fetched?: Promise<unknown>): Promise<void> {
    const result = await this.#settings.revalidate(fetched);
    if (this.#signal.aborted) return;
    if (result.ok) return this.#applySettings(result.raw, true);
    if (required || result.refused) {
      this.#fail('loading the widget settings', result.error);
      if (this.#state.status === 'loading') this.#set({ status: 'error' });
      if (!result.refused && this.#state.status === 'error') this.#settings.retryLater(() => this.#retrySettings());
    } else {
      this.#logOnce(`could not refresh the widget settings (${result.code}); using the cached ones`);
    }
  }

  /**
   * The server did not answer and there are no cached settings: once it answers, carry on as a
   * normal start (and open the chat if the visitor is waiting in the panel). True once ready.
   */
  #retrySettings(): Promise<boolean> {
    return this.#guard('loading the widget settings', async () => {
      if (this.#state.status !== 'error') return false;
      await this.#revalidateSettings(true);
      if ((this.#state as ChatState).status !== 'ready') return false;
      const session = await this.#session.stored();
      if (session) await this.#restore(session);
      if (this.#state.panelOpen) await this.open();
      else if (this.#state.session) this.#connect();
      return true;
    }).then((ready) => ready === true);
  }

  /** Applies settings (see SettingsSlice.resolve): the status, and the socket follows it. */
  #applySettings(raw: unknown, fresh: boolean): void {
    const { settings, status } = this.#settings.resolve(raw, fresh);
    if (status !== 'ready') this.#sync.disconnect();
    const error = this.#state.status === 'error' && status === 'ready' ? undefined : this.#state.error;
    const connection = status === 'ready' ? this.#sync.connection : 'idle';
    this.#set({ settings, status, error, connection });
    if (status === 'ready' && this.#restored) this.#connect();
  }

  // ---- opening, sessions, conversations ----------------------------------------------------------

  /**
   * The visitor opened the panel: makes sure there is a session and a conversation (the newest
   * open one, else a new one), loads its history, connects, and marks it read.
   */
  open(): Promise<void> {
    this.setPanelOpen(true);
    return this.#opening();
  }

  readonly #opening = singleFlight(() => this.#guard('opening the chat', () => this.#openChat()).then(() => undefined));

  async #openChat(): Promise<void> {
    await this.init();
    if (this.#state.status === 'error') await this.#revalidateSettings(true);
    for (let attempt = 0; attempt < 2; attempt++) {
      if (this.#state.status !== 'ready' || this.#signal.aborted) return;
      try {
        await this.#ensureConversation();
        const groupId = this.#state.activeGroupId;
        if (groupId) await this.#loadHistory(groupId);
        this.#connect();
        this.#session.touch();
        if (this.#state.panelOpen) await this.#markRead();
        return;
      } catch (error) {
        // A stored session the server no longer knows: start over once with a new one.
        if (attempt === 0 && errorCodeOf(error) === ERROR_CODES.invalidToken) await this.#dropSession();
        else throw error;
      }
    }
  }

  /** The visitor closed the panel. */
  close(): void {
    this.setPanelOpen(false);
  }

  setPanelOpen(open: boolean): void {
    if (this.#signal.aborted || this.#state.panelOpen === open) return;
    this.#set({ panelOpen: open });
    this.#session.savePrefs({ panelOpen: open });
    if (open) void this.markRead();
  }

  /** The session: the current one, else one another tab stored, else a new one (one at a time). */
  #ensureSession(): Promise<Session> {
    const existing = this.#state.session;
    if (existing) return Promise.resolve(existing);
    return this.#sessionPending();
  }

  readonly #sessionPending = singleFlight(() => this.#findOrCreateSession());

  async #findOrCreateSession(): Promise<Session> {
    // Another tab of this site may have started the chat since this one loaded: same visitor.
    const stored = await this.#session.stored();
    if (stored && !this.#signal.aborted) {
      await this.#restore(stored);
      if (this.#state.session) return this.#state.session;
    }
    const session = await this.#session.create();
    if (this.#signal.aborted) return session;
    this.#restored = true;
    this.#set({ session, users: withUsers(this.#state.users, [], [], session), error: undefined });
    this.#tabs.post({ type: 'session', userId: session.userId });
    return session;
  }

  /**
   * The active conversation's id and the session token, creating the session and conversation
   * first if needed (uploads need both before the message exists). Undefined when unavailable.
   */
  async ensureConversation(): Promise<{ groupId: string; token: string } | undefined> {
    return this.#guard('starting a conversation', async () => {
      await this.init();
      if (this.#state.status !== 'ready') return undefined;
      await this.#ensureConversation();
      const { activeGroupId, session } = this.#state;
      return activeGroupId && session ? { groupId: activeGroupId, token: session.token } : undefined;
    });
  }

  /** Makes sure there is an active conversation (one look-up at a time: never two new ones). */
  readonly #ensureConversation = singleFlight(() => this.#findOrCreateConversation());

  async #findOrCreateConversation(): Promise<void> {
    const session = await this.#ensureSession();
    if (this.#state.activeGroupId || this.#signal.aborted) return;
    const list = await this.#conversations.list(session.token);
    this.#replaceConversations(list);
    let conversation = newestOpen(list);
    if (!conversation) {
      conversation = await this.#conversations.create(session.token);
      this.#upsertConversation(conversation);
    }
    if (!this.#state.activeGroupId) await this.#activate(conversation.groupId);
  }

  /** Makes `groupId` the active conversation, showing its cached messages and pending sends. */
  async #activate(groupId: string): Promise<void> {
    const [cached, outbox] = await Promise.all([this.#store.getMessages(groupId), this.#delivery.pending(groupId)]);
    if (this.#signal.aborted) return;
    const self = this.#state.session?.userId ?? '';
    const pending = outbox.map((item) => pendingMessage(item, self));
    const current = this.#state.activeGroupId === groupId ? this.#state.messages : [];
    this.#receipts.clearTyping();
    this.#set({ activeGroupId: groupId, messages: mergeMessages(mergeMessages(cached, current), pending), typing: [] });
    this.#session.savePrefs({ activeGroupId: groupId });
  }

  async #loadHistory(groupId: string): Promise<void> {
    const session = this.#state.session;
    if (!session) return;
    const after = lastStoredId(this.#state.messages);
    for await (const batch of this.#conversations.history(session.token, groupId, after)) {
      if (this.#signal.aborted || this.#state.activeGroupId !== groupId) return;
      for (const m of batch) this.#receive(m, 'fetched');
    }
  }

  /** Shows another of the visitor's conversations. */
  selectConversation(groupId: string): Promise<void> {
    return this.#guard('opening a conversation', async () => {
      if (!this.#state.conversations.some((c) => c.groupId === groupId)) return;
      await this.#activate(groupId);
      await this.#loadHistory(groupId);
      if (this.#state.panelOpen) await this.#markRead();
    }).then(() => undefined);
  }

  /**
   * Starts a new conversation (`options` over the defaults of `setConversationDefaults`) and makes
   * it the active one. Resolves with its groupId, or undefined when it could not be started.
   */
  startConversation(options: ConversationOptions = {}): Promise<string | undefined> {
    return this.#guard('starting a conversation', async () => {
      await this.init();
      if (this.#state.status !== 'ready') return undefined;
      const session = await this.#ensureSession();
      const conversation = await this.#conversations.create(session.token, options);
      this.#upsertConversation(conversation);
      await this.#activate(conversation.groupId);
      await this.#loadHistory(conversation.groupId);
      this.#connect();
      return conversation.groupId;
    });
  }

  /** The page's defaults for the next conversation (`updateSettings`); merged over earlier ones. */
  setConversationDefaults(defaults: ConversationOptions): void {
    this.#conversations.setDefaults(defaults);
  }

  /** The visitor's remembered preferences (e.g. read-aloud on/off), for the widget's helpers. */
  get prefs(): { getPrefs(): Promise<Prefs>; setPrefs(patch: Prefs): Promise<void> } {
    return this.#session.prefsStore;
  }

  /**
   * CSAT: rates a resolved conversation. Resolves to undefined on success, else an error code
   * for the UI (the conversation keeps asking).
   */
  async rate(groupId: string, rating: number, comment?: string): Promise<string | undefined> {
    const session = this.#state.session;
    if (!session) return CLIENT_ERROR_CODES.offline;
    try {
      this.#upsertConversation(await this.#conversations.rate(session.token, groupId, rating, comment));
      return undefined;
    } catch (error) {
      return errorCodeOf(error);
    }
  }

  /**
   * Updates the visitor's record (the welcome/away e-mail, the pre-chat form, `updateUser()`),
   * creating the session first if needed. Resolves to undefined on success, else an error code.
   */
  async updateUser(details: Record<string, unknown>): Promise<string | undefined> {
    try {
      const session = await this.#ensureSession();
      const next = await this.#session.update(session, details);
      if (!next) return undefined;
      this.#set({ session: next, users: withUsers(this.#state.users, [], [], next) });
      return undefined;
    } catch (error) {
      return errorCodeOf(error);
    }
  }

  /**
   * Forgets the visitor: ends the session on the server (best effort: offline, the token still
   * expires), closes the socket and clears everything stored for this app.
   */
  logout(): Promise<void> {
    const token = this.#state.session?.token;
    if (token) this.#session.end(token);
    return this.#guard('logging out', async () => {
      await this.#dropSession();
      this.#tabs.post({ type: 'logout' });
    }).then(() => undefined);
  }

  async #dropSession(): Promise<void> {
    this.#sync.reset();
    await this.#session.clear();
    this.#forget();
  }

  /** Forgets the visitor in this tab only (what is stored is left alone). */
  #forget(): void {
    this.#sync.reset();
    this.#session.forget();
    this.#restored = false;
    this.#delivery.reset();
    this.#receipts.reset();
    this.#set(forgotten());
  }

  /** Another tab saved a session (this one joins it) or logged out (this one forgets). */
  #handleTabNews(news: TabNews): void {
    if (this.#signal.aborted) return;
    if (news.type === 'logout') {
      if (this.#state.session) this.#forget();
      return;
    }
    if (news.userId === this.#state.session?.userId) return;
    void this.#guard('joining the chat of another tab', async () => {
      await this.init();
      if (this.#state.status !== 'ready') return;
      const stored = await this.#session.stored();
      if (!stored || stored.userId === this.#state.session?.userId || this.#signal.aborted) return;
      if (this.#state.session) this.#forget();
      await this.#restore(stored);
      this.#connect();
    });
  }

  #connect(): void {
    const session = this.#state.session;
    if (session && this.#state.status === 'ready' && !this.#signal.aborted) this.#sync.connect(session.token);
  }

  // ---- conversations and incoming events -------------------------------------------------------

  /** `incoming` from the server, reconciled with what this tab holds (see reconcileConversation). */
  #reconcile(incoming: Conversation): Conversation {
    const held = this.#state.conversations.find((c) => c.groupId === incoming.groupId);
    const s = this.#state;
    const shown =
      incoming.groupId === s.activeGroupId && this.#sync.caughtUp
        ? { messages: s.messages, selfId: s.session?.userId }
        : undefined;
    return reconcileConversation(incoming, held, this.#receipts.readUpTo(incoming.groupId), shown);
  }

  #replaceConversations(fetched: readonly Conversation[]): void {
    const list = fetched.map((c) => this.#reconcile(c));
    this.#set({ conversations: list, users: withUsers(this.#state.users, list, [], this.#state.session) });
    void this.#store.setConversations(this.#state.conversations);
  }

  #upsertConversation(incoming: Conversation): void {
    const conversation = this.#reconcile(incoming);
    const conversations = upsertConversation(this.#state.conversations, conversation);
    this.#set({ conversations, users: withUsers(this.#state.users, [conversation], [], this.#state.session) });
    void this.#store.setConversations(this.#state.conversations);
  }

  async #refreshConversations(): Promise<void> {
    const session = this.#state.session;
    if (!session) return;
    const list = await this.#conversations.list(session.token);
    if (!this.#signal.aborted && this.#state.session === session) this.#replaceConversations(list);
  }

  /** Merges one stored message that arrived `how` (pushed, acknowledged, or fetched). */
  #receive(message: Message, how: Arrival): void {
    if (this.#signal.aborted) return;
    const { patch, own, active, seen, unknown } = messageArrived(this.#state, message, how === 'live');
    // A conversation we do not know yet (an agent started it): fetch the list.
    if (unknown) void this.#guard('loading conversations', () => this.#refreshConversations());
    this.#set(patch);
    if (patch.conversations) void this.#store.setConversations(this.#state.conversations);
    if (active) this.#saveMessages(message.groupId);
    // After the writes above: the stored cursor is written once they have landed.
    this.#sync.note(message.id, how);
    if (own && this.#delivery.stored(message.key)) this.#emit('message-sent', message);
    if (!seen && !own) {
      this.#emit('message-received', message);
      // Shown in the open panel, however it arrived (live or caught up): the server learns it is read.
      if (active && this.#state.panelOpen)
        this.#receipts.batch(() => {
          if (this.#state.panelOpen) void this.markRead();
        });
    }
  }

  #typingChanged(groupId: string, userId: string, typing: boolean): void {
    if (groupId !== this.#state.activeGroupId || userId === this.#state.session?.userId) return;
    this.#receipts.typingStopped(userId);
    if (typing) this.#receipts.typing(userId, () => this.#typingChanged(groupId, userId, false));
    const patch = typingChanged(this.#state, userId, typing);
    if (patch) this.#set(patch);
  }

  #readChanged(groupId: string, userId: string, id: number): void {
    const s = this.#state;
    if (userId === s.session?.userId) {
      // The visitor read it in another tab.
      this.#receipts.noteRead(groupId, id);
      const c = s.conversations.find((x) => x.groupId === groupId);
      if (!c || c.unreadCount === 0) return;
      if ((c.lastMessage?.id ?? 0) <= id) {
        this.#set(unreadCleared(s, groupId));
      } else {
        // Read up to a message before the last: only the server knows how many of those after it
        // count (notices, the visitor's own messages from another tab, ones this tab never saw).
        void this.#guard('loading conversations', () => this.#refreshConversations());
      }
    } else if (groupId === s.activeGroupId) {
      this.#set({ messages: markReadUpTo(s.messages, id) });
      this.#saveMessages(groupId);
    }
  }

  // ---- sending -------------------------------------------------------------------------------

  /**
   * Sends a text message: written to the outbox, shown at once as 'sending', then sent over the
   * socket. Empty or blank text is ignored. Resolves with the local message (or undefined).
   */
  send(text: string, options: { metadata?: Metadata; fileMeta?: FileMeta } = {}): Promise<LocalMessage | undefined> {
    const body = typeof text === 'string' ? text.trim() : '';
    if ((!body && !options.fileMeta) || this.#signal.aborted) return Promise.resolve(undefined);
    return this.#guard('sending a message', async () => {
      if (!this.#state.activeGroupId || !this.#state.session) {
        await this.init();
        if (this.#state.status !== 'ready') return undefined;
        await this.#ensureConversation();
      }
      const { session, activeGroupId } = this.#state;
      if (!session || !activeGroupId || this.#signal.aborted) return undefined;
      const local = createLocalMessage({
        groupId: activeGroupId,
        text: body,
        fromUserName: session.userId,
        now: this.#clock.now(),
        metadata: options.metadata,
        ...(options.fileMeta ? { fileMeta: options.fileMeta, contentType: CONTENT_TYPES.attachment } : {}),
      });
      const { key, groupId } = local;
      // Saved first, shown second: a message the visitor sees as "sending" survives a reload or
      // a closed tab even if that comes a moment after the click (the write takes milliseconds).
      await this.#delivery.queue(local);
      if (this.#signal.aborted) return local;
      this.#delivery.sending(key);
      if (this.#state.activeGroupId === groupId) this.#set({ messages: mergeMessages(this.#state.messages, [local]) });
      this.#session.touch();
      this.#connect();
      void this.#sync.flush();
      return local;
    });
  }

  #rejected(key: string, code: string): void {
    this.#set(deliveryFailed(this.#state, key, code));
    if (code === ERROR_CODES.invalidToken) void this.#guard('resuming the session', () => this.#dropSession());
  }

  /** Sends a failed message again (it keeps its place in the outbox's order). */
  retry(key: string): Promise<void> {
    return this.#guard('sending a message', async () => {
      const shown = () => this.#state.messages.find((m) => m.key === key && m.id === undefined);
      if (!(await this.#delivery.requeue(key, shown))) return;
      this.#set(deliveryRetried(this.#state, key));
      this.#connect();
      void this.#sync.flush();
    }).then(() => undefined);
  }

  /** Deletes a message that was not sent. */
  discard(key: string): Promise<void> {
    return this.#guard('discarding a message', async () => {
      await this.#delivery.discard(key);
      this.#set(pendingDiscarded(this.#state, key));
    }).then(() => undefined);
  }

  /** Tells the server the visitor has seen the active conversation up to its last message. */
  markRead(): Promise<void> {
    return this.#guard('marking messages read', () => this.#markRead()).then(() => undefined);
  }

  async #markRead(): Promise<void> {
    const { session, activeGroupId, conversations, messages } = this.#state;
    if (!session || !activeGroupId) return;
    const conversation = conversations.find((c) => c.groupId === activeGroupId);
    if (conversation && conversation.unreadCount > 0) {
      this.#set(unreadCleared(this.#state, activeGroupId));
      void this.#store.setConversations(this.#state.conversations);
    }
    const last = lastStoredId(messages);
    if (last) await this.#receipts.markRead(session.token, activeGroupId, last);
  }

  /** Tells the others in the active conversation that the visitor is (not) typing. */
  setTyping(typing: boolean): void {
    const groupId = this.#state.activeGroupId;
    if (groupId && !this.#signal.aborted) this.#sync.typing(groupId, typing);
  }

  // ---- persistence and teardown --------------------------------------------------------------

  #saveMessages(groupId: string): void {
    if (this.#state.activeGroupId !== groupId) return;
    const stored: Message[] = [];
    for (const m of this.#state.messages) {
      const s = toStoredMessage(m);
      if (s) stored.push(s);
    }
    void this.#store.setMessages(groupId, stored);
  }

  /** Closes the socket, cancels requests, and removes every listener and timer. */
  destroy(): void {
    if (this.#signal.aborted) return;
    this.#settings.stop();
    this.#sync.stop();
    this.#offTabs();
    if (!this.#tabsInjected) this.#tabs.close();
    this.#receipts.clearTyping();
    this.#abort.abort();
  }
}
