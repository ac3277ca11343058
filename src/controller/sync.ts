/**
 * Keeps the widget in sync with the server over one realtime connection: owns the socket client,
 * sends the outbox after every (re)connect, then catches up on everything newer than the last
 * message held. The catch-up cursor (`cursor.ts`) only moves for messages that cannot hide a gap:
 * fetched ones, and pushed ones once caught up and settled, so that neither a message pushed just
 * after a reconnect nor one pushed out of order by another server process makes a catch-up skip
 * the ones before it.
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
import type { ConnectionState, RealtimeClient, RealtimeEvents, RealtimeOptions, Receipt } from '../net/realtime.js';
import type { RestClient } from '../net/rest.js';
import type { OutboxItem, ParleyStore } from '../store/store.js';
import { CatchUpCursor } from './cursor.js';
import { Emitter } from './emitter.js';
import { OutboxSender } from './outbox.js';
import type { UploadOutcome } from './pending-files.js';

/** How a stored message reached the widget. */
export type Arrival = 'live' | 'ack' | 'fetched';

/** What the sync reports; it knows nobody above it (the facade subscribes). */
export type SyncEvents = {
  connection: [state: ConnectionState];
  /** The server refused the connection (offline with an error code). */
  refused: [code: string];
  message: [message: Message, how: Arrival];
  /** The server acknowledged an outbox message. */
  sent: [message: Message];
  /** The server rejected an outbox message. */
  rejected: [key: string, code: string];
  conversation: [conversation: Conversation];
  user: [user: UserSummary];
  typing: [event: RealtimeEvents['typing']];
  /** A read marker, or (`state` 'delivered') a delivered one. */
  read: [event: RealtimeEvents['read'], state?: 'delivered'];
  settings: [raw: WidgetSettingsResponse];
  presence: [event: RealtimeEvents['presence']];
  /** After each catch-up, for whatever else may have changed while away. */
  caughtUp: [];
  /** Work the sync started on its own failed (`what` it was doing). */
  failed: [what: string, error: unknown];
};

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
  /** Uploads an outbox item's file (`PendingFiles.upload`). */
  upload?: ((item: OutboxItem) => Promise<UploadOutcome>) | undefined;
}

const CATCH_UP_PAGES_MAX = 10;
const FINAL_REFUSALS = new Set<string>([
  ERROR_CODES.invalidToken,
  ERROR_CODES.widgetDisabled,
  ERROR_CODES.originNotAllowed,
  ERROR_CODES.appNotFound,
]);

export class ChatSync extends Emitter<SyncEvents> {
  private readonly _o: SyncOptions;
  private readonly _outbox: OutboxSender;
  private _realtime: RealtimeClient | undefined;
  private _token: string | undefined;
  private _off: Array<() => void> = [];
  private readonly _cursor: CatchUpCursor;
  private _inSync = false;
  /** Counts connection changes, so that a late catch-up cannot vouch for a newer connection. */
  private _epoch = 0;
  private _stopped = false;
  private _reconnectAttempt = 0;
  private _reconnectTimer: TimerHandle | undefined;

  constructor(options: SyncOptions) {
    super();
    this._o = options;
    const outbox = (this._outbox = new OutboxSender(options));
    outbox.on('sent', (_item, stored) => this.emit('sent', stored));
    outbox.on('rejected', (item, error) => this.emit('rejected', item.key, error.errorCode));
    this._cursor = new CatchUpCursor(options.clock, (id) => void options.store.setCursor(id));
  }

  /** The connection state, or 'idle' without a socket. */
  get connection(): ConnectionState | 'idle' {
    return this._realtime?.state ?? 'idle';
  }

  /** True once the catch-up after the latest (re)connect is done, until the connection changes. */
  get caughtUp(): boolean {
    return this._inSync;
  }

  /** Starts from a stored cursor (never moves it back). */
  restoreCursor(id: number): void {
    this._cursor.restore(id);
  }

  /** Records that a message was merged, moving the cursor when that cannot hide a gap. */
  note(id: number, how: Arrival): void {
    if (how === 'fetched') this._cursor.fetched(id);
    else this._cursor.pushed(id);
  }

  /** Opens the socket for `token` (no-op when one is open). */
  connect(token: string): void {
    if (this._stopped || this._realtime) return;
    const { server, appId } = this._o;
    let rt: RealtimeClient;
    try {
      rt = this._o.realtimeFactory({ server, appId, token });
    } catch (error) {
      this.emit('failed', 'connecting', error);
      return;
    }
    this._realtime = rt;
    this._token = token;
    this._outbox.use(rt);
    this._off = [
      rt.onStateChange((state) => this._changed(rt, state)),
      rt.on('message', (m) => this.emit('message', m, 'live')),
      rt.on('conversation', (c) => this.emit('conversation', c)),
      rt.on('user', (u) => this.emit('user', u)),
      rt.on('typing', (e) => this.emit('typing', e)),
      rt.on('read', (e) => this.emit('read', e)),
      rt.on('delivered', (e) => this.emit('read', e, 'delivered')),
      rt.on('settings', (raw) => this.emit('settings', raw)),
      rt.on('presence', (e) => this.emit('presence', e)),
    ];
    this.emit('connection', rt.state);
    if (rt.state === 'connected') this._changed(rt, 'connected');
  }

  /** Closes the socket and removes its listeners. */
  disconnect(): void {
    this._clearReconnect();
    for (const off of this._off) off();
    this._off = [];
    this._outbox.use(undefined);
    const rt = this._realtime;
    this._realtime = undefined;
    this._token = undefined;
    this._inSync = false;
    this._cursor.connected(false);
    this._epoch++;
    rt?.close();
  }

  /** Sends what waits in the outbox (when connected). */
  flush(): Promise<void> {
    return this._outbox.flush().catch((error: unknown) => this.emit('failed', 'sending a message', error));
  }

  typing(groupId: string, typing: boolean): void {
    this._realtime?.typing(groupId, typing);
  }

  /** Sends a read or delivered marker over the socket: false when it is not connected or the server did not confirm. */
  mark(receipt: Receipt, groupId: string, id: number): Promise<boolean> {
    const rt = this._realtime;
    if (rt?.state !== 'connected') return Promise.resolve(false);
    return rt.mark(receipt, groupId, id, { timeoutMs: this._o.ackTimeoutMs });
  }

  /** Forgets the cursor (logout). */
  reset(): void {
    this.disconnect();
    this._cursor.reset();
  }

  /** For good: no socket, no timers. */
  stop(): void {
    this.disconnect();
    this._outbox.stop();
    this._stopped = true;
  }

  private _changed(rt: RealtimeClient, state: ConnectionState): void {
    if (rt !== this._realtime) return;
    this._inSync = false;
    this._cursor.connected(false);
    const epoch = ++this._epoch;
    this.emit('connection', state);
    if (state === 'connected') {
      void this._afterConnect(epoch).catch((error: unknown) => this.emit('failed', 'catching up', error));
    } else if (state === 'offline' && rt.error) {
      const code = rt.error;
      // Refusals about who we are or where we are are final; anything else is worth another try.
      if (!FINAL_REFUSALS.has(code)) this._scheduleReconnect(rt);
      this.emit('refused', code);
    }
    if (state === 'connected') this._reconnectAttempt = 0;
  }

  private _scheduleReconnect(rt: RealtimeClient): void {
    this._clearReconnect();
    const delay = backoffDelay(this._reconnectAttempt++, { base: 2000, cap: 60000, random: this._o.random });
    this._reconnectTimer = this._o.clock.setTimeout(() => {
      this._reconnectTimer = undefined;
      if (rt === this._realtime && !this._stopped) rt.connect();
    }, delay);
  }

  private _clearReconnect(): void {
    if (this._reconnectTimer !== undefined) this._o.clock.clearTimeout(this._reconnectTimer);
    this._reconnectTimer = undefined;
  }

  private async _afterConnect(epoch: number): Promise<void> {
    await this._outbox.flushUntilUpload().catch((error: unknown) => this.emit('failed', 'sending a message', error));
    const token = this._token;
    if (!token || epoch !== this._epoch) return;
    for (let page = 0; page < CATCH_UP_PAGES_MAX; page++) {
      const after = this._cursor.value;
      const batch = await this._o.rest.getMessagesAfter(token, after, this._o.signal);
      if (this._stopped || token !== this._token) return;
      for (const m of batch) this.emit('message', m, 'fetched');
      if (batch.length === 0 || this._cursor.value <= after) break;
    }
    if (epoch !== this._epoch || this._realtime?.state !== 'connected') return;
    // Everything up to here is held now, including what was pushed meanwhile.
    this._inSync = true;
    this._cursor.connected(true);
    this.emit('caughtUp');
  }
}
