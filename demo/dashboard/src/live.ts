/**
 * The staff app's live connection: socket.io to the server that served the app, authenticated
 * with the staff token. New and changed conversations and new messages arrive as events.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, Conversation, Message, ServerToClientEvents } from '../../../src/core/protocol.js';
import { ERROR_CODES } from '../../../src/core/protocol-errors.js';

export type Connection = 'connecting' | 'online' | 'offline';

export interface LiveHandlers {
  connection(state: Connection): void;
  conversation(c: Conversation): void;
  message(m: Message): void;
  /** The server refused the session (signed out elsewhere, expired). */
  ended(): void;
}

export function connectLive(server: string, appId: string, token: string, on: LiveHandlers): () => void {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(server, {
    auth: { appId, token },
    transports: ['websocket'],
  });
  on.connection('connecting');
  socket.on('connect', () => on.connection('online'));
  socket.on('disconnect', () => on.connection('offline'));
  socket.on('connect_error', (err: Error & { data?: { errorCode?: string } }) => {
    if (err.data?.errorCode === ERROR_CODES.invalidToken) {
      socket.close();
      on.ended();
    } else on.connection('offline');
  });
  socket.on('conversation', (c) => on.conversation(c));
  socket.on('message', (m) => on.message(m));
  return () => socket.close();
}
