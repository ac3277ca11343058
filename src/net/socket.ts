/**
 * The seam between the realtime client and socket.io-client: a small socket interface that the
 * real socket.io socket is adapted to, and that tests implement with a fake.
 */
import type { Socket } from 'socket.io-client';

export type Listener = (...args: unknown[]) => void;

export interface SocketLike {
  readonly connected: boolean;
  /** False once the socket will not reconnect by itself (closed, or refused by the server). */
  readonly active: boolean;
  /**
   * Socket events (`connect`, `disconnect`, `connect_error`, server events) and the manager's
   * `reconnect_attempt` / `reconnect_failed`.
   */
  on(event: string, listener: Listener): void;
  off(event: string, listener: Listener): void;
  emit(event: string, payload: unknown): void;
  /** Emits with an acknowledgement; `callback(error)` if none arrives within `timeoutMs`. */
  emitWithAck(
    timeoutMs: number,
    event: string,
    payload: unknown,
    callback: (error: Error | null, response?: unknown) => void,
  ): void;
  connect(): void;
  disconnect(): void;
}

export interface SocketOptions {
  /** socket.io's `path` (default `/socket.io`). */
  path: string;
  auth: { appId: string; token: string };
  transports: string[];
  reconnectionDelay: number;
  reconnectionDelayMax: number;
  randomizationFactor: number;
}

/** Creates a socket for `url` (an origin) that does not connect until `connect()` is called. */
export type SocketFactory = (url: string, options: SocketOptions) => SocketLike;

const MANAGER_EVENTS = new Set(['reconnect_attempt', 'reconnect', 'reconnect_failed', 'reconnect_error']);

/**
 * The real thing: socket.io-client, loaded on the first `connect()` so that a page view without
 * a chat never downloads it. Listeners and emits made before it has loaded are applied in order
 * once it has.
 */
export const ioSocketFactory: SocketFactory = (url, options) => {
  let socket: Socket | undefined;
  let loading: Promise<void> | undefined;
  let stopped = false;
  const queued: Array<(s: Socket) => void> = [];
  const use = (fn: (s: Socket) => void) => (socket ? fn(socket) : void queued.push(fn));
  const manager = (s: Socket) =>
    s.io as unknown as { on(e: string, l: Listener): void; off(e: string, l: Listener): void };
  const load = () =>
    (loading ??= import('socket.io-client').then(
      ({ io }) => {
        socket = io(url, { ...options, autoConnect: false, forceNew: true });
        for (const fn of queued.splice(0)) fn(socket);
        if (stopped) socket.disconnect();
      },
      (error: unknown) => console.error('[parley] could not load the realtime client', error),
    ));
  return {
    get connected() {
      return socket?.connected ?? false;
    },
    get active() {
      return socket ? socket.active : !stopped;
    },
    on: (event, listener) =>
      use((s) => (MANAGER_EVENTS.has(event) ? manager(s).on(event, listener) : s.on(event, listener))),
    off: (event, listener) =>
      use((s) => (MANAGER_EVENTS.has(event) ? manager(s).off(event, listener) : s.off(event, listener))),
    emit: (event, payload) => use((s) => void s.emit(event, payload)),
    emitWithAck: (timeoutMs, event, payload, callback) =>
      use(
        (s) =>
          void s
            .timeout(timeoutMs)
            .emit(event, payload, (error: Error | null, response: unknown) => callback(error, response)),
      ),
    connect: () => {
      stopped = false;
      use((s) => void s.connect());
      void load();
    },
    disconnect: () => {
      stopped = true;
      if (socket) socket.disconnect();
    },
  };
};
