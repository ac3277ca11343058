/**
 * The one controller that owns the conversation state. Framework-free: an EventTarget that
 * dispatches `change` after every state change (read `state`), plus `message-received` and
 * `message-sent` (`CustomEvent<{message}>`). Only it (through its slices) talks to `net` and
 * `store`; the UI renders its state and calls its methods. No method throws or rejects: errors are
 * logged once and show up as codes in `state.error` / `state.connection` (see failures.ts).
 *
 * A facade: it builds the slices, subscribes to what they report and turns each command into
 * calls down to them (src/controller/README.md has the map).
 */
import { systemClock } from '../core/clock.js';
import { CLIENT_ERROR_CODES } from '../core/errors.js';
import type { InstallSettings } from '../core/config.js';
import type { LocalMessage } from '../core/messages.js';
import type { ConversationOptions, Message } from '../core/protocol.js';
import type { ChatControllerEventMap, ChatControllerOptions } from './api.js';
import { errorCodeOf } from '../net/errors.js';
import { createRealtimeClient } from '../net/realtime.js';
import { createRestClient } from '../net/rest.js';
import { createStore, type Prefs } from '../store/store.js';
import { createTabChannel, type TabChannel } from '../store/tabs.js';
import { StateCell } from './cell.js';
import { ConversationsSlice } from './conversations.js';
import { DeliverySlice } from './delivery.js';
import { Failures, createLog } from './failures.js';
import { IntakeSlice } from './intake.js';
import { ReceiptsSlice } from './receipts.js';
import { SessionSlice } from './session.js';
import { SettingsSlice } from './settings.js';
import { StartSlice } from './start.js';
import { SendingSlice, type SendOptions } from './sending.js';
import { sessionUpdated, type ChatState } from './state.js';
import { ChatSync } from './sync.js';
import { VisitorSlice } from './visitor.js';
import { VisitorLocale } from './visitor-locale.js';

export type { ChatControllerEventMap, ChatControllerOptions, ChatMessageEvent } from './api.js';
export { TYPING_EXPIRY_MS } from './receipts.js';

export class ChatController extends EventTarget {
  readonly install: InstallSettings;
  /** Aborted by `destroy()`: every async path checks this signal (or passes it on) after a wait. */
  private readonly _abort = new AbortController();
  private readonly _signal = this._abort.signal;
  private readonly _cell: StateCell;
  private readonly _tabs: TabChannel;
  private readonly _tabsInjected: boolean;
  private readonly _offTabs: () => void;
  private readonly _sync: ChatSync;
  private readonly _settings: SettingsSlice;
  private readonly _session: SessionSlice;
  private readonly _conversations: ConversationsSlice;
  private readonly _receipts: ReceiptsSlice;
  private readonly _failures: Failures;
  private readonly _intake: IntakeSlice;
  private readonly _visitor: VisitorSlice;
  private readonly _start: StartSlice;
  private readonly _sending: SendingSlice;
  private readonly _locale: VisitorLocale;
  private readonly _delivery: DeliverySlice;

  constructor(options: ChatControllerOptions) {
    super();
    const install = (this.install = options.install);
    const { server, appId } = install;
    const signal = this._signal;
    const store = options.store ?? createStore(appId);
    const rest = (options.restFactory ?? createRestClient)({
      server,
      appId,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    const cell = (this._cell = new StateCell(signal, () => {
      this._locale.check(); // the visitor's locale follows the session
      this.dispatchEvent(new Event('change'));
    }));
    const log = createLog();
    const tabs = (this._tabs = options.tabs ?? createTabChannel(appId));
    this._tabsInjected = options.tabs !== undefined;
    // What the slices share; each takes the part it names in its options.
    const base = {
      ...{ install, server, appId, signal, store, rest, cell, log, tabs, random: options.random },
      clock: options.clock ?? systemClock,
      hostname: options.hostname ?? globalThis.location?.hostname ?? '',
      realtimeFactory: options.realtimeFactory ?? createRealtimeClient,
      ackTimeoutMs: options.ackTimeoutMs ?? 10000,
    };
    const settings = (this._settings = new SettingsSlice(base));
    const session = (this._session = new SessionSlice(base));
    this._locale = new VisitorLocale({ cell, session, signal });
    const token = () => cell.state.session?.token;
    const delivery = (this._delivery = new DeliverySlice({ ...base, token, uploader: options.uploader }));
    const sync = (this._sync = new ChatSync({ ...base, upload: (item) => delivery.upload(item) }));
    const receipts = (this._receipts = new ReceiptsSlice({ ...base, sync }));
    const conversations = (this._conversations = new ConversationsSlice(install, rest, signal));
    const failures = (this._failures = new Failures({ ...base, sync, settings }));
    const slices = { ...base, settings, session, receipts, conversations, sync, failures, delivery };
    const intake = (this._intake = new IntakeSlice(slices));
    const visitor = (this._visitor = new VisitorSlice({ ...slices, intake }));
    const start = (this._start = new StartSlice({ ...slices, intake, visitor }));
    this._sending = new SendingSlice({ ...slices, visitor });

    this._offTabs = tabs.on((news) => visitor.news(news));
    visitor.on(
      'joined',
      () =>
        void failures.guard('joining the chat of another tab', async () => {
          if (await start.ready()) await visitor.join();
        }),
    );
    intake.on('received', (m) => this._emit('message-received', m));
    intake.on('sent', (m) => this._emit('message-sent', m));
    sync.on('connection', (connection) => cell.set({ connection }));
    sync.on('refused', (code) => visitor.refused(code));
    sync.on('message', (m, how) => intake.receive(m, how));
    sync.on('sent', (m) => intake.receive(m, 'ack'));
    sync.on('rejected', (key, code) => visitor.rejected(key, code));
    sync.on('conversation', (c) => intake.upsert(c));
    sync.on('user', (u) => intake.user(u));
    sync.on('typing', (e) => intake.typing(e));
    sync.on('read', (e, state) => intake.read(e, state));
    sync.on('settings', (raw) => {
      settings.save(raw);
      start.applySettings(raw, true);
    });
    sync.on('presence', (e) => cell.set({ agentsOnline: e.agentsOnline, agentsByTeam: e.teams }));
    sync.on('caughtUp', () => void failures.guard('catching up', () => intake.caughtUp()));
    sync.on('failed', (what, error) => failures.fail(what, error));
  }

  get state(): ChatState {
    return this._cell.state;
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

  private _emit(type: 'message-received' | 'message-sent', message: Message): void {
    if (!this._signal.aborted) this.dispatchEvent(new CustomEvent(type, { detail: { message } }));
  }

  /** Runs `task`; a failure is logged once and becomes `state.error` (see failures.ts). */
  private _guard<T>(what: string, task: () => Promise<T>): Promise<T | undefined> {
    return this._failures.guard(what, task);
  }

  /**
   * Loads cached settings and, only if a session is stored, the cached conversation (shown at
   * once), then revalidates the settings and, with a session, connects and catches up. Without
   * a stored session nothing is created and no socket is opened. Runs once.
   */
  init(): Promise<void> {
    return this._start.init();
  }

  /**
   * The visitor opened the panel: makes sure there is a session and a conversation (the newest
   * open one, else a new one), loads its history, connects, and marks it read.
   */
  open(): Promise<void> {
    return this._start.open();
  }

  /** The visitor closed the panel. */
  close(): void {
    this.setPanelOpen(false);
  }

  setPanelOpen(open: boolean): void {
    this._start.setPanelOpen(open);
  }

  /**
   * The active conversation's id and the session token, creating the session and conversation
   * first if needed (uploads need both before the message exists). Undefined when unavailable.
   */
  async ensureConversation(): Promise<{ groupId: string; token: string } | undefined> {
    return this._guard('starting a conversation', async () => {
      if (!(await this._start.ready())) return undefined;
      await this._visitor.ensureConversation();
      const { activeGroupId, session } = this.state;
      return activeGroupId && session ? { groupId: activeGroupId, token: session.token } : undefined;
    });
  }

  /** The page of history before the oldest message shown (the visitor scrolled to the top). */
  loadOlder(): Promise<void> {
    return this._guard('loading older messages', () => this._intake.loadOlder()).then(() => undefined);
  }

  /**
   * Shows another of the visitor's conversations. One this tab does not know yet (a device new to
   * the visitor, one made elsewhere since): once the chat has opened, else once the server lists it.
   */
  selectConversation(groupId: string): Promise<void> {
    const known = () => this.state.conversations.some((c) => c.groupId === groupId);
    return this._guard('opening a conversation', async () => {
      if (!known()) await this._start.open();
      if (!known()) await this._intake.refresh();
      await this._intake.select(groupId);
    }).then(() => undefined);
  }

  /**
   * Starts a new conversation (`options` over the defaults of `setConversationDefaults`) and makes
   * it the active one. Resolves with its groupId, or undefined when it could not be started.
   */
  startConversation(options: ConversationOptions = {}): Promise<string | undefined> {
    return this._guard('starting a conversation', async () => {
      if (!(await this._start.ready())) return undefined;
      return this._visitor.startConversation(options);
    });
  }

  /** Settings not (yet) the server's, shown from now on instead of its own, never cached (a preview). */
  previewSettings(raw: unknown): void {
    this._start.preview = raw;
    this._start.applySettings(raw, true);
  }

  /** The team the next conversation will name, if the page says (`updateSettings`, install `metadata`). */
  get teamId(): string | undefined {
    return this._conversations.teamId;
  }

  /** The page's defaults for the next conversation (`updateSettings`); merged over earlier ones. */
  setConversationDefaults(defaults: ConversationOptions): void {
    this._conversations.setDefaults(defaults);
  }

  /** The visitor's BCP 47 locale, for staff: sent with a new session, else updated once (visitor-locale.ts). */
  setLocale(tag: string): void {
    this._locale.set(tag);
  }

  /** The visitor's remembered preferences (e.g. read-aloud on/off), for the widget's helpers. */
  get prefs(): { getPrefs(): Promise<Prefs>; setPrefs(patch: Prefs): Promise<void> } {
    return this._session.prefsStore;
  }

  /** The composer's unsent text per conversation, for the widget (`widget/drafts.ts`). */
  get drafts(): SessionSlice['draftStore'] {
    return this._session.draftStore;
  }

  /**
   * CSAT: rates a resolved conversation. Resolves to undefined on success, else an error code
   * for the UI (the conversation keeps asking).
   */
  async rate(groupId: string, rating: number, comment?: string): Promise<string | undefined> {
    const session = this.state.session;
    if (!session) return CLIENT_ERROR_CODES.offline;
    try {
      this._intake.upsert(await this._conversations.rate(session.token, groupId, rating, comment));
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
      const session = await this._visitor.ensureSession();
      const next = await this._session.update(session, details);
      if (next) this._cell.set(sessionUpdated(this.state, next));
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
    return this._guard('logging out', () => this._visitor.logout()).then(() => undefined);
  }

  /**
   * Sends a text message: written to the outbox, shown at once as 'sending', then sent over the
   * socket. Empty or blank text is ignored. Resolves with the local message (or undefined).
   */
  send(text: string, options: SendOptions = {}): Promise<LocalMessage | undefined> {
    const body = typeof text === 'string' ? text.trim() : '';
    if ((!body && !options.fileMeta && !options.file) || this._signal.aborted) return Promise.resolve(undefined);
    return this._guard('sending a message', async () => {
      if (!this.state.activeGroupId || !this.state.session) {
        if (!(await this._start.ready())) return undefined;
        await this._visitor.ensureConversation();
      }
      return this._sending.send(body, options);
    });
  }

  /** The visitor's own copy of the file of a message not sent yet (`localFileKey`), for its preview. */
  pendingFile(key: string): Blob | undefined {
    return this._delivery.loadedFiles?.get(key);
  }

  /** Sends a failed message again (it keeps its place in the outbox's order). */
  retry(key: string): Promise<void> {
    return this._guard('sending a message', () => this._sending.retry(key)).then(() => undefined);
  }

  /** Deletes a message that was not sent. */
  discard(key: string): Promise<void> {
    return this._guard('discarding a message', () => this._sending.discard(key)).then(() => undefined);
  }

  /** Tells the server the visitor has seen the active conversation up to its last message. */
  markRead(): Promise<void> {
    return this._guard('marking messages read', () => this._intake.markRead()).then(() => undefined);
  }

  /** Tells the others in the active conversation that the visitor is (not) typing. */
  setTyping(typing: boolean): void {
    const groupId = this.state.activeGroupId;
    if (groupId && !this._signal.aborted) this._sync.typing(groupId, typing);
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
