/**
 * The staff app's live connection: socket.io to the server that served the app, authenticated
 * with the staff token. New and changed conversations, new messages, typing, read and delivered markers and
 * the staff member's own status arrive as calls to `on`; typing and delivered markers go out
 * through `typing()` and `delivered()`.
 */
import { io, type Socket } from 'socket.io-client';
import { ERROR_CODES } from '../../../src/core/protocol-errors.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../src/core/protocol.js';

export type Connection = 'connecting' | 'online' | 'offline';

/** How long a marker waits for the server's confirmation. */
const ACK_TIMEOUT_MS = 10000;

type Events = ServerToClientEvents;

export interface LiveHandlers {
  connection(state: Connection): void;
  conversation: Events['conversation'];
  message: Events['message'];
  typing: Events['typing'];
  read: Events['read'];
  delivered: Events['delivered'];
  user: Events['user'];
  status: Events['agent:status'];
  /** Agents' availability changed (somebody came, went, or set themselves away). */
  presence: Events['presence'];
  /** The server refused the session (signed out elsewhere, expired). */
  ended(): void;
  /**
   * The server closed the socket itself: the session ended (sign-out elsewhere, deactivation, a
   * new role or password) — or the server shut down. socket.io does not reconnect after that on
   * its own: the app asks whether the session lives, then calls `reconnect()` or signs out.
   */
  closedByServer(): void;
}

export interface Live {
  typing(groupId: string, typing: boolean): void;
  /** This app has the conversation's messages up to `id`; true once the server confirmed it. */
  delivered(groupId: string, id: number): Promise<boolean>;
  reconnect(): void;
  close(): void;
}

export function connectLive(server: string, appId: string, token: string, on: LiveHandlers): Live {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(server, {
    auth: { appId, token },
    transports: ['websocket'],
  });
  on.connection('connecting');
  socket.on('connect', () => on.connection('online'));
  socket.on('disconnect', (reason) => {
    on.connection('offline');
    if (reason === 'io server disconnect') on.closedByServer();
  });
  socket.on('connect_error', (err: Error & { data?: { errorCode?: string } }) => {
    if (err.data?.errorCode === ERROR_CODES.invalidToken) {
      socket.close();
      on.ended();
    } else on.connection('offline');
  });
  socket.on('conversation', (c) => on.conversation(c));
  socket.on('message', (m) => on.message(m));
  socket.on('typing', (e) => on.typing(e));
  socket.on('read', (e) => on.read(e));
  socket.on('delivered', (e) => on.delivered(e));
  socket.on('user', (u) => on.user(u));
  socket.on('agent:status', (e) => on.status(e));
  socket.on('presence', (e) => on.presence(e));
  return {
    typing: (groupId, typing) => {
      if (socket.connected) socket.emit('typing', { groupId, typing });
    },
    delivered: (groupId, id) =>
      socket.connected
        ? socket
            .timeout(ACK_TIMEOUT_MS)
            .emitWithAck('delivered', { groupId, id })
            .then(
              (ack) => ack.ok,
              () => false,
            )
        : Promise.resolve(false),
    reconnect: () => void socket.connect(),
    close: () => socket.close(),
  };
}
