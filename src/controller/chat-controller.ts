/**
 * The one controller that owns the conversation state. Framework-free: an EventTarget that
 * dispatches `change` after every state change (read `state`), plus `message-received` and
 * `message-sent`. Talks to the network (`net`) and storage (`store`); the UI only renders its
 * state and calls its methods. No method throws or rejects: errors are logged once and show up
 * in `state.error` / `state.connection`.
 */
import { parseSettings, type InstallSettings } from '../core/config.js';
import { systemClock, type Clock, type TimerHandle } from '../core/clock.js';
import { isHostAllowed } from '../core/domain.js';
import {
  createLocalMessage,
  isFromVisitor,
  lastStoredId,
  markReadUpTo,
  mergeMessages,
  toOutgoing,
  toStoredMessage,
  type LocalMessage,
} from '../core/messages.js';
import { ERROR_CODES, type Conversation, type Message, type Metadata, type Session, type UserSummary } from '../core/protocol.js';
import { NetworkError, ParleyApiError, errorCodeOf } from '../net/errors.js';
import { createRealtimeClient, type ConnectionState, type RealtimeClient, type RealtimeOptions } from '../net/realtime.js';
import { createRestClient, type RestClient, type RestClientOptions } from '../net/rest.js';
import { createStore, type OutboxItem, type ParleyStore, type Prefs } from '../store/store.js';
import { OutboxSender } from './outbox.js';
import { initialState, newestOpen, sortConversations, totalUnread, type ChatState } from './state.js';

export interface ChatControllerOptions {
  install: InstallSettings;
  /** Defaults to `createStore(install.appId)`. */
  store?: ParleyStore;
  restFactory?: (options: RestClientOptions) => RestClient;
  realtimeFactory?: (options: RealtimeOptions) => RealtimeClient;
  clock?: Clock;
  /** The page's host name for the domain check (defaults to `location.hostname`). */
  hostname?: string;
  /** How long to wait for the server to acknowledge a message, ms. */
  ackTimeoutMs?: number;
  /** Random numbers in [0, 1) for retry jitter. */
  random?: () => number;
}

export type ChatMessageEvent = CustomEvent<{ message: Message }>;

/** Drops a stale typing indicator when its "stopped typing" never arrives. */
export const TYPING_EXPIRY_MS = 15000;
const HISTORY_PAGE = 200;
const HISTORY_PAGES_MAX = 10;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function freezeList<T>(list: readonly T[]): readonly T[] {
  return Object.freeze([...list]);
}

export class ChatController extends EventTarget {
  readonly install: InstallSettings;
  readonly #store: ParleyStore;
  readonly #rest: RestClient;
  readonly #realtimeFactory: (options: RealtimeOptions) => RealtimeClient;
  readonly #clock: Clock;
  readonly #hostname: string;
  readonly #outbox: OutboxSender;
  readonly #abort = new AbortController();

  #state: ChatState = initialState();
  #realtime: RealtimeClient | undefined;
  #realtimeOff: Array<() => void> = [];
  #init: Promise<void> | undefined;
  #opening: Promise<void> | undefined;
  #restored = false;
  #cursor = 0;
  /** Whether every message up to the cursor is held (caught up since the last connect). */
  #inSync = false;
  /** The largest id merged while not in sync. */
  #unsyncedMax = 0;
  /** Counts connection changes, so that a late catch-up cannot claim a newer connection. */
  #epoch = 0;
  #settingsLoaded = false;
  #destroyed = false;
  #logged = new Set<string>();
  #typingTimers = new Map<string, TimerHandle>();
  #readSent = new Map<string, number>();
  #prefs: Prefs = {};

  constructor(options: ChatControllerOptions) {
    super();
    this.install = options.install;
    this.#store = options.store ?? createStore(options.install.appId);
    this.#rest = (options.restFactory ?? createRestClient)({ server: options.install.server, appId: options.install.appId });
    this.#realtimeFactory = options.realtimeFactory ?? createRealtimeClient;
    this.#clock = options.clock ?? systemClock;
    this.#hostname = options.hostname ?? globalThis.location?.hostname ?? '';
    this.#outbox = new OutboxSender({
      store: this.#store,
      clock: this.#clock,
      ackTimeoutMs: options.ackTimeoutMs ?? 10000,
      random: options.random,
      hooks: {
        sent: (_item, stored) => this.#acknowledged(stored),
        rejected: (item, error) => this.#rejected(item.key, error.errorCode),
      },
    });
  }

  // ---- state ----------------------------------------------------------------------------------

  get state(): ChatState {
    return this.#state;
  }

  #set(patch: Partial<ChatState>): void {
    if (this.#destroyed) return;
    const next: Mutable<ChatState> = { ...this.#state, ...patch };
    if (patch.conversations) {
      const sorted = sortConversations(patch.conversations);
      next.conversations = freezeList(sorted);
      next.unreadCount = totalUnread(sorted);
    }
    if (patch.messages) next.messages = freezeList(patch.messages);
    if (patch.typing) next.typing = freezeList(patch.typing);
    this.#state = Object.freeze(next);
    this.dispatchEvent(new Event('change'));
  }

  #emit(type: 'message-received' | 'message-sent', message: Message): void {
    if (!this.#destroyed) this.dispatchEvent(new CustomEvent(type, { detail: { message } }));
  }

  /** Logs once per distinct text. */
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
    if (this.#destroyed || (error instanceof NetworkError && error.aborted)) return;
    const code = errorCodeOf(error);
    if (code === ERROR_CODES.widgetDisabled) return this.#setStatusFromServer('disabled');
    if (code === ERROR_CODES.originNotAllowed) return this.#setStatusFromServer('blocked');
    const known = error instanceof ParleyApiError || error instanceof NetworkError;
    this.#logOnce(`${what} failed (${code})`, known ? (error as Error).message : error);
    this.#set({ error: code });
  }

  #setStatusFromServer(status: 'disabled' | 'blocked'): void {
    if (status === 'blocked') this.#logBlocked();
    this.#closeRealtime();
    this.#set({ status, connection: 'idle' });
  }

  #logBlocked(): void {
    this.#logOnce(
      `the chat widget is not allowed on "${this.#hostname}": add this domain to the app's domain restriction list to show it here.`,
    );
  }

  // ---- start ----------------------------------------------------------------------------------

  /**
   * Loads cached settings and, only if a session is stored, the cached conversation (shown at
   * once), then revalidates the settings and, with a session, connects and catches up. Without
   * a stored session nothing is created and no socket is opened.
   */
  init(): Promise<void> {
    this.#init ??= this.#guard('starting the chat', () => this.#start()).then(() => this.#reportInit());
    return this.#init;
  }

  async #start(): Promise<void> {
    this.#set({ status: 'loading' });
    const [cached, stored, prefs] = await Promise.all([
      this.#store.getSettings(),
      this.#store.getSession(),
      this.#store.getPrefs(),
    ]);
    if (this.#destroyed) return;
    this.#prefs = prefs;
    const session = await this.#usableSession(stored);

    if (cached) {
      this.#applySettings(cached.raw, false);
      if (this.#state.status === 'ready' && session) await this.#restore(session);
    }

    await this.#revalidateSettings(!cached);
    if (this.#state.status !== 'ready') return;
    if (session && !this.#restored) await this.#restore(session);
    if (this.#state.session) {
      this.#connect();
      if (this.install.automaticChatOpenOnNavigation && this.#prefs.panelOpen === true) void this.open();
    }
  }

  #reportInit(): void {
    const onInit = this.install.onInit;
    if (!onInit || this.#destroyed) return;
    const { status, error } = this.#state;
    try {
      if (status === 'ready') onInit('success');
      else onInit('error', { status, error });
    } catch (e) {
      this.#logOnce('onInit threw', e);
    }
  }

  /** The stored session, unless it belongs to another visitor or has outlived the retention. */
  async #usableSession(session: Session | undefined): Promise<Session | undefined> {
    if (!session) return undefined;
    const otherUser = this.install.userId !== undefined && this.install.userId !== session.userId;
    const wrongApp = session.appId !== this.install.appId;
    if (otherUser || wrongApp) {
      await this.#store.clearAll();
      this.#prefs = {};
      return undefined;
    }
    return session;
  }

  /** True (and everything local dropped) when the visitor was away longer than the retention. */
  async #expired(): Promise<boolean> {
    const timeout = this.#state.settings.chatWidget.sessionTimeout;
    const last = this.#prefs.lastActiveAt;
    if (!(timeout > 0) || typeof last !== 'number' || this.#clock.now() - last <= timeout) return false;
    await this.#store.clearAll();
    this.#prefs = {};
    return true;
  }

  async #restore(session: Session): Promise<void> {
    if (this.#restored) return;
    this.#restored = true;
    if (await this.#expired()) return;
    const [conversations, cursor] = await Promise.all([this.#store.getConversations(), this.#store.getCursor()]);
    if (this.#destroyed) return;
    const preferred = typeof this.#prefs.activeGroupId === 'string' ? this.#prefs.activeGroupId : undefined;
    const active = conversations.find((c) => c.groupId === preferred) ?? newestOpen(conversations) ?? sortConversations(conversations)[0];
    this.#cursor = Math.max(cursor, ...conversations.map((c) => c.lastMessage?.id ?? 0));
    this.#set({ session, conversations, users: this.#usersWith(conversations, [], session) });
    if (active) await this.#activate(active.groupId);
  }

  async #revalidateSettings(required: boolean): Promise<void> {
    try {
      const raw = await this.#rest.getSettings(this.#abort.signal);
      if (this.#destroyed) return;
      void this.#store.setSettings(raw, this.#clock.now());
      this.#applySettings(raw, true);
    } catch (error) {
      const code = errorCodeOf(error);
      if (code === ERROR_CODES.widgetDisabled || code === ERROR_CODES.originNotAllowed || required) {
        this.#fail('loading the widget settings', error);
        if (this.#state.status === 'loading') this.#set({ status: 'error' });
      } else {
        // Stale settings are good enough; say so once.
        this.#logOnce(`could not refresh the widget settings (${code}); using the cached ones`);
      }
    }
  }

  /** Parses settings (page overrides win), logs problems once, and decides the status. */
  #applySettings(raw: unknown, fresh: boolean): void {
    const { settings, errors } = parseSettings(raw, this.install.widgetSettings);
    if (errors.length && fresh) this.#logOnce(`the widget settings have problems; using defaults for:\n - ${errors.join('\n - ')}`);
    this.#settingsLoaded = true;
    let status: ChatState['status'] = 'ready';
    if (settings.chatWidget.disableChatWidget) status = 'disabled';
    else if (!isHostAllowed(this.#hostname, settings.chatWidget.allowedDomains)) {
      status = 'blocked';
      this.#logBlocked();
    }
    if (status !== 'ready') this.#closeRealtime();
    const error = this.#state.status === 'error' && status === 'ready' ? undefined : this.#state.error;
    this.#set({ settings, status, error, ...(status === 'ready' ? {} : { connection: 'idle' as const }) });
    if (status === 'ready' && this.#state.session && this.#restored) this.#connect();
  }

  // ---- opening, sessions, conversations ----------------------------------------------------------

  /**
   * The visitor opened the panel: makes sure there is a session and a conversation (the newest
   * open one, else a new one), loads its history, connects, and marks it read.
   */
  open(): Promise<void> {
    this.setPanelOpen(true);
    this.#opening ??= this.#guard('opening the chat', () => this.#openChat()).then(() => {
      this.#opening = undefined;
    });
    return this.#opening;
  }

  async #openChat(): Promise<void> {
    await this.init();
    if (this.#state.status === 'error') await this.#revalidateSettings(true);
    for (let attempt = 0; attempt < 2; attempt++) {
      if (this.#state.status !== 'ready' || this.#destroyed) return;
      try {
        await this.#ensureConversation();
        const groupId = this.#state.activeGroupId;
        if (groupId) await this.#loadHistory(groupId);
        this.#connect();
        this.#touch();
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
    if (this.#destroyed || this.#state.panelOpen === open) return;
    this.#set({ panelOpen: open });
    this.#savePrefs({ panelOpen: open });
    if (open) void this.markRead();
  }

  async #ensureSession(): Promise<Session> {
    const existing = this.#state.session;
    if (existing) return existing;
    const i = this.install;
    const request = {
      userId: i.userId,
      userName: i.userName,
      email: i.email,
      imageLink: i.imageLink,
      contactNumber: i.contactNumber,
      metadata: Object.keys(i.metadata).length ? i.metadata : undefined,
    };
    const session = await this.#rest.createSession(request, this.#abort.signal);
    if (this.#destroyed) return session;
    await this.#store.setSession(session);
    this.#restored = true;
    this.#set({ session, users: this.#usersWith([], [], session), error: undefined });
    return session;
  }

  async #ensureConversation(): Promise<void> {
    const session = await this.#ensureSession();
    if (this.#state.activeGroupId || this.#destroyed) return;
    const list = await this.#rest.listConversations(session.token, this.#abort.signal);
    this.#replaceConversations(list);
    let conversation = newestOpen(list);
    if (!conversation) {
      conversation = await this.#rest.createConversation(
        session.token,
        { groupName: this.install.conversationTitle, metadata: this.install.metadata },
        this.#abort.signal,
      );
      this.#upsertConversation(conversation);
    }
    if (!this.#state.activeGroupId) await this.#activate(conversation.groupId);
  }

  /** Makes `groupId` the active conversation, showing its cached messages and pending sends. */
  async #activate(groupId: string): Promise<void> {
    const [cached, outbox] = await Promise.all([this.#store.getMessages(groupId), this.#store.listOutbox()]);
    if (this.#destroyed) return;
    const session = this.#state.session;
    const pending = outbox.filter((item) => item.groupId === groupId).map((item) => this.#pendingFrom(item, session));
    const current = this.#state.activeGroupId === groupId ? this.#state.messages : [];
    const typing: string[] = [];
    this.#clearTypingTimers();
    this.#set({ activeGroupId: groupId, messages: mergeMessages(mergeMessages(cached, current), pending), typing });
    this.#savePrefs({ activeGroupId: groupId });
  }

  #pendingFrom(item: OutboxItem, session: Session | undefined): LocalMessage {
    const local = createLocalMessage({
      key: item.key,
      groupId: item.groupId,
      text: item.message.message,
      fromUserName: session?.userId ?? '',
      now: item.createdAtTime,
      contentType: item.message.contentType,
      metadata: item.message.metadata,
      fileMeta: item.message.fileMeta,
    });
    return item.failed ? { ...local, deliveryState: 'failed', errorCode: item.failed } : local;
  }

  async #loadHistory(groupId: string): Promise<void> {
    const session = this.#state.session;
    if (!session) return;
    let after = lastStoredId(this.#state.messages);
    for (let page = 0; page < HISTORY_PAGES_MAX; page++) {
      const batch = await this.#rest.listMessages(
        session.token,
        groupId,
        { after: after || undefined, limit: HISTORY_PAGE },
        this.#abort.signal,
      );
      if (this.#destroyed || this.#state.activeGroupId !== groupId) return;
      for (const m of batch) this.#receive(m, 'fetched');
      if (batch.length < HISTORY_PAGE) break;
      after = lastStoredId(batch);
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

  /** Starts a new conversation and makes it the active one. */
  startConversation(options: { groupName?: string; metadata?: Metadata } = {}): Promise<void> {
    return this.#guard('starting a conversation', async () => {
      await this.init();
      if (this.#state.status !== 'ready') return;
      const session = await this.#ensureSession();
      const conversation = await this.#rest.createConversation(
        session.token,
        {
          groupName: options.groupName ?? this.install.conversationTitle,
          metadata: { ...this.install.metadata, ...(options.metadata ?? {}) },
        },
        this.#abort.signal,
      );
      this.#upsertConversation(conversation);
      await this.#activate(conversation.groupId);
      await this.#loadHistory(conversation.groupId);
      this.#connect();
    }).then(() => undefined);
  }

  /** Forgets the visitor: closes the socket and clears everything stored for this app. */
  logout(): Promise<void> {
    return this.#guard('logging out', () => this.#dropSession()).then(() => undefined);
  }

  async #dropSession(): Promise<void> {
    this.#closeRealtime();
    await this.#store.clearAll();
    this.#prefs = {};
    this.#restored = false;
    this.#cursor = 0;
    this.#inSync = false;
    this.#unsyncedMax = 0;
    this.#readSent.clear();
    this.#clearTypingTimers();
    this.#set({
      session: undefined,
      conversations: [],
      activeGroupId: undefined,
      messages: [],
      typing: [],
      users: new Map(),
      connection: 'idle',
      error: undefined,
    });
  }

  // ---- conversations -----------------------------------------------------------------------------

  #usersWith(conversations: readonly Conversation[], extra: readonly UserSummary[], session = this.#state.session): Map<string, UserSummary> {
    const users = new Map(this.#state.users);
    for (const c of conversations) for (const m of c.members) users.set(m.userId, m);
    for (const u of extra) users.set(u.userId, u);
    if (session) {
      const self: UserSummary = { userId: session.userId, userName: session.userName, role: 'user' };
      if (session.imageLink) self.imageLink = session.imageLink;
      users.set(session.userId, self);
    }
    return users;
  }

  #replaceConversations(list: readonly Conversation[]): void {
    this.#set({ conversations: list, users: this.#usersWith(list, []) });
    this.#cursor = Math.max(this.#cursor, ...list.map((c) => c.lastMessage?.id ?? 0));
    void this.#store.setConversations(this.#state.conversations);
  }

  #upsertConversation(conversation: Conversation): void {
    const list = this.#state.conversations;
    const old = list.find((c) => c.groupId === conversation.groupId);
    const merged: Conversation = old && !conversation.lastMessage && old.lastMessage ? { ...conversation, lastMessage: old.lastMessage } : conversation;
    const next = old ? list.map((c) => (c.groupId === conversation.groupId ? merged : c)) : [...list, merged];
    this.#set({ conversations: next, users: this.#usersWith([merged], []) });
    void this.#store.setConversations(this.#state.conversations);
  }

  async #refreshConversations(): Promise<void> {
    const session = this.#state.session;
    if (!session) return;
    const list = await this.#rest.listConversations(session.token, this.#abort.signal);
    if (!this.#destroyed && this.#state.session === session) this.#replaceConversations(list);
  }

  // ---- realtime ------------------------------------------------------------------------------

  #connect(): void {
    const session = this.#state.session;
    if (this.#realtime || this.#destroyed || this.#state.status !== 'ready' || !session) return;
    let rt: RealtimeClient;
    try {
      rt = this.#realtimeFactory({ server: this.install.server, appId: this.install.appId, token: session.token });
    } catch (error) {
      this.#fail('connecting', error);
      return;
    }
    this.#realtime = rt;
    this.#outbox.use(rt);
    this.#realtimeOff = [
      rt.onStateChange((state) => this.#connectionChanged(rt, state)),
      rt.on('message', (m) => this.#receive(m, 'live')),
      rt.on('conversation', (c) => this.#upsertConversation(c)),
      rt.on('user', (u) => this.#set({ users: this.#usersWith([], [u]) })),
      rt.on('typing', (e) => this.#typingChanged(e.groupId, e.userId, e.typing)),
      rt.on('read', (e) => this.#readChanged(e.groupId, e.userId, e.id)),
      rt.on('settings', (raw) => {
        void this.#store.setSettings(raw, this.#clock.now());
        this.#applySettings(raw, true);
      }),
      rt.on('presence', (e) => this.#set({ agentsOnline: e.agentsOnline })),
    ];
    this.#set({ connection: rt.state });
    if (rt.state === 'connected') this.#connectionChanged(rt, 'connected');
  }

  #closeRealtime(): void {
    for (const off of this.#realtimeOff) off();
    this.#realtimeOff = [];
    this.#outbox.use(undefined);
    const rt = this.#realtime;
    this.#realtime = undefined;
    rt?.close();
  }

  #connectionChanged(rt: RealtimeClient, state: ConnectionState): void {
    if (rt !== this.#realtime) return;
    this.#set({ connection: state });
    this.#inSync = false;
    const epoch = ++this.#epoch;
    if (state === 'connected') {
      void this.#guard('catching up', async () => {
        await this.#outbox.flush();
        await this.#catchUp(epoch);
      });
    } else if (state === 'offline' && rt.error) {
      const code = rt.error;
      if (code === ERROR_CODES.invalidToken) void this.#guard('resuming the session', () => this.#dropSession());
      else if (code === ERROR_CODES.widgetDisabled) this.#setStatusFromServer('disabled');
      else if (code === ERROR_CODES.originNotAllowed) this.#setStatusFromServer('blocked');
      else this.#set({ error: code });
    }
  }

  /** Everything newer than the last message held, then fresh conversation data (unread counts). */
  async #catchUp(epoch: number): Promise<void> {
    const session = this.#state.session;
    if (!session) return;
    for (let page = 0; page < HISTORY_PAGES_MAX; page++) {
      const after = this.#cursor;
      const batch = await this.#rest.getMessagesAfter(session.token, after, this.#abort.signal);
      if (this.#destroyed || this.#state.session !== session) return;
      for (const m of batch) this.#receive(m, 'fetched');
      if (batch.length === 0 || this.#cursor <= after) break;
    }
    if (epoch === this.#epoch && this.#realtime?.state === 'connected') {
      // Everything up to here is held now, including what was pushed meanwhile.
      this.#inSync = true;
      this.#advanceCursor(this.#unsyncedMax);
      this.#unsyncedMax = 0;
    }
    await this.#refreshConversations();
    if (this.#state.panelOpen) await this.#markRead();
  }

  /**
   * Merges one stored message: `live` (pushed), `ack` (our own, acknowledged) or `fetched`
   * (history or catch-up). Only fetched messages, or any while in sync, move the catch-up cursor:
   * a message pushed before the catch-up has run must not make it skip the ones missed.
   */
  #receive(message: Message, how: 'live' | 'ack' | 'fetched'): void {
    if (this.#destroyed) return;
    const live = how === 'live';
    const s = this.#state;
    const own = isFromVisitor(message) || message.fromUserName === s.session?.userId;
    const active = s.activeGroupId === message.groupId;
    const conversation = s.conversations.find((c) => c.groupId === message.groupId);
    const seen =
      (active && s.messages.some((m) => m.key === message.key && m.id !== undefined)) ||
      (conversation?.lastMessage !== undefined && conversation.lastMessage.id >= message.id);

    if (how === 'fetched' || this.#inSync) this.#advanceCursor(message.id);
    else this.#unsyncedMax = Math.max(this.#unsyncedMax, message.id);
    const patch: Partial<Mutable<ChatState>> = {};
    if (conversation) {
      const next: Conversation = { ...conversation };
      if (!conversation.lastMessage || conversation.lastMessage.id <= message.id) {
        next.lastMessage = message;
        next.updatedAtTime = Math.max(conversation.updatedAtTime, message.createdAtTime);
      }
      if (live && !seen && !own && !(s.panelOpen && active)) next.unreadCount = conversation.unreadCount + 1;
      patch.conversations = s.conversations.map((c) => (c === conversation ? next : c));
    } else if (live) {
      // A conversation we do not know yet (an agent started it): fetch the list.
      void this.#guard('loading conversations', () => this.#refreshConversations());
    }
    if (active) {
      patch.messages = mergeMessages(s.messages, [message]);
      if (s.typing.includes(message.fromUserName)) patch.typing = s.typing.filter((u) => u !== message.fromUserName);
    }
    this.#set(patch);
    if (patch.conversations) void this.#store.setConversations(this.#state.conversations);
    if (active) this.#saveMessages(message.groupId);
    if (own) void this.#store.removeOutbox(message.key);
    if (!seen && !own) {
      this.#emit('message-received', message);
      if (live && active && this.#state.panelOpen) void this.markRead();
    }
  }

  #advanceCursor(id: number): void {
    if (id <= this.#cursor) return;
    this.#cursor = id;
    void this.#store.setCursor(id);
  }

  #typingChanged(groupId: string, userId: string, typing: boolean): void {
    if (groupId !== this.#state.activeGroupId || userId === this.#state.session?.userId) return;
    const timer = this.#typingTimers.get(userId);
    if (timer !== undefined) this.#clock.clearTimeout(timer);
    this.#typingTimers.delete(userId);
    const others = this.#state.typing.filter((u) => u !== userId);
    if (typing) {
      this.#typingTimers.set(
        userId,
        this.#clock.setTimeout(() => this.#typingChanged(groupId, userId, false), TYPING_EXPIRY_MS),
      );
      this.#set({ typing: [...others, userId] });
    } else if (others.length !== this.#state.typing.length) {
      this.#set({ typing: others });
    }
  }

  #clearTypingTimers(): void {
    for (const timer of this.#typingTimers.values()) this.#clock.clearTimeout(timer);
    this.#typingTimers.clear();
  }

  #readChanged(groupId: string, userId: string, id: number): void {
    const s = this.#state;
    if (userId === s.session?.userId) {
      // Read in another tab.
      const conversation = s.conversations.find((c) => c.groupId === groupId);
      if (conversation && conversation.unreadCount > 0 && (conversation.lastMessage?.id ?? 0) <= id) {
        this.#set({ conversations: s.conversations.map((c) => (c === conversation ? { ...c, unreadCount: 0 } : c)) });
      }
      return;
    }
    if (groupId === s.activeGroupId) {
      this.#set({ messages: markReadUpTo(s.messages, id) });
      this.#saveMessages(groupId);
    }
  }

  // ---- sending -------------------------------------------------------------------------------

  /**
   * Sends a text message: shown at once as 'sending', written to the outbox, then sent over the
   * socket. Empty or blank text is ignored. Resolves with the local message (or undefined).
   */
  send(text: string, options: { metadata?: Metadata } = {}): Promise<LocalMessage | undefined> {
    const body = typeof text === 'string' ? text.trim() : '';
    if (!body || this.#destroyed) return Promise.resolve(undefined);
    return this.#guard('sending a message', async () => {
      if (!this.#state.activeGroupId || !this.#state.session) {
        await this.init();
        if (this.#state.status !== 'ready') return undefined;
        await this.#ensureConversation();
      }
      const { session, activeGroupId } = this.#state;
      if (!session || !activeGroupId || this.#destroyed) return undefined;
      const local = createLocalMessage({
        groupId: activeGroupId,
        text: body,
        fromUserName: session.userId,
        now: this.#clock.now(),
        metadata: options.metadata,
      });
      this.#set({ messages: mergeMessages(this.#state.messages, [local]) });
      await this.#store.putOutbox({ key: local.key, groupId: local.groupId, message: toOutgoing(local), createdAtTime: local.createdAtTime });
      this.#touch();
      this.#connect();
      void this.#guard('sending a message', () => this.#outbox.flush());
      return local;
    });
  }

  #acknowledged(stored: Message): void {
    this.#receive(stored, 'ack');
    this.#emit('message-sent', stored);
  }

  #rejected(key: string, code: string): void {
    this.#set({
      messages: this.#state.messages.map((m) =>
        m.key === key && m.id === undefined ? { ...m, deliveryState: 'failed', errorCode: code } : m,
      ),
    });
    if (code === ERROR_CODES.invalidToken) void this.#guard('resuming the session', () => this.#dropSession());
  }

  /** Sends a failed message again (it keeps its place in the outbox's order). */
  retry(key: string): Promise<void> {
    return this.#guard('sending a message', async () => {
      const item = (await this.#store.listOutbox()).find((i) => i.key === key);
      const message = this.#state.messages.find((m) => m.key === key && m.id === undefined);
      if (item) {
        const { failed: _failed, ...fresh } = item;
        await this.#store.putOutbox(fresh);
      } else if (message) {
        await this.#store.putOutbox({ key, groupId: message.groupId, message: toOutgoing(message), createdAtTime: message.createdAtTime });
      } else return;
      this.#set({
        messages: this.#state.messages.map((m) => {
          if (m.key !== key || m.id !== undefined) return m;
          const { errorCode: _code, ...rest } = m;
          return { ...rest, deliveryState: 'sending' };
        }),
      });
      this.#connect();
      void this.#guard('sending a message', () => this.#outbox.flush());
    }).then(() => undefined);
  }

  /** Deletes a message that was not sent. */
  discard(key: string): Promise<void> {
    return this.#guard('discarding a message', async () => {
      await this.#store.removeOutbox(key);
      this.#set({ messages: this.#state.messages.filter((m) => !(m.key === key && m.id === undefined)) });
    }).then(() => undefined);
  }

  /** Tells the server the visitor has seen the active conversation up to its last message. */
  markRead(): Promise<void> {
    return this.#guard('marking messages read', () => this.#markRead()).then(() => undefined);
  }

  async #markRead(): Promise<void> {
    const { session, activeGroupId, conversations, messages } = this.#state;
    if (!session || !activeGroupId) return;
    const last = lastStoredId(messages);
    const conversation = conversations.find((c) => c.groupId === activeGroupId);
    if (conversation && conversation.unreadCount > 0) {
      this.#set({ conversations: conversations.map((c) => (c === conversation ? { ...c, unreadCount: 0 } : c)) });
      void this.#store.setConversations(this.#state.conversations);
    }
    if (!last || (this.#readSent.get(activeGroupId) ?? 0) >= last) return;
    this.#readSent.set(activeGroupId, last);
    await this.#rest.markRead(session.token, activeGroupId, last, this.#abort.signal);
  }

  /** Tells the others in the active conversation that the visitor is (not) typing. */
  setTyping(typing: boolean): void {
    const groupId = this.#state.activeGroupId;
    if (groupId) this.#realtime?.typing(groupId, typing);
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

  #savePrefs(patch: Prefs): void {
    this.#prefs = { ...this.#prefs, ...patch };
    void this.#store.setPrefs(patch);
  }

  #touch(): void {
    this.#savePrefs({ lastActiveAt: this.#clock.now() });
  }

  /** Closes the socket, cancels requests, and removes every listener and timer. */
  destroy(): void {
    if (this.#destroyed) return;
    this.#closeRealtime();
    this.#outbox.stop();
    this.#clearTypingTimers();
    this.#destroyed = true;
    this.#abort.abort();
  }

  /** True once the catch-up after the latest (re)connect is done, until the connection changes. */
  get caughtUp(): boolean {
    return this.#inSync;
  }

  get destroyed(): boolean {
    return this.#destroyed;
  }

  /** Whether settings (cached or fresh) have been applied. */
  get settingsLoaded(): boolean {
    return this.#settingsLoaded;
  }
}
