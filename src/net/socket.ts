/**
 * The seam between the realtime client and socket.io-client: a small socket interface that the
 * real socket.io socket is adapted to, and that tests implement with a fake.
 */
import { io, type Socket } from 'socket.io-client';

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
  emitWithAck(timeoutMs: number, event: string, payload: unknown, callback: (error: Error | null, response?: unknown) => void): void;
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

/** The real thing: socket.io-client. */
export const ioSocketFactory: SocketFactory = (url, options) => {
  const socket: Socket = io(url, { ...options, autoConnect: false, forceNew: true });
  const manager = socket.io as unknown as { on(e: string, l: Listener): void; off(e: string, l: Listener): void };
  return {
    get connected() {
      return socket.connected;
    },
    get active() {
      return socket.active;
    },
    on: (event, listener) => (MANAGER_EVENTS.has(event) ? manager.on(event, listener) : socket.on(event, listener)),
    off: (event, listener) => (MANAGER_EVENTS.has(event) ? manager.off(event, listener) : socket.off(event, listener)),
    emit: (event, payload) => void socket.emit(event, payload),
    emitWithAck: (timeoutMs, event, payload, callback) =>
      void socket.timeout(timeoutMs).emit(event, payload, (error: Error | null, response: unknown) => callback(error, response)),
    connect: () => void socket.connect(),
    disconnect: () => void socket.disconnect(),
  };
};
