/**
 * Keeps the widget in sync with the server over one realtime connection: owns the socket client,
 * sends the outbox after every (re)connect, then catches up on everything newer than the last
 * message held. The catch-up cursor only moves for messages that cannot hide a gap (fetched
 * ones, or any once caught up), so that a message pushed just after a reconnect never makes the
 * catch-up skip the ones missed before it.
 */
import { backoffDelay } from '../core/backoff.js';
import type { Clock, TimerHandle } from '../core/clock.js';
import {
  ERROR_CODES,
  type Conversation,
  type Message,
  type UserSummary,
  type WidgetSettingsResponse,
} from '../core/protocol.js';
import type { ConnectionState, RealtimeClient, RealtimeEvents, RealtimeOptions } from '../net/realtime.js';
import type { RestClient } from '../net/rest.js';
import type { ParleyStore } from '../store/store.js';
import { OutboxSender } from './outbox.js';

/** How a stored message reached the widget. */
export type Arrival = 'live' | 'ack' | 'fetched';

export interface SyncHooks {
  connection(state: ConnectionState): void;
  /** The server refused the connection (offline with an error code). */
  refused(code: string): void;
  message(message: Message, how: Arrival): void;
  /** The server acknowledged an outbox message. */
  sent(message: Message): void;
  /** The server rejected an outbox message. */
  rejected(key: string, code: string): void;
  conversation(conversation: Conversation): void;
  user(user: UserSummary): void;
  typing(event: RealtimeEvents['typing']): void;
  read(event: RealtimeEvents['read']): void;
  settings(raw: WidgetSettingsResponse): void;
  presence(event: RealtimeEvents['presence']): void;
  /** Called after each catch-up, for whatever else may have changed while away. */
  caughtUp(): Promise<void>;
  failed(what: string, error: unknown): void;
}

export interface SyncOptions {
  server: string;
  appId: string;
  store: ParleyStore;
  rest: RestClient;
  realtimeFactory: (options: RealtimeOptions) => RealtimeClient;
  clock: Clock;
  ackTimeoutMs: number;
  random?: (() => number) | undefined;
  signal: AbortSignal;
  hooks: SyncHooks;
}

const CATCH_UP_PAGES_MAX = 10;
const FINAL_REFUSALS = new Set<string>([
  ERROR_CODES.invalidToken,
  ERROR_CODES.widgetDisabled,
  ERROR_CODES.originNotAllowed,
  ERROR_CODES.appNotFound,
]);

export class ChatSync {
  readonly #o: SyncOptions;
  readonly #outbox: OutboxSender;
  #realtime: RealtimeClient | undefined;
  #token: string | undefined;
  #off: Array<() => void> = [];
  #cursor = 0;
  #inSync = false;
  #unsyncedMax = 0;
  /** Counts connection changes, so that a late catch-up cannot vouch for a newer connection. */
  #epoch = 0;
  #stopped = false;
  #reconnectAttempt = 0;
  #reconnectTimer: TimerHandle | undefined;

  constructor(options: SyncOptions) {
    this.#o = options;
    this.#outbox = new OutboxSender({
      store: options.store,
      clock: options.clock,
      ackTimeoutMs: options.ackTimeoutMs,
      random: options.random,
      hooks: {
        sent: (_item, stored) => options.hooks.sent(stored),
        rejected: (item, error) => options.hooks.rejected(item.key, error.errorCode),
      },
    });
  }

  /** The connection state, or 'idle' without a socket. */
  get connection(): ConnectionState | 'idle' {
    return this.#realtime?.state ?? 'idle';
  }

  /** True once the catch-up after the latest (re)connect is done, until the connection changes. */
  get caughtUp(): boolean {
    return this.#inSync;
  }

  /** Starts from a stored cursor (never moves it back). */
  restoreCursor(id: number): void {
    if (id > this.#cursor) this.#cursor = id;
  }

  /** Records that a message was merged, moving the cursor when that cannot hide a gap. */
  note(id: number, how: Arrival): void {
    if (how === 'fetched' || this.#inSync) {
      if (id <= this.#cursor) return;
      this.#cursor = id;
      void this.#o.store.setCursor(id);
    } else if (id > this.#unsyncedMax) {
      this.#unsyncedMax = id;
    }
  }

  /** Opens the socket for `token` (no-op when one is open). */
  connect(token: string): void {
    if (this.#stopped || this.#realtime) return;
    const { server, appId } = this.#o;
    let rt: RealtimeClient;
    try {
      rt = this.#o.realtimeFactory({ server, appId, token });
    } catch (error) {
      this.#o.hooks.failed('connecting', error);
      return;
    }
    const h = this.#o.hooks;
    this.#realtime = rt;
    this.#token = token;
    this.#outbox.use(rt);
    this.#off = [
      rt.onStateChange((state) => this.#changed(rt, state)),
      rt.on('message', (m) => h.message(m, 'live')),
      rt.on('conversation', (c) => h.conversation(c)),
      rt.on('user', (u) => h.user(u)),
      rt.on('typing', (e) => h.typing(e)),
      rt.on('read', (e) => h.read(e)),
      rt.on('settings', (raw) => h.settings(raw)),
      rt.on('presence', (e) => h.presence(e)),
    ];
    h.connection(rt.state);
    if (rt.state === 'connected') this.#changed(rt, 'connected');
  }

  /** Closes the socket and removes its listeners. */
  disconnect(): void {
    this.#clearReconnect();
    for (const off of this.#off) off();
    this.#off = [];
    this.#outbox.use(undefined);
    const rt = this.#realtime;
    this.#realtime = undefined;
    this.#token = undefined;
    this.#inSync = false;
    this.#epoch++;
    rt?.close();
  }

  /** Sends what waits in the outbox (when connected). */
  flush(): Promise<void> {
    return this.#outbox.flush().catch((error: unknown) => this.#o.hooks.failed('sending a message', error));
  }

  typing(groupId: string, typing: boolean): void {
    this.#realtime?.typing(groupId, typing);
  }

  /** Forgets the cursor (logout). */
  reset(): void {
    this.disconnect();
    this.#cursor = 0;
    this.#unsyncedMax = 0;
  }

  /** For good: no socket, no timers. */
  stop(): void {
    this.disconnect();
    this.#outbox.stop();
    this.#stopped = true;
  }

  #changed(rt: RealtimeClient, state: ConnectionState): void {
    if (rt !== this.#realtime) return;
    this.#inSync = false;
    const epoch = ++this.#epoch;
    this.#o.hooks.connection(state);
    if (state === 'connected') {
      void this.#afterConnect(epoch).catch((error: unknown) => this.#o.hooks.failed('catching up', error));
    } else if (state === 'offline' && rt.error) {
      const code = rt.error;
      // Refusals about who we are or where we are are final; anything else is worth another try.
      if (!FINAL_REFUSALS.has(code)) this.#scheduleReconnect(rt);
      this.#o.hooks.refused(code);
    }
    if (state === 'connected') this.#reconnectAttempt = 0;
  }

  #scheduleReconnect(rt: RealtimeClient): void {
    this.#clearReconnect();
    const delay = backoffDelay(this.#reconnectAttempt++, { base: 2000, cap: 60000, random: this.#o.random });
    this.#reconnectTimer = this.#o.clock.setTimeout(() => {
      this.#reconnectTimer = undefined;
      if (rt === this.#realtime && !this.#stopped) rt.connect();
    }, delay);
  }

  #clearReconnect(): void {
    if (this.#reconnectTimer !== undefined) this.#o.clock.clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
  }

  async #afterConnect(epoch: number): Promise<void> {
    await this.flush();
    const token = this.#token;
    if (!token || epoch !== this.#epoch) return;
    for (let page = 0; page < CATCH_UP_PAGES_MAX; page++) {
      const after = this.#cursor;
      const batch = await this.#o.rest.getMessagesAfter(token, after, this.#o.signal);
      if (this.#stopped || token !== this.#token) return;
      for (const m of batch) this.#o.hooks.message(m, 'fetched');
      if (batch.length === 0 || this.#cursor <= after) break;
    }
    if (epoch !== this.#epoch || this.#realtime?.state !== 'connected') return;
    // Everything up to here is held now, including what was pushed meanwhile.
    this.#inSync = true;
    this.note(this.#unsyncedMax, 'fetched');
    this.#unsyncedMax = 0;
    await this.#o.hooks.caughtUp();
  }
}
