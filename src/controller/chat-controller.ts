/**
 * The one controller that owns the conversation state. Framework-free: an EventTarget that
 * dispatches `change` after every state change (read `state`), plus `message-received` and
 * `message-sent` (`CustomEvent<{message}>`). Only it (through its slices) talks to `net` and
 * `store`; the UI renders its state and calls its methods. No method throws or rejects: errors are
 * logged once and show up as codes in `state.error` / `state.connection` (see failures.ts).
 *
 * A facade: it turns each command into calls down to the slices, built and wired in wiring.ts
 * (src/controller/README.md has the map).
 */
import { CLIENT_ERROR_CODES } from '../core/errors.js';
import type { InstallSettings } from '../core/config.js';
import type { LocalMessage } from '../core/messages.js';
import type { ConversationOptions, Message } from '../core/protocol.js';
import type { ChatControllerEventMap, ChatControllerOptions } from './api.js';
import { errorCodeOf } from '../net/errors.js';
import type { Prefs } from '../store/store.js';
import { StateCell } from './cell.js';
import type { SendOptions } from './sending.js';
import type { SessionSlice } from './session.js';
import { sessionUpdated, type ChatState } from './state.js';
import { VisitorLocale } from './visitor-locale.js';
import { buildSlices, wireSlices, type Slices } from './wiring.js';

export type { ChatControllerEventMap, ChatControllerOptions, ChatMessageEvent } from './api.js';
export { TYPING_EXPIRY_MS } from './receipts.js';

export class ChatController extends EventTarget {
  readonly install: InstallSettings;
  /** Aborted by `destroy()`: every async path checks this signal (or passes it on) after a wait. */
  private readonly _abort = new AbortController();
  private readonly _signal = this._abort.signal;
  private readonly _cell: StateCell;
  /** The slices (wiring.ts). */
  private readonly _s: Slices;
  private readonly _offTabs: () => void;
  private readonly _locale: VisitorLocale;

  constructor(options: ChatControllerOptions) {
    super();
    this.install = options.install;
    const signal = this._signal;
    const cell = (this._cell = new StateCell(signal, () => {
      this._locale.check(); // the visitor's locale follows the session
      this.dispatchEvent(new Event('change'));
    }));
    const s = (this._s = buildSlices(options, cell, signal));
    this._locale = new VisitorLocale({ cell, session: s.session, signal });
    this._offTabs = wireSlices(s, (type, m) => this._emit(type, m));
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
    return this._s.sync.caughtUp;
  }

  get destroyed(): boolean {
    return this._signal.aborted;
  }

  private _emit(type: 'message-received' | 'message-sent', message: Message): void {
    if (!this._signal.aborted) this.dispatchEvent(new CustomEvent(type, { detail: { message } }));
  }

  /** Runs `task`; a failure is logged once and becomes `state.error` (see failures.ts). */
  private _guard<T>(what: string, task: () => Promise<T>): Promise<T | undefined> {
    return this._s.failures.guard(what, task);
  }

  /**
   * Loads cached settings and, only if a session is stored, the cached conversation (shown at
   * once), then revalidates the settings and, with a session, connects and catches up. Without
   * a stored session nothing is created and no socket is opened. Runs once.
   */
  init(): Promise<void> {
    return this._s.start.init();
  }

  /**
   * The visitor opened the panel: makes sure there is a session and a conversation (the newest
   * open one, else a new one), loads its history, connects, and marks it read.
   */
  open(): Promise<void> {
    return this._s.start.open();
  }

  /** The visitor closed the panel. */
  close(): void {
    this.setPanelOpen(false);
  }

  setPanelOpen(open: boolean): void {
    this._s.start.setPanelOpen(open);
  }

  /**
   * The active conversation's id and the session token, creating the session and conversation
   * first if needed (uploads need both before the message exists). Undefined when unavailable.
   */
  async ensureConversation(): Promise<{ groupId: string; token: string } | undefined> {
    return this._guard('starting a conversation', async () => {
      if (!(await this._s.start.ready())) return undefined;
      await this._s.visitor.ensureConversation();
      const { activeGroupId, session } = this.state;
      return activeGroupId && session ? { groupId: activeGroupId, token: session.token } : undefined;
    });
  }

  /** The page of history before the oldest message shown (the visitor scrolled to the top). */
  loadOlder(): Promise<void> {
    return this._guard('loading older messages', () => this._s.intake.loadOlder()).then(() => undefined);
  }

  /**
   * Shows another of the visitor's conversations. One this tab does not know yet (a device new to
   * the visitor, one made elsewhere since): once the chat has opened, else once the server lists it.
   */
  selectConversation(groupId: string): Promise<void> {
    const known = () => this.state.conversations.some((c) => c.groupId === groupId);
    return this._guard('opening a conversation', async () => {
      if (!known()) await this._s.start.open();
      if (!known()) await this._s.intake.refresh();
      await this._s.intake.select(groupId);
    }).then(() => undefined);
  }

  /**
   * Starts a new conversation (`options` over the defaults of `setConversationDefaults`) and makes
   * it the active one. Resolves with its groupId, or undefined when it could not be started.
   */
  startConversation(options: ConversationOptions = {}): Promise<string | undefined> {
    return this._guard('starting a conversation', async () => {
      if (!(await this._s.start.ready())) return undefined;
      return this._s.visitor.startConversation(options);
    });
  }

  /** Settings not (yet) the server's, shown from now on instead of its own, never cached (a preview). */
  previewSettings(raw: unknown): void {
    this._s.start.preview = raw;
    this._s.start.applySettings(raw, true);
  }

  /** The team the next conversation will name, if the page says (`updateSettings`, install `metadata`). */
  get teamId(): string | undefined {
    return this._s.conversations.teamId;
  }

  /** The page's defaults for the next conversation (`updateSettings`); merged over earlier ones. */
  setConversationDefaults(defaults: ConversationOptions): void {
    this._s.conversations.setDefaults(defaults);
  }

  /** The visitor's BCP 47 locale, for staff: sent with a new session, else updated once (visitor-locale.ts). */
  setLocale(tag: string): void {
    this._locale.set(tag);
  }

  /** The visitor's remembered preferences (e.g. read-aloud on/off), for the widget's helpers. */
  get prefs(): { getPrefs(): Promise<Prefs>; setPrefs(patch: Prefs): Promise<void> } {
    return this._s.session.prefsStore;
  }

  /** The composer's unsent text per conversation, for the widget (`widget/drafts.ts`). */
  get drafts(): SessionSlice['draftStore'] {
    return this._s.session.draftStore;
  }

  /**
   * CSAT: rates a resolved conversation. Resolves to undefined on success, else an error code
   * for the UI (the conversation keeps asking).
   */
  async rate(groupId: string, rating: number, comment?: string): Promise<string | undefined> {
    const session = this.state.session;
    if (!session) return CLIENT_ERROR_CODES.offline;
    try {
      this._s.intake.upsert(await this._s.conversations.rate(session.token, groupId, rating, comment));
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
      const session = await this._s.visitor.ensureSession();
      const next = await this._s.session.update(session, details);
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
    return this._guard('logging out', () => this._s.visitor.logout()).then(() => undefined);
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
        if (!(await this._s.start.ready())) return undefined;
        await this._s.visitor.ensureConversation();
      }
      return this._s.sending.send(body, options);
    });
  }

  /** The visitor's own copy of the file of a message not sent yet (`localFileKey`), for its preview. */
  pendingFile(key: string): Blob | undefined {
    return this._s.delivery.loadedFiles?.get(key);
  }

  /** Sends a failed message again (it keeps its place in the outbox's order). */
  retry(key: string): Promise<void> {
    return this._guard('sending a message', () => this._s.sending.retry(key)).then(() => undefined);
  }

  /** Deletes a message that was not sent. */
  discard(key: string): Promise<void> {
    return this._guard('discarding a message', () => this._s.sending.discard(key)).then(() => undefined);
  }

  /** Tells the server the visitor has seen the active conversation up to its last message. */
  markRead(): Promise<void> {
    return this._guard('marking messages read', () => this._s.intake.markRead()).then(() => undefined);
  }

  /** Tells the others in the active conversation that the visitor is (not) typing. */
  setTyping(typing: boolean): void {
    const groupId = this.state.activeGroupId;
    if (groupId && !this._signal.aborted) this._s.sync.typing(groupId, typing);
  }

  /** Closes the socket, cancels requests, and removes every listener and timer. */
  destroy(): void {
    if (this._signal.aborted) return;
    this._s.settings.stop();
    this._s.sync.stop();
    this._offTabs();
    if (!this._s.tabsInjected) this._s.tabs.close();
    this._s.receipts.clearTyping();
    this._abort.abort();
  }
}
