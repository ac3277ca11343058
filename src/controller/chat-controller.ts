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
  private readonly _store: ParleyStore;
  private readonly _rest: RestClient;
  private readonly _clock: Clock;
  /** Aborted by `destroy()`: every async path checks this signal (or passes it on) after a wait. */
  private readonly _abort = new AbortController();
  private readonly _signal = this._abort.signal;
  private readonly _sync: ChatSync;
  private readonly _tabs: TabChannel;
  private readonly _tabsInjected: boolean;
  private readonly _offTabs: () => void;

  private _state: ChatState = initialState();
  private _init: Promise<void> | undefined;
  private _restored = false;
  private readonly _conversations: ConversationsSlice;
  private readonly _logged = new Set<string>();
  private readonly _receipts: ReceiptsSlice;
  private readonly _settings: SettingsSlice;
  private readonly _session: SessionSlice;
  private readonly _delivery: DeliverySlice;

  constructor(options: ChatControllerOptions) {
    super();
    const install = options.install;
    this.install = install;
    this._store = options.store ?? createStore(install.appId);
    this._rest = (options.restFactory ?? createRestClient)({
      server: install.server,
      appId: install.appId,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    this._clock = options.clock ?? systemClock;
    this._delivery = new DeliverySlice(this._store);
    this._conversations = new ConversationsSlice(install, this._rest, this._signal);
    this._receipts = new ReceiptsSlice({ rest: this._rest, clock: this._clock, signal: this._signal });
    this._session = new SessionSlice({
      install,
      rest: this._rest,
      store: this._store,
      clock: this._clock,
      signal: this._signal,
    });
    this._settings = new SettingsSlice({
      install,
      rest: this._rest,
      store: this._store,
      clock: this._clock,
      hostname: options.hostname ?? globalThis.location?.hostname ?? '',
      random: options.random,
      signal: this._signal,
      logOnce: (text, detail) => this._logOnce(text, detail),
    });
    this._tabsInjected = options.tabs !== undefined;
    this._tabs = options.tabs ?? createTabChannel(install.appId);
    this._offTabs = this._tabs.on((news) => this._handleTabNews(news));
    this._sync = new ChatSync({
      server: install.server,
      appId: install.appId,
      store: this._store,
      rest: this._rest,
      realtimeFactory: options.realtimeFactory ?? createRealtimeClient,
      clock: this._clock,
      ackTimeoutMs: options.ackTimeoutMs ?? 10000,
      random: options.random,
      signal: this._abort.signal,
    });
    const sync = this._sync;
    sync.on('connection', (connection) => this._set({ connection }));
    sync.on('refused', (code) => this._refused(code));
    sync.on('message', (m, how) => this._receive(m, how));
    sync.on('sent', (m) => this._receive(m, 'ack'));
    sync.on('rejected', (key, code) => this._rejected(key, code));
    sync.on('conversation', (c) => this._upsertConversation(c));
    sync.on('user', (u) => this._userChanged(u));
    sync.on('typing', (e) => this._typingChanged(e.groupId, e.userId, e.typing));
    sync.on('read', (e) => this._readChanged(e.groupId, e.userId, e.id));
    sync.on('settings', (raw) => {
      this._settings.save(raw);
      this._applySettings(raw, true);
    });
    sync.on('presence', (e) => this._set({ agentsOnline: e.agentsOnline }));
    sync.on(
      'caughtUp',
      () =>
        void this._guard('catching up', async () => {
          await this._refreshConversations();
          if (this._state.panelOpen) await this._markRead();
        }),
    );
    sync.on('failed', (what, error) => this._fail(what, error));
  }

  // ---- state ----------------------------------------------------------------------------------

  get state(): ChatState {
    return this._state;
  }

  /** Listens to `change`, `message-received` or `message-sent`; returns its own unsubscribe. */
  on<T extends keyof ChatControllerEventMap>(type: T, fn: (event: ChatControllerEventMap[T]) => void): () => void {
    const listener = fn as EventListener;
    this.addEventListener(type, listener);
    return () => this.removeEventListener(type, listener);
  }

  /** True once the catch-up after the latest (re)connect is done, until the connection changes. */
  get caughtUp(): boolean {
    return this._sync.caughtUp;
  }

  get destroyed(): boolean {
    return this._signal.aborted;
  }

  private _set(patch: StatePatch): void {
    if (this._signal.aborted) return;
    this._state = applyPatch(this._state, patch);
    this.dispatchEvent(new Event('change'));
  }

  private _emit(type: 'message-received' | 'message-sent', message: Message): void {
    if (!this._signal.aborted) this.dispatchEvent(new CustomEvent(type, { detail: { message } }));
  }

  /** console.error, once per distinct text. */
  private _logOnce(text: string, detail?: unknown): void {
    if (this._logged.has(text)) return;
    this._logged.add(text);
    if (detail === undefined) console.error(`[parley] ${text}`);
    else console.error(`[parley] ${text}`, detail);
  }

  /** Runs `task`, turning any failure into state; never rejects. */
  private async _guard<T>(what: string, task: () => Promise<T>): Promise<T | undefined> {
    try {
      return await task();
    } catch (error) {
      this._fail(what, error);
      return undefined;
    }
  }

  private _fail(what: string, error: unknown): void {
    if (this._signal.aborted || (error instanceof NetworkError && error.aborted)) return;
    const code = errorCodeOf(error);
    if (code === ERROR_CODES.widgetDisabled) return this._shutOut('disabled');
    if (code === ERROR_CODES.originNotAllowed) return this._shutOut('blocked');
    const known = error instanceof ParleyApiError || error instanceof NetworkError;
    this._logOnce(`${what} failed (${code})`, known ? (error as Error).message : error);
    this._set({ error: code });
  }

  /** The server says this page may not chat: no socket, nothing shown. */
  private _shutOut(status: 'disabled' | 'blocked'): void {
    if (status === 'blocked') this._settings.logBlocked();
    this._sync.disconnect();
    this._set({ status, connection: 'idle' });
  }

  /** Someone's name or avatar changed; when it is the visitor, their session follows. */
  private _userChanged(user: UserSummary): void {
    let session = this._state.session;
    if (session && user.userId === session.userId) {
      session = { ...session, userName: user.userName, ...(user.imageLink ? { imageLink: user.imageLink } : {}) };
      this._session.save(session);
    }
    this._set({ session, users: withUsers(this._state.users, [], [user], session) });
  }

  private _refused(code: string): void {
    if (code === ERROR_CODES.invalidToken) void this._guard('resuming the session', () => this._dropSession());
    else if (code === ERROR_CODES.widgetDisabled) this._shutOut('disabled');
    else if (code === ERROR_CODES.originNotAllowed) this._shutOut('blocked');
    else this._set({ error: code });
  }

  // ---- start ----------------------------------------------------------------------------------

  /**
   * Loads cached settings and, only if a session is stored, the cached conversation (shown at
   * once), then revalidates the settings and, with a session, connects and catches up. Without
   * a stored session nothing is created and no socket is opened. Runs once.
   */
  init(): Promise<void> {
    this._init ??= this._guard('starting the chat', () => this._start()).then(() => this._reportInit());
    return this._init;
  }

  private async _start(): Promise<void> {
    this._set({ status: 'loading' });
    // The settings request goes out at once, in parallel with the first IndexedDB reads (whose
    // first open can take longer than the request on a slow device).
    const fetched = this._settings.fetch();
    // Fresh settings that arrive before storage has answered are applied at once: the launcher
    // does not wait for IndexedDB (whose first open is slow), and no older cached copy follows.
    let storageRead = false;
    let freshFirst = false;
    fetched.then(
      (raw) => {
        if (storageRead || this._signal.aborted) return;
        freshFirst = true;
        this._applySettings(raw, true);
      },
      () => undefined, // awaited (and its error handled) in _revalidateSettings
    );
    const [cached, stored] = await Promise.all([this._settings.cached(), this._session.load()]);
    storageRead = true;
    if (this._signal.aborted) return;
    const session = await this._session.usable(stored);
    const reopen = () => this.install.automaticChatOpenOnNavigation && this._session.prefs.panelOpen === true;
    if (cached && !freshFirst) {
      this._applySettings(cached.raw, false);
      if (this._state.status === 'ready' && session) {
        await this._restore(session);
        // The cached conversation shows at once, before the network has answered.
        if (this._state.session && reopen()) this.setPanelOpen(true);
      }
    }
    await this._revalidateSettings(!cached, fetched);
    if (this._state.status !== 'ready') return;
    if (session) await this._restore(session);
    if (this._state.session) {
      this._connect();
      if (reopen()) void this.open();
    }
  }

  private _reportInit(): void {
    const onInit = this.install.onInit;
    if (!onInit || this._signal.aborted) return;
    const { status, error } = this._state;
    try {
      if (status === 'ready') onInit('success');
      else onInit('error', { status, error });
    } catch (e) {
      this._logOnce('onInit threw', e);
    }
  }

  /** Shows the stored conversations and the active one's cached messages. */
  private async _restore(session: Session): Promise<void> {
    if (this._restored) return;
    this._restored = true;
    if (await this._session.expired(this._state.settings.chatWidget.sessionTimeout)) return;
    const [conversations, cursor] = await Promise.all([this._store.getConversations(), this._store.getCursor()]);
    if (this._signal.aborted) return;
    const preferred = conversations.find((c) => c.groupId === this._session.prefs.activeGroupId);
    const active = preferred ?? newestOpen(conversations) ?? sortConversations(conversations)[0];
    this._set({ session, conversations, users: withUsers(this._state.users, conversations, [], session) });
    if (active) await this._activate(active.groupId);
    // Catch up from the newest message known, unless the open conversation's cached messages lag
    // behind it (their record is written after the cursor and the list, and a tab can close in
    // between): then from the last one cached, so that nothing between is skipped.
    const newest = Math.max(cursor, ...conversations.map((c) => c.lastMessage?.id ?? 0));
    const held = active ? lastStoredId(this._state.messages) : 0;
    const behind = held > 0 && held < (active?.lastMessage?.id ?? 0);
    this._sync.restoreCursor(behind ? held : newest);
  }

  /** A fresh look at the settings; without them (`required`) the widget waits and retries. */
  private async _revalidateSettings(required: boolean, fetched?: Promise<unknown>): Promise<void> {
    const result = await this._settings.revalidate(fetched);
    if (this._signal.aborted) return;
    if (result.ok) return this._applySettings(result.raw, true);
    if (required || result.refused) {
      this._fail('loading the widget settings', result.error);
      if (this._state.status === 'loading') this._set({ status: 'error' });
      if (!result.refused && this._state.status === 'error') this._settings.retryLater(() => this._retrySettings());
    } else {
      this._logOnce(`could not refresh the widget settings (${result.code}); using the cached ones`);
    }
  }

  /**
   * The server did not answer and there are no cached settings: once it answers, carry on as a
   * normal start (and open the chat if the visitor is waiting in the panel). True once ready.
   */
  private _retrySettings(): Promise<boolean> {
    return this._guard('loading the widget settings', async () => {
      if (this._state.status !== 'error') return false;
      await this._revalidateSettings(true);
      if ((this._state as ChatState).status !== 'ready') return false;
      const session = await this._session.stored();
      if (session) await this._restore(session);
      if (this._state.panelOpen) await this.open();
      else if (this._state.session) this._connect();
      return true;
    }).then((ready) => ready === true);
  }

  /** Applies settings (see SettingsSlice.resolve): the status, and the socket follows it. */
  private _applySettings(raw: unknown, fresh: boolean): void {
    const { settings, status } = this._settings.resolve(raw, fresh);
    if (status !== 'ready') this._sync.disconnect();
    const error = this._state.status === 'error' && status === 'ready' ? undefined : this._state.error;
    const connection = status === 'ready' ? this._sync.connection : 'idle';
    this._set({ settings, status, error, connection });
    if (status === 'ready' && this._restored) this._connect();
  }

  // ---- opening, sessions, conversations ----------------------------------------------------------

  /**
   * The visitor opened the panel: makes sure there is a session and a conversation (the newest
   * open one, else a new one), loads its history, connects, and marks it read.
   */
  open(): Promise<void> {
    this.setPanelOpen(true);
    return this._opening();
  }

  private readonly _opening = singleFlight(() =>
    this._guard('opening the chat', () => this._openChat()).then(() => undefined),
  );

  private async _openChat(): Promise<void> {
    await this.init();
    if (this._state.status === 'error') await this._revalidateSettings(true);
    for (let attempt = 0; attempt < 2; attempt++) {
      if (this._state.status !== 'ready' || this._signal.aborted) return;
      try {
        await this._ensureConversation();
        const groupId = this._state.activeGroupId;
        if (groupId) await this._loadHistory(groupId);
        this._connect();
        this._session.touch();
        if (this._state.panelOpen) await this._markRead();
        return;
      } catch (error) {
        // A stored session the server no longer knows: start over once with a new one.
        if (attempt === 0 && errorCodeOf(error) === ERROR_CODES.invalidToken) await this._dropSession();
        else throw error;
      }
    }
  }

  /** The visitor closed the panel. */
  close(): void {
    this.setPanelOpen(false);
  }

  setPanelOpen(open: boolean): void {
    if (this._signal.aborted || this._state.panelOpen === open) return;
    this._set({ panelOpen: open });
    this._session.savePrefs({ panelOpen: open });
    if (open) void this.markRead();
  }

  /** The session: the current one, else one another tab stored, else a new one (one at a time). */
  private _ensureSession(): Promise<Session> {
    const existing = this._state.session;
    if (existing) return Promise.resolve(existing);
    return this._sessionPending();
  }

  private readonly _sessionPending = singleFlight(() => this._findOrCreateSession());

  private async _findOrCreateSession(): Promise<Session> {
    // Another tab of this site may have started the chat since this one loaded: same visitor.
    const stored = await this._session.stored();
    if (stored && !this._signal.aborted) {
      await this._restore(stored);
      if (this._state.session) return this._state.session;
    }
    const session = await this._session.create();
    if (this._signal.aborted) return session;
    this._restored = true;
    this._set({ session, users: withUsers(this._state.users, [], [], session), error: undefined });
    this._tabs.post({ type: 'session', userId: session.userId });
    return session;
  }

  /**
   * The active conversation's id and the session token, creating the session and conversation
   * first if needed (uploads need both before the message exists). Undefined when unavailable.
   */
  async ensureConversation(): Promise<{ groupId: string; token: string } | undefined> {
    return this._guard('starting a conversation', async () => {
      await this.init();
      if (this._state.status !== 'ready') return undefined;
      await this._ensureConversation();
      const { activeGroupId, session } = this._state;
      return activeGroupId && session ? { groupId: activeGroupId, token: session.token } : undefined;
    });
  }

  /** Makes sure there is an active conversation (one look-up at a time: never two new ones). */
  private readonly _ensureConversation = singleFlight(() => this._findOrCreateConversation());

  private async _findOrCreateConversation(): Promise<void> {
    const session = await this._ensureSession();
    if (this._state.activeGroupId || this._signal.aborted) return;
    const list = await this._conversations.list(session.token);
    this._replaceConversations(list);
    let conversation = newestOpen(list);
    if (!conversation) {
      conversation = await this._conversations.create(session.token);
      this._upsertConversation(conversation);
    }
    if (!this._state.activeGroupId) await this._activate(conversation.groupId);
  }

  /** Makes `groupId` the active conversation, showing its cached messages and pending sends. */
  private async _activate(groupId: string): Promise<void> {
    const [cached, outbox] = await Promise.all([this._store.getMessages(groupId), this._delivery.pending(groupId)]);
    if (this._signal.aborted) return;
    const self = this._state.session?.userId ?? '';
    const pending = outbox.map((item) => pendingMessage(item, self));
    const current = this._state.activeGroupId === groupId ? this._state.messages : [];
    this._receipts.clearTyping();
    this._set({ activeGroupId: groupId, messages: mergeMessages(mergeMessages(cached, current), pending), typing: [] });
    this._session.savePrefs({ activeGroupId: groupId });
  }

  private async _loadHistory(groupId: string): Promise<void> {
    const session = this._state.session;
    if (!session) return;
    const after = lastStoredId(this._state.messages);
    for await (const batch of this._conversations.history(session.token, groupId, after)) {
      if (this._signal.aborted || this._state.activeGroupId !== groupId) return;
      for (const m of batch) this._receive(m, 'fetched');
    }
  }

  /** Shows another of the visitor's conversations. */
  selectConversation(groupId: string): Promise<void> {
    return this._guard('opening a conversation', async () => {
      if (!this._state.conversations.some((c) => c.groupId === groupId)) return;
      await this._activate(groupId);
      await this._loadHistory(groupId);
      if (this._state.panelOpen) await this._markRead();
    }).then(() => undefined);
  }

  /**
   * Starts a new conversation (`options` over the defaults of `setConversationDefaults`) and makes
   * it the active one. Resolves with its groupId, or undefined when it could not be started.
   */
  startConversation(options: ConversationOptions = {}): Promise<string | undefined> {
    return this._guard('starting a conversation', async () => {
      await this.init();
      if (this._state.status !== 'ready') return undefined;
      const session = await this._ensureSession();
      const conversation = await this._conversations.create(session.token, options);
      this._upsertConversation(conversation);
      await this._activate(conversation.groupId);
      await this._loadHistory(conversation.groupId);
      this._connect();
      return conversation.groupId;
    });
  }

  /** The page's defaults for the next conversation (`updateSettings`); merged over earlier ones. */
  setConversationDefaults(defaults: ConversationOptions): void {
    this._conversations.setDefaults(defaults);
  }

  /** The visitor's remembered preferences (e.g. read-aloud on/off), for the widget's helpers. */
  get prefs(): { getPrefs(): Promise<Prefs>; setPrefs(patch: Prefs): Promise<void> } {
    return this._session.prefsStore;
  }

  /**
   * CSAT: rates a resolved conversation. Resolves to undefined on success, else an error code
   * for the UI (the conversation keeps asking).
   */
  async rate(groupId: string, rating: number, comment?: string): Promise<string | undefined> {
    const session = this._state.session;
    if (!session) return CLIENT_ERROR_CODES.offline;
    try {
      this._upsertConversation(await this._conversations.rate(session.token, groupId, rating, comment));
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
      const session = await this._ensureSession();
      const next = await this._session.update(session, details);
      if (!next) return undefined;
      this._set({ session: next, users: withUsers(this._state.users, [], [], next) });
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
    const token = this._state.session?.token;
    if (token) this._session.end(token);
    return this._guard('logging out', async () => {
      await this._dropSession();
      this._tabs.post({ type: 'logout' });
    }).then(() => undefined);
  }

  private async _dropSession(): Promise<void> {
    this._sync.reset();
    await this._session.clear();
    this._forget();
  }

  /** Forgets the visitor in this tab only (what is stored is left alone). */
  private _forget(): void {
    this._sync.reset();
    this._session.forget();
    this._restored = false;
    this._delivery.reset();
    this._receipts.reset();
    this._set(forgotten());
  }

  /** Another tab saved a session (this one joins it) or logged out (this one forgets). */
  private _handleTabNews(news: TabNews): void {
    if (this._signal.aborted) return;
    if (news.type === 'logout') {
      if (this._state.session) this._forget();
      return;
    }
    if (news.userId === this._state.session?.userId) return;
    void this._guard('joining the chat of another tab', async () => {
      await this.init();
      if (this._state.status !== 'ready') return;
      const stored = await this._session.stored();
      if (!stored || stored.userId === this._state.session?.userId || this._signal.aborted) return;
      if (this._state.session) this._forget();
      await this._restore(stored);
      this._connect();
    });
  }

  private _connect(): void {
    const session = this._state.session;
    if (session && this._state.status === 'ready' && !this._signal.aborted) this._sync.connect(session.token);
  }

  // ---- conversations and incoming events -------------------------------------------------------

  /** `incoming` from the server, reconciled with what this tab holds (see reconcileConversation). */
  private _reconcile(incoming: Conversation): Conversation {
    const held = this._state.conversations.find((c) => c.groupId === incoming.groupId);
    const s = this._state;
    const shown =
      incoming.groupId === s.activeGroupId && this._sync.caughtUp
        ? { messages: s.messages, selfId: s.session?.userId }
        : undefined;
    return reconcileConversation(incoming, held, this._receipts.readUpTo(incoming.groupId), shown);
  }

  private _replaceConversations(fetched: readonly Conversation[]): void {
    const list = fetched.map((c) => this._reconcile(c));
    this._set({ conversations: list, users: withUsers(this._state.users, list, [], this._state.session) });
    void this._store.setConversations(this._state.conversations);
  }

  private _upsertConversation(incoming: Conversation): void {
    const conversation = this._reconcile(incoming);
    const conversations = upsertConversation(this._state.conversations, conversation);
    this._set({ conversations, users: withUsers(this._state.users, [conversation], [], this._state.session) });
    void this._store.setConversations(this._state.conversations);
  }

  private async _refreshConversations(): Promise<void> {
    const session = this._state.session;
    if (!session) return;
    const list = await this._conversations.list(session.token);
    if (!this._signal.aborted && this._state.session === session) this._replaceConversations(list);
  }

  /** Merges one stored message that arrived `how` (pushed, acknowledged, or fetched). */
  private _receive(message: Message, how: Arrival): void {
    if (this._signal.aborted) return;
    const { patch, own, active, seen, unknown } = messageArrived(this._state, message, how === 'live');
    // A conversation we do not know yet (an agent started it): fetch the list.
    if (unknown) void this._guard('loading conversations', () => this._refreshConversations());
    this._set(patch);
    if (patch.conversations) void this._store.setConversations(this._state.conversations);
    if (active) this._saveMessages(message.groupId);
    // After the writes above: the stored cursor is written once they have landed.
    this._sync.note(message.id, how);
    if (own && this._delivery.stored(message.key)) this._emit('message-sent', message);
    if (!seen && !own) {
      this._emit('message-received', message);
      // Shown in the open panel, however it arrived (live or caught up): the server learns it is read.
      if (active && this._state.panelOpen)
        this._receipts.batch(() => {
          if (this._state.panelOpen) void this.markRead();
        });
    }
  }

  private _typingChanged(groupId: string, userId: string, typing: boolean): void {
    if (groupId !== this._state.activeGroupId || userId === this._state.session?.userId) return;
    this._receipts.typingStopped(userId);
    if (typing) this._receipts.typing(userId, () => this._typingChanged(groupId, userId, false));
    const patch = typingChanged(this._state, userId, typing);
    if (patch) this._set(patch);
  }

  private _readChanged(groupId: string, userId: string, id: number): void {
    const s = this._state;
    if (userId === s.session?.userId) {
      // The visitor read it in another tab.
      this._receipts.noteRead(groupId, id);
      const c = s.conversations.find((x) => x.groupId === groupId);
      if (!c || c.unreadCount === 0) return;
      if ((c.lastMessage?.id ?? 0) <= id) {
        this._set(unreadCleared(s, groupId));
      } else {
        // Read up to a message before the last: only the server knows how many of those after it
        // count (notices, the visitor's own messages from another tab, ones this tab never saw).
        void this._guard('loading conversations', () => this._refreshConversations());
      }
    } else if (groupId === s.activeGroupId) {
      this._set({ messages: markReadUpTo(s.messages, id) });
      this._saveMessages(groupId);
    }
  }

  // ---- sending -------------------------------------------------------------------------------

  /**
   * Sends a text message: written to the outbox, shown at once as 'sending', then sent over the
   * socket. Empty or blank text is ignored. Resolves with the local message (or undefined).
   */
  send(text: string, options: { metadata?: Metadata; fileMeta?: FileMeta } = {}): Promise<LocalMessage | undefined> {
    const body = typeof text === 'string' ? text.trim() : '';
    if ((!body && !options.fileMeta) || this._signal.aborted) return Promise.resolve(undefined);
    return this._guard('sending a message', async () => {
      if (!this._state.activeGroupId || !this._state.session) {
        await this.init();
        if (this._state.status !== 'ready') return undefined;
        await this._ensureConversation();
      }
      const { session, activeGroupId } = this._state;
      if (!session || !activeGroupId || this._signal.aborted) return undefined;
      const local = createLocalMessage({
        groupId: activeGroupId,
        text: body,
        fromUserName: session.userId,
        now: this._clock.now(),
        metadata: options.metadata,
        ...(options.fileMeta ? { fileMeta: options.fileMeta, contentType: CONTENT_TYPES.attachment } : {}),
      });
      const { key, groupId } = local;
      // Saved first, shown second: a message the visitor sees as "sending" survives a reload or
      // a closed tab even if that comes a moment after the click (the write takes milliseconds).
      await this._delivery.queue(local);
      if (this._signal.aborted) return local;
      this._delivery.sending(key);
      if (this._state.activeGroupId === groupId) this._set({ messages: mergeMessages(this._state.messages, [local]) });
      this._session.touch();
      this._connect();
      void this._sync.flush();
      return local;
    });
  }

  private _rejected(key: string, code: string): void {
    this._set(deliveryFailed(this._state, key, code));
    if (code === ERROR_CODES.invalidToken) void this._guard('resuming the session', () => this._dropSession());
  }

  /** Sends a failed message again (it keeps its place in the outbox's order). */
  retry(key: string): Promise<void> {
    return this._guard('sending a message', async () => {
      const shown = () => this._state.messages.find((m) => m.key === key && m.id === undefined);
      if (!(await this._delivery.requeue(key, shown))) return;
      this._set(deliveryRetried(this._state, key));
      this._connect();
      void this._sync.flush();
    }).then(() => undefined);
  }

  /** Deletes a message that was not sent. */
  discard(key: string): Promise<void> {
    return this._guard('discarding a message', async () => {
      await this._delivery.discard(key);
      this._set(pendingDiscarded(this._state, key));
    }).then(() => undefined);
  }

  /** Tells the server the visitor has seen the active conversation up to its last message. */
  markRead(): Promise<void> {
    return this._guard('marking messages read', () => this._markRead()).then(() => undefined);
  }

  private async _markRead(): Promise<void> {
    const { session, activeGroupId, conversations, messages } = this._state;
    if (!session || !activeGroupId) return;
    const conversation = conversations.find((c) => c.groupId === activeGroupId);
    if (conversation && conversation.unreadCount > 0) {
      this._set(unreadCleared(this._state, activeGroupId));
      void this._store.setConversations(this._state.conversations);
    }
    const last = lastStoredId(messages);
    if (last) await this._receipts.markRead(session.token, activeGroupId, last);
  }

  /** Tells the others in the active conversation that the visitor is (not) typing. */
  setTyping(typing: boolean): void {
    const groupId = this._state.activeGroupId;
    if (groupId && !this._signal.aborted) this._sync.typing(groupId, typing);
  }

  // ---- persistence and teardown --------------------------------------------------------------

  private _saveMessages(groupId: string): void {
    if (this._state.activeGroupId !== groupId) return;
    const stored: Message[] = [];
    for (const m of this._state.messages) {
      const s = toStoredMessage(m);
      if (s) stored.push(s);
    }
    void this._store.setMessages(groupId, stored);
  }

  /** Closes the socket, cancels requests, and removes every listener and timer. */
  destroy(): void {
    if (this._signal.aborted) return;
    this._settings.stop();
    this._sync.stop();
    this._offTabs();
    if (!this._tabsInjected) this._tabs.close();
    this._receipts.clearTyping();
    this._abort.abort();
  }
}
