/**
 * socket.io on the HTTP server (default path `/socket.io`). A widget (or agent) socket connects
 * with `auth: {appId, token}`; it joins `user:<appId>:<userId>`, `app:<appId>` and, for staff,
 * `staff:<appId>`. Implements the protocol's event maps and the chat service's `Notifier`.
 */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ServerOptions, Socket } from 'socket.io';
import type { ApiErrorItem, ClientToServerEvents, ServerToClientEvents } from '../../../src/core/protocol.js';
import type { AgentStatus, StatusNotifier } from './agent-status.js';
import type { Notifier } from './chat.js';
import type { ClusterEvents } from './cluster-presence.js';
import { userForToken } from './context.js';
import type { Deps } from './context.js';
import { HttpError, fail, toErrorItem } from './errors.js';
import { isRecord } from './input.js';
import { mayConnect } from './gate.js';
import { isOriginAllowed } from './origin.js';
import { credentialOf } from './permissions.js';
import type { AppRow } from './repo/apps.js';
import { touchSeen } from './repo/users.js';
import type { UserRow } from './repo/users.js';
import { mergeSettings } from './settings.js';
import { handleClientEvents } from './socket-events.js';
import { presenceFigures } from './team-presence.js';

interface SocketData {
  app: AppRow;
  user: UserRow;
  /** Joins the staff room (every conversation's messages and updates); see `staffScope`. */
  seesAll: boolean;
  /** The session it was opened with (its token's hash): closed when that session ends. */
  tokenHash: string;
}

/** socket.io's transports, in the order clients try them (the widget and console try WebSocket first). */
export const TRANSPORTS = ['websocket', 'polling'] as const;
export type Transport = (typeof TRANSPORTS)[number];

/** `websocket` or `websocket,polling` (any order, no repeats); undefined for anything else. */
export function parseTransports(value: string): Transport[] | undefined {
  const names = value.split(',').map((t) => t.trim().toLowerCase());
  const known = names.filter((t): t is Transport => (TRANSPORTS as readonly string[]).includes(t));
  if (known.length !== names.length || new Set(known).size !== known.length || !known.includes('websocket'))
    return undefined;
  return known;
}

type IO = Server<ClientToServerEvents, ServerToClientEvents, ClusterEvents, SocketData>;
export type ParleySocket = Socket<ClientToServerEvents, ServerToClientEvents, ClusterEvents, SocketData>;

/** The client events this server handles (a table of checks can list them all). */
export const CLIENT_EVENTS = ['message:send', 'typing', 'read', 'delivered'] as const satisfies ReadonlyArray<
  keyof ClientToServerEvents
>;
export type ClientEvent = (typeof CLIENT_EVENTS)[number];

/**
 * Runs before a client event's handler (permissions, limits): throws an `HttpError` to refuse —
 * the event's acknowledgement carries the error; an event without one is dropped.
 */
export type EventHook = (socket: ParleySocket, event: ClientEvent) => Promise<void> | void;
/** Runs before a connection is authenticated (limits): throws an `HttpError` to refuse it. */
export type ConnectHook = (socket: ParleySocket) => Promise<void> | void;
type Payload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];
type Emit = (event: keyof ServerToClientEvents, payload: unknown) => boolean;

export const userRoom = (appId: string, userId: string) => `user:${appId}:${userId}`;
export const appRoom = (appId: string) => `app:${appId}`;
export const staffRoom = (appId: string) => `staff:${appId}`;

/** A connection refusal the client sees as `connect_error` (`err.message`, `err.data`). */
function refusal(item: ApiErrorItem): Error & { data: ApiErrorItem } {
  return Object.assign(new Error(`${item.errorCode} ${item.description}`), { data: item });
}

export class Realtime implements Notifier, StatusNotifier {
  readonly io: IO;
  readonly #eventHooks: EventHook[] = [];
  readonly #connectHooks: ConnectHook[] = [];

  /** Adds a check that runs, in order of adding, before every connection is authenticated. */
  beforeConnect(hook: ConnectHook): this {
    this.#connectHooks.push(hook);
    return this;
  }

  /** Adds a check that runs, in order of adding, before every client event's handler. */
  beforeEvent(hook: EventHook): this {
    this.#eventHooks.push(hook);
    return this;
  }

  async #check(socket: ParleySocket, event: ClientEvent): Promise<void> {
    for (const hook of this.#eventHooks) await hook(socket, event);
  }

  /**
   * Whether a user's sockets receive every conversation of the app (the staff room). The
   * conversation rules replace this (operators: only under "notify everybody").
   */
  staffScope: (app: AppRow, user: UserRow) => Promise<boolean> = async (_app, user) => user.role !== 'user';

  /** `adapter`: socket.io's cluster adapter (Redis), so that emits reach every process's sockets. */
  constructor(
    httpServer: HttpServer,
    private readonly deps: Deps,
    adapter?: ServerOptions['adapter'],
    transports: readonly Transport[] = TRANSPORTS,
  ) {
    this.io = new Server(httpServer, {
      ...(adapter ? { adapter } : {}),
      transports: [...transports],
      serveClient: false,
      // The transport answers any origin; each app's domain list is enforced per visitor below.
      cors: { origin: true, methods: ['GET', 'POST'] },
      maxHttpBufferSize: 1024 * 1024,
    });
    // socket.io's own HTTP answers (polling, handshake, websocket upgrade) are never sniffed.
    const nosniff = (headers: Record<string, string>) => {
      headers['X-Content-Type-Options'] = 'nosniff';
    };
    this.io.engine.on('initial_headers', nosniff);
    this.io.engine.on('headers', nosniff);
    this.io.use((socket, next) => {
      this.#authenticate(socket).then(
        () => next(),
        (err: unknown) => next(refusal(err instanceof HttpError ? err.toItem() : toErrorItem(err))),
      );
    });
    this.io.on('connection', (socket) => this.#connected(socket));
  }

  async #authenticate(socket: ParleySocket): Promise<void> {
    for (const hook of this.#connectHooks) await hook(socket);
    const auth: unknown = socket.handshake.auth;
    const appId = isRecord(auth) && typeof auth['appId'] === 'string' ? auth['appId'] : undefined;
    const token = isRecord(auth) && typeof auth['token'] === 'string' ? auth['token'] : undefined;
    const found = token ? await userForToken(this.deps, token) : undefined;
    if (!found || (appId !== undefined && found.app.app_id !== appId)) throw fail.invalidToken();
    if (!mayConnect(credentialOf(found.user.role))) throw fail.forbidden('this account may not open a socket');
    const settings = mergeSettings(found.app.settings);
    // The app's domain list says where its widget may run: it binds visitors, never staff (the
    // console is served by this server, whatever the widget's domains are).
    if (found.user.role === 'user') {
      if (!isOriginAllowed(socket.handshake.headers.origin, settings.chatWidget.allowedDomains))
        throw fail.originNotAllowed();
      if (settings.chatWidget.disableChatWidget) throw fail.widgetDisabled();
    }
    socket.data = {
      app: found.app,
      user: found.user,
      seesAll: found.user.role !== 'user' && (await this.staffScope(found.app, found.user)),
      tokenHash: found.tokenHash,
    };
  }

  #connected(socket: ParleySocket): void {
    const { app, user } = socket.data;
    const appId = app.app_id;
    const { presence, chat, log, db } = this.deps;
    void socket.join([
      userRoom(appId, user.user_id),
      appRoom(appId),
      ...(socket.data.seesAll ? [staffRoom(appId)] : []),
    ]);
    const before = presence.agentsOnline(appId);
    presence.connect(appId, user.user_id, user.role, user.away);
    // An agent who comes online counts (an away one does not): tell the app only then.
    if (presence.agentsOnline(appId) !== before) this.#pushPresence(appId);
    else this.#pushPresence(appId, socket);
    touchSeen(db, appId, user.user_id).catch((err: unknown) => log.error('touchSeen failed', err));

    handleClientEvents(socket, chat, log, (event) => this.#check(socket, event));

    socket.on('disconnect', () => {
      const before = presence.agentsOnline(appId);
      const wentOffline = presence.disconnect(appId, user.user_id);
      if (presence.agentsOnline(appId) !== before) this.#pushPresence(appId);
      if (wentOffline) touchSeen(db, appId, user.user_id).catch((err: unknown) => log.error('touchSeen failed', err));
    });
  }

  toUsers<E extends keyof ServerToClientEvents>(
    appId: string,
    userIds: readonly string[],
    event: E,
    payload: Payload<E>,
  ): void {
    if (userIds.length === 0) return;
    const op = this.io.to(userIds.map((u) => userRoom(appId, u)));
    (op.emit as Emit).call(op, event, payload);
  }

  toStaff<E extends keyof ServerToClientEvents>(
    appId: string,
    event: E,
    payload: Payload<E>,
    exceptUserIds: readonly string[] = [],
  ): void {
    const op = this.io.to(staffRoom(appId)).except(exceptUserIds.map((u) => userRoom(appId, u)));
    (op.emit as Emit).call(op, event, payload);
  }

  toApp<E extends keyof ServerToClientEvents>(appId: string, event: E, payload: Payload<E>): void {
    const op = this.io.to(appRoom(appId));
    (op.emit as Emit).call(op, event, payload);
    if (event === 'settings') this.#enforce(appId, payload as Payload<'settings'>);
  }

  /**
   * After a settings change (already pushed, so widgets learn why): visitors' sockets whose page
   * origin is no longer allowed, or of a widget now disabled, are disconnected.
   */
  #enforce(appId: string, settings: Payload<'settings'>): void {
    const domains = settings.chatWidget?.allowedDomains ?? [];
    const disabled = settings.chatWidget?.disableChatWidget === true;
    this.io
      .in(appRoom(appId))
      .fetchSockets()
      .then((sockets) => {
        for (const socket of sockets) {
          if (socket.data.user.role !== 'user') continue;
          if (disabled || !isOriginAllowed(socket.handshake.headers.origin, domains)) socket.disconnect(true);
        }
      })
      .catch((err: unknown) => this.deps.log.error('settings enforcement failed', err));
  }

  /** An agent changed their status: their other tabs follow; visitors learn a new `agentsOnline`. */
  agentStatusChanged(appId: string, userId: string, status: AgentStatus, availabilityChanged: boolean): void {
    this.toUsers(appId, [userId], 'agent:status', { status });
    if (availabilityChanged) this.#pushPresence(appId);
  }

  /** This process's widgets of the app learn `agentsOnline` (another process dropped out). */
  presenceChanged(appId: string): void {
    this.#pushPresence(appId, this.io.local.to(appRoom(appId)));
  }

  /** `presence` with the figures per team (`team-presence.ts`) to the app, or to `to`. */
  #pushPresence(appId: string, to?: { emit: ParleySocket['emit'] }): void {
    presenceFigures(this.deps.db, this.deps.presence, appId)
      .then((figures) => (to ? to.emit('presence', figures) : this.toApp(appId, 'presence', figures)))
      .catch((err: unknown) => this.deps.log.error('presence push failed', err));
  }

  /** Moves a user's open sockets into or out of the staff room (after a role or rules change). */
  setStaffRoom(appId: string, userId: string, join: boolean): void {
    const sockets = this.io.in(userRoom(appId, userId));
    if (join) sockets.socketsJoin(staffRoom(appId));
    else sockets.socketsLeave(staffRoom(appId));
  }

  /** Closes the sockets opened with these sessions (token hashes): signed out or expired. */
  async disconnectSessions(tokenHashes: readonly string[]): Promise<void> {
    const ended = new Set(tokenHashes);
    for (const socket of await this.io.fetchSockets()) if (ended.has(socket.data.tokenHash)) socket.disconnect(true);
  }

  /** Closes every socket of a user whose sessions were revoked, except those of `keepHash`. */
  async disconnectUser(appId: string, userId: string, keepHash = ''): Promise<void> {
    for (const socket of await this.io.in(userRoom(appId, userId)).fetchSockets())
      if (socket.data.tokenHash !== keepHash) socket.disconnect(true);
  }

  /** The sessions (token hashes) that have a socket open. */
  async openSessions(): Promise<string[]> {
    return (await this.io.fetchSockets()).map((socket) => socket.data.tokenHash);
  }

  /** Disconnects every socket and stops socket.io (which also closes the HTTP server). */
  close(): Promise<void> {
    return this.io.close();
  }
}
