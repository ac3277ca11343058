/**
 * The start slice: starting the widget and opening the chat. At start the cached settings and,
 * only with a stored session, the cached conversation show at once; then the settings are
 * revalidated (retried with backoff while the server is away and nothing is cached) and, with a
 * session, the socket connects. Opening the panel makes sure of a session and a conversation,
 * loads its history, connects and marks it read. Knows nobody above it.
 */
import type { InstallSettings } from '../core/config.js';
import { ERROR_CODES } from '../core/protocol.js';
import { errorCodeOf } from '../net/errors.js';
import type { StateCell } from './cell.js';
import type { Failures, Log } from './failures.js';
import type { IntakeSlice } from './intake.js';
import type { SessionSlice } from './session.js';
import type { SettingsSlice } from './settings.js';
import { Slice } from './slice.js';
import { singleFlight } from './single-flight.js';
import type { ChatState } from './state.js';
import type { ChatSync } from './sync.js';
import type { VisitorSlice } from './visitor.js';

export interface StartOptions {
  install: InstallSettings;
  cell: StateCell;
  settings: SettingsSlice;
  session: SessionSlice;
  sync: ChatSync;
  intake: IntakeSlice;
  visitor: VisitorSlice;
  failures: Failures;
  log: Log;
  signal: AbortSignal;
}

export class StartSlice extends Slice<StartOptions> {
  private _init: Promise<void> | undefined;

  /** Starts once (see the module comment); never rejects. */
  init(): Promise<void> {
    this._init ??= this._o.failures.guard('starting the chat', () => this._start()).then(() => this._reportInit());
    return this._init;
  }

  /** Started, with settings that let the widget show. */
  async ready(): Promise<boolean> {
    await this.init();
    return this._state.status === 'ready';
  }

  /** The visitor opened the panel (see the module comment). */
  open(): Promise<void> {
    this.setPanelOpen(true);
    return this._opening();
  }

  setPanelOpen(open: boolean): void {
    const { failures } = this._o;
    if (this._aborted || this._state.panelOpen === open) return;
    this._set({ panelOpen: open });
    this._o.session.savePrefs({ panelOpen: open });
    if (open) void failures.guard('marking messages read', () => this._o.intake.markRead());
  }

  /** Settings shown instead of the server's, whatever it sends later (the staff app's preview). */
  preview: unknown;

  /** Applies settings (see SettingsSlice.resolve): the status, and the socket follows it. */
  applySettings(raw: unknown, fresh: boolean): void {
    const { sync } = this._o;
    const { settings, status } = this._o.settings.resolve(this.preview ?? raw, fresh);
    if (status !== 'ready') sync.disconnect();
    const error = this._state.status === 'error' && status === 'ready' ? undefined : this._state.error;
    const connection = status === 'ready' ? sync.connection : 'idle';
    this._set({ settings, status, error, connection });
    if (status === 'ready' && this._o.visitor.restored) this._o.visitor.connect();
  }

  private async _start(): Promise<void> {
    const { session: sessions, visitor } = this._o;
    this._set({ status: 'loading' });
    // The settings request goes out at once, in parallel with the first IndexedDB reads (whose
    // first open can take longer than the request on a slow device).
    const fetched = this._o.settings.fetch();
    // Fresh settings that arrive before storage has answered are applied at once: the launcher
    // does not wait for IndexedDB (whose first open is slow), and no older cached copy follows.
    let storageRead = false;
    let freshFirst = false;
    fetched.then(
      (raw) => {
        if (storageRead || this._aborted) return;
        freshFirst = true;
        this.applySettings(raw, true);
      },
      () => undefined, // awaited (and its error handled) in _revalidate
    );
    const [cached, stored] = await Promise.all([this._o.settings.cached(), sessions.load()]);
    storageRead = true;
    if (this._aborted) return;
    const session = await sessions.usable(stored);
    const reopen = () => this._o.install.automaticChatOpenOnNavigation && sessions.prefs.panelOpen === true;
    if (cached && !freshFirst) {
      this.applySettings(cached.raw, false);
      if (this._state.status === 'ready' && session) {
        await visitor.restore(session);
        // The cached conversation shows at once, before the network has answered.
        if (this._state.session && reopen()) this.setPanelOpen(true);
      }
    }
    await this._revalidate(!cached, fetched);
    if (this._state.status !== 'ready') return;
    if (session) await visitor.restore(session);
    if (this._state.session) {
      visitor.connect();
      if (reopen()) void this.open();
    }
  }

  private _reportInit(): void {
    const onInit = this._o.install.onInit;
    if (!onInit || this._aborted) return;
    const { status, error } = this._state;
    try {
      if (status === 'ready') onInit('success');
      else onInit('error', { status, error });
    } catch (e) {
      this._o.log.error('onInit threw', e);
    }
  }

  /** A fresh look at the settings; without them (`required`) the widget waits and retries. */
  private async _revalidate(required: boolean, fetched?: Promise<unknown>): Promise<void> {
    const { settings } = this._o;
    const result = await settings.revalidate(fetched);
    if (this._aborted) return;
    if (result.ok) return this.applySettings(result.raw, true);
    if (required || result.refused) {
      this._o.failures.fail('loading the widget settings', result.error);
      if (this._state.status === 'loading') this._set({ status: 'error' });
      if (!result.refused && this._state.status === 'error') settings.retryLater(() => this._retrySettings());
    } else {
      this._o.log.error(`could not refresh the widget settings (${result.code}); using the cached ones`);
    }
  }

  /**
   * The server did not answer and there are no cached settings: once it answers, carry on as a
   * normal start (and open the chat if the visitor is waiting in the panel). True once ready.
   */
  private _retrySettings(): Promise<boolean> {
    const { visitor } = this._o;
    return this._o.failures
      .guard('loading the widget settings', async () => {
        if (this._state.status !== 'error') return false;
        await this._revalidate(true);
        if ((this._state as ChatState).status !== 'ready') return false;
        const session = await this._o.session.stored();
        if (session) await visitor.restore(session);
        if (this._state.panelOpen) await this.open();
        else if (this._state.session) visitor.connect();
        return true;
      })
      .then((ready) => ready === true);
  }

  private readonly _opening = singleFlight(() =>
    this._o.failures.guard('opening the chat', () => this._openChat()).then(() => undefined),
  );

  private async _openChat(): Promise<void> {
    const { visitor, intake } = this._o;
    await this.init();
    if (this._state.status === 'error') await this._revalidate(true);
    for (let attempt = 0; attempt < 2; attempt++) {
      if (this._state.status !== 'ready' || this._aborted) return;
      try {
        await visitor.ensureConversation();
        const groupId = this._state.activeGroupId;
        if (groupId) await intake.loadHistory(groupId);
        visitor.connect();
        this._o.session.touch();
        if (this._state.panelOpen) await intake.markRead();
        return;
      } catch (error) {
        // A stored session the server no longer knows: start over once with a new one.
        if (attempt === 0 && errorCodeOf(error) === ERROR_CODES.invalidToken) await visitor.drop();
        else throw error;
      }
    }
  }
}
