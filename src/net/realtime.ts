/**
 * The realtime client: socket.io with typed, validated events, acknowledged sends with a time-out,
 * an explicit connection state, and reconnection with jittered, capped backoff (socket.io's own).
 */
import { CLIENT_ERROR_CODES } from '../core/errors.js';
import type {
  Conversation,
  Message,
  OutgoingMessage,
  ServerToClientEvents,
  UserSummary,
  WidgetSettingsResponse,
  ApiErrorItem,
} from '../core/protocol.js';
import {
  errorItemOf,
  isRecord,
  parseApiErrorItem,
  parseConversation,
  parseMessage,
  parseUserSummary,
} from '../core/wire.js';
import { ioSocketFactory, type Listener, type SocketFactory, type SocketLike } from './socket.js';

export const CONNECTION_STATES = ['connecting', 'connected', 'reconnecting', 'offline'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

/** The validated payload of each server event. */
export interface RealtimeEvents {
  message: Message;
  conversation: Conversation;
  user: UserSummary;
  typing: Parameters<ServerToClientEvents['typing']>[0];
  read: Parameters<ServerToClientEvents['read']>[0];
  delivered: Parameters<ServerToClientEvents['delivered']>[0];
  settings: WidgetSettingsResponse;
  presence: Parameters<ServerToClientEvents['presence']>[0];
}
export type RealtimeEventName = keyof RealtimeEvents;
/** The markers a client moves: how far the user has read, and how far their clients have received. */
export type Receipt = 'read' | 'delivered';

/**
 * The outcome of an acknowledged send: stored, rejected by the server (do not resend as is), or
 * no answer (offline or timed out: safe to resend, the server de-duplicates by key).
 */
export type SendOutcome =
  | { ok: true; data: Message }
  | { ok: false; retryable: false; error: ApiErrorItem }
  | { ok: false; retryable: true; reason: 'timeout' | 'offline' };

export interface RealtimeClient {
  readonly state: ConnectionState;
  /** Error code of the last refusal (e.g. an invalid token), if the client went offline for one. */
  readonly error: string | undefined;
  on<E extends RealtimeEventName>(event: E, handler: (payload: RealtimeEvents[E]) => void): () => void;
  onStateChange(handler: (state: ConnectionState) => void): () => void;
  send(message: OutgoingMessage, options?: { timeoutMs?: number }): Promise<SendOutcome>;
  typing(groupId: string, typing: boolean): void;
  /** Moves the `read` or `delivered` marker to `id`; true once the server confirmed it. */
  mark(receipt: Receipt, groupId: string, id: number, options?: { timeoutMs?: number }): Promise<boolean>;
  /** Connects again after going offline (no-op while connected or connecting). */
  connect(): void;
  /** Disconnects and removes every listener; the client cannot be used afterwards. */
  close(): void;
}

export interface RealtimeOptions {
  server: string;
  appId: string;
  token: string;
  socketFactory?: SocketFactory;
  /** Reconnection backoff: first delay and cap, ms (jitter 50%). */
  reconnection?: { base?: number; cap?: number };
}

export const DEFAULT_ACK_TIMEOUT_MS = 10000;

function receipt(raw: unknown): RealtimeEvents['read'] | undefined {
  return isRecord(raw) &&
    typeof raw.groupId === 'string' &&
    typeof raw.userId === 'string' &&
    typeof raw.id === 'number'
    ? { groupId: raw.groupId, userId: raw.userId, id: raw.id }
    : undefined;
}

const VALIDATORS: { [E in RealtimeEventName]: (raw: unknown) => RealtimeEvents[E] | undefined } = {
  message: parseMessage,
  conversation: parseConversation,
  user: parseUserSummary,
  typing: (raw) =>
    isRecord(raw) &&
    typeof raw.groupId === 'string' &&
    typeof raw.userId === 'string' &&
    typeof raw.typing === 'boolean'
      ? { groupId: raw.groupId, userId: raw.userId, typing: raw.typing }
      : undefined,
  read: receipt,
  delivered: receipt,
  settings: (raw) => (isRecord(raw) ? (raw as WidgetSettingsResponse) : undefined),
  // `teams` (per-team figures) is passed on as it came: its reader checks each value.
  presence: (raw) =>
    isRecord(raw) && typeof raw.agentsOnline === 'number' ? (raw as RealtimeEvents['presence']) : undefined,
};
const EVENT_NAMES = Object.keys(VALIDATORS) as RealtimeEventName[];

/** Splits a server base URL into the origin socket.io connects to and its engine path. */
function socketTarget(server: string): { url: string; path: string } {
  const base = globalThis.location?.href ?? 'http://localhost/';
  try {
    const u = new URL(server || '/', base);
    return { url: u.origin, path: `${u.pathname.replace(/\/+$/, '')}/socket.io` };
  } catch {
    return { url: server, path: '/socket.io' };
  }
}

function refusalCode(error: unknown): string {
  if (isRecord(error)) {
    const data = (error as { data?: unknown }).data;
    if (isRecord(data)) {
      const code = data.errorCode ?? data.code;
      if (typeof code === 'string' && code) return code;
      const item = errorItemOf(data);
      if (item) return item.errorCode;
    }
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string') {
      const match = /\b([A-Z]{2}-[A-Z]-\d{2})\b/.exec(message);
      if (match?.[1]) return match[1];
    }
  }
  return CLIENT_ERROR_CODES.network;
}

export function createRealtimeClient(options: RealtimeOptions): RealtimeClient {
  const factory = options.socketFactory ?? ioSocketFactory;
  const target = socketTarget(options.server);
  const socket: SocketLike = factory(target.url, {
    path: target.path,
    auth: { appId: options.appId, token: options.token },
    transports: ['websocket', 'polling'],
    reconnectionDelay: options.reconnection?.base ?? 1000,
    reconnectionDelayMax: options.reconnection?.cap ?? 30000,
    randomizationFactor: 0.5,
  });

  let state: ConnectionState = 'connecting';
  let error: string | undefined;
  let everConnected = false;
  let closed = false;
  const handlers = new Map<RealtimeEventName, Set<(payload: never) => void>>();
  const stateHandlers = new Set<(state: ConnectionState) => void>();
  const socketListeners: Array<[string, Listener]> = [];

  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    for (const h of [...stateHandlers]) {
      try {
        h(next);
      } catch (e) {
        console.error('[parley] connection state handler failed', e);
      }
    }
  };

  const listen = (event: string, listener: Listener) => {
    socketListeners.push([event, listener]);
    socket.on(event, listener);
  };

  listen('connect', () => {
    everConnected = true;
    error = undefined;
    setState('connected');
  });
  listen('disconnect', (reason) => {
    if (closed) return;
    // The server dropping us on purpose, or our own disconnect, does not reconnect by itself.
    if (reason === 'io client disconnect' || reason === 'io server disconnect') setState('offline');
    else setState('reconnecting');
  });
  listen('connect_error', (err) => {
    if (closed) return;
    if (socket.active) {
      setState(everConnected ? 'reconnecting' : 'connecting');
    } else {
      error = refusalCode(err);
      setState('offline');
    }
  });
  listen('reconnect_attempt', () => {
    if (!closed && state !== 'connected') setState(everConnected ? 'reconnecting' : 'connecting');
  });
  listen('reconnect_failed', () => {
    if (!closed) setState('offline');
  });
  for (const name of EVENT_NAMES) {
    listen(name, (raw) => {
      const payload = VALIDATORS[name](raw);
      if (payload === undefined) return;
      for (const h of [...(handlers.get(name) ?? [])]) {
        try {
          (h as (p: typeof payload) => void)(payload);
        } catch (e) {
          console.error(`[parley] ${name} handler failed`, e);
        }
      }
    });
  }

  socket.connect();

  return {
    get state() {
      return state;
    },
    get error() {
      return error;
    },

    on(event, handler) {
      if (closed) return () => {};
      let set = handlers.get(event);
      if (!set) handlers.set(event, (set = new Set()));
      const h = handler as (payload: never) => void;
      set.add(h);
      return () => void handlers.get(event)?.delete(h);
    },

    onStateChange(handler) {
      if (closed) return () => {};
      stateHandlers.add(handler);
      return () => void stateHandlers.delete(handler);
    },

    send(message, { timeoutMs = DEFAULT_ACK_TIMEOUT_MS } = {}) {
      if (closed || !socket.connected) return Promise.resolve({ ok: false, retryable: true, reason: 'offline' });
      return new Promise<SendOutcome>((resolve) => {
        try {
          socket.emitWithAck(timeoutMs, 'message:send', message, (err, response) => {
            if (err) return resolve({ ok: false, retryable: true, reason: 'timeout' });
            if (isRecord(response) && response.ok === true) {
              const data = parseMessage(response.data);
              if (data) return resolve({ ok: true, data });
            }
            if (isRecord(response) && response.ok === false) {
              const item = parseApiErrorItem(response.error);
              if (item) return resolve({ ok: false, retryable: false, error: item });
            }
            resolve({
              ok: false,
              retryable: false,
              error: {
                errorCode: CLIENT_ERROR_CODES.malformedResponse,
                description: 'unexpected acknowledgement',
                displayMessage: 'unexpected acknowledgement',
              },
            });
          });
        } catch {
          resolve({ ok: false, retryable: true, reason: 'offline' });
        }
      });
    },

    typing(groupId, typing) {
      if (closed || !socket.connected) return;
      try {
        socket.emit('typing', { groupId, typing });
      } catch {
        /* best effort */
      }
    },

    mark(receipt, groupId, id, { timeoutMs = DEFAULT_ACK_TIMEOUT_MS } = {}) {
      if (closed || !socket.connected) return Promise.resolve(false);
      return new Promise<boolean>((resolve) => {
        try {
          socket.emitWithAck(timeoutMs, receipt, { groupId, id }, (err, response) =>
            resolve(!err && isRecord(response) && response.ok === true),
          );
        } catch {
          resolve(false);
        }
      });
    },

    connect() {
      if (closed || socket.connected) return;
      error = undefined;
      setState(everConnected ? 'reconnecting' : 'connecting');
      socket.connect();
    },

    close() {
      if (closed) return;
      closed = true;
      for (const [event, listener] of socketListeners) socket.off(event, listener);
      socketListeners.length = 0;
      handlers.clear();
      stateHandlers.clear();
      state = 'offline';
      try {
        socket.disconnect();
      } catch {
        /* already gone */
      }
    },
  };
}
