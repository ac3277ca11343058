/**
 * Helpers for the reference-server tests: the live server from the test-runner plugin, an app
 * per test file (created through the admin endpoint), JSON requests, sessions and sockets.
 */
import { waitUntil } from '@open-wc/testing';
import { accessTokenFor } from '../helpers/access-token.js';
import { executeServerCommand } from '@web/test-runner-commands';
import type { Socket, io as ioFunction } from 'socket.io-client';
import type {
  Ack,
  ApiError,
  ApiSuccess,
  ClientToServerEvents,
  Conversation,
  FileMeta,
  Message,
  OutgoingMessage,
  ServerToClientEvents,
  Session,
} from '../../src/core/protocol.js';

export type ParleySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestApp {
  url: string;
  adminKey: string;
  appId: string;
  apiKey: string;
  agentId: string;
  agentPassword: string;
  botId: string;
  /** New apps verify identities: a userId needs accessTokenFor(identitySecret, userId). */
  identitySecret: string;
}

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A response body as the envelope types describe it. */
export type Envelope<T> = ApiSuccess<T> | ApiError;

let serverPromise: Promise<{ url: string; adminKey: string }> | undefined;

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`)).ok;
  } catch {
    return false;
  }
}

/**
 * The live server's URL and admin key. The plugin can answer a second, concurrent caller before
 * the server is up, so this also waits (by condition) for `/health`.
 */
export function liveServer(): Promise<{ url: string; adminKey: string }> {
  serverPromise ??= (async () => {
    const info = (await executeServerCommand('parley-server')) as { url: string; adminKey: string };
    await waitUntil(() => healthy(info.url), 'the reference server is healthy', { timeout: 30000, interval: 50 });
    return info;
  })();
  return serverPromise;
}

/**
 * A reference server of the test file's own, named `name` and started on first use with `env`
 * (`PARLEY_*` settings, e.g. low limits), so that no other file shares its budgets. A start can
 * outlast the runner's 20 s per command: the plugin joins a repeated ask to the start under way.
 */
export async function ownServer(
  name: string,
  env: Record<string, string> = {},
): Promise<{ url: string; adminKey: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const info = (await executeServerCommand('parley-server', { server: name, env })) as {
        url: string;
        adminKey: string;
      };
      await waitUntil(() => healthy(info.url), `server ${name} is healthy`, { timeout: 30000, interval: 50 });
      return info;
    } catch (error) {
      if (attempt >= 6 || !/Did not receive a server response/.test(String(error))) throw error;
    }
  }
}

/** A Platform API call with the app's key (`headers` add to it or override it). */
export function platformCall<T = unknown>(
  app: { url: string; apiKey: string },
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return request<Envelope<T>>(`${app.url}${path}`, { body, headers: { 'Api-Key': app.apiKey, ...headers } });
}

export async function request<T = Envelope<unknown>>(
  url: string,
  init: { method?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | undefined;
  if (init.rawBody !== undefined) body = init.rawBody;
  else if (init.body !== undefined) body = JSON.stringify(init.body);
  if (body !== undefined) headers['Content-Type'] ??= 'application/json';
  const res = await fetch(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

/** A fresh app (admin agent + bot) on the live server (or on `server`, e.g. an `ownServer()`). */
export async function createTestApp(settings?: unknown, server?: { url: string; adminKey: string }): Promise<TestApp> {
  const { url, adminKey } = server ?? (await liveServer());
  const res = await request<Envelope<Omit<TestApp, 'url' | 'adminKey'>>>(`${url}/admin/v1/apps`, {
    body: settings === undefined ? {} : { settings },
    headers: { 'Api-Key': adminKey },
  });
  return { url, adminKey, ...responseOf(res) };
}

/** The `response` of a success envelope; throws (failing the test) on anything else. */
export function responseOf<T>(res: JsonResponse<Envelope<T>>): T {
  if (res.status !== 200 || res.body.status !== 'success') {
    throw new Error(`expected success, got ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.response;
}

/** The error code of an error envelope, or undefined. */
export function errorCode(res: JsonResponse<unknown>): string | undefined {
  const body = res.body as Partial<ApiError> | undefined;
  return body?.status === 'error' ? body.errorResponse?.[0]?.errorCode : undefined;
}

/**
 * The session request's body: a `userId` is signed with the app's identity secret, as the site's
 * server would, unless the test passes its own `accessToken` (or `accessToken: undefined`).
 */
export async function sessionBody(app: TestApp, extra: Record<string, unknown>): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = { appId: app.appId, ...extra };
  if (typeof extra['userId'] === 'string' && !('accessToken' in extra) && app.identitySecret)
    body['accessToken'] = await accessTokenFor(app.identitySecret, extra['userId']);
  return body;
}

export async function visitorSession(app: TestApp, extra: Record<string, unknown> = {}): Promise<Session> {
  return responseOf(
    await request<Envelope<Session>>(`${app.url}/widget/v1/session`, { body: await sessionBody(app, extra) }),
  );
}

export async function agentSession(app: TestApp): Promise<Session> {
  return responseOf(
    await request<Envelope<Session>>(`${app.url}/agent/v1/session`, {
      body: { appId: app.appId, email: app.agentId, password: app.agentPassword },
    }),
  );
}

export function bearer(session: Session): Record<string, string> {
  return { Authorization: `Bearer ${session.token}` };
}

export async function newConversation(
  app: TestApp,
  session: Session,
  body: Record<string, unknown> = {},
): Promise<Conversation> {
  return responseOf(
    await request<Envelope<Conversation>>(`${app.url}/widget/v1/conversations`, { body, headers: bearer(session) }),
  );
}

export async function history(app: TestApp, session: Session, groupId: string, query = ''): Promise<Message[]> {
  return responseOf(
    await request<Envelope<Message[]>>(`${app.url}/widget/v1/conversations/${groupId}/messages${query}`, {
      headers: bearer(session),
    }),
  );
}

let keyCounter = 0;
export function uniqueKey(prefix = 'k'): string {
  keyCounter++;
  return `${prefix}-${Date.now().toString(36)}-${keyCounter}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * socket.io-client's self-contained ESM build. The package's `development` export condition
 * (which the test runner enables for lit's dev mode) leads to a CommonJS-only `debug` import
 * that browsers cannot load, so the tests load the bundled build the package ships.
 */
const SOCKET_IO_ESM = '/node_modules/socket.io-client/dist/socket.io.esm.min.js';
let ioPromise: Promise<typeof ioFunction> | undefined;
function loadIo(): Promise<typeof ioFunction> {
  ioPromise ??= (import(/* @vite-ignore */ SOCKET_IO_ESM) as Promise<{ io: typeof ioFunction }>).then((m) => m.io);
  return ioPromise;
}

const sockets = new Set<ParleySocket>();

/** Connects a socket and resolves once connected; rejects with the server's refusal. */
export async function connect(app: TestApp, auth: { appId?: string; token: string }): Promise<ParleySocket> {
  const io = await loadIo();
  const socket: ParleySocket = io(app.url, {
    auth: { appId: auth.appId ?? app.appId, token: auth.token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  sockets.add(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

export function closeSockets(): void {
  for (const s of sockets) s.close();
  sockets.clear();
}

export function sendOverSocket(socket: ParleySocket, message: OutgoingMessage): Promise<Ack<Message>> {
  return new Promise((resolve) => socket.emit('message:send', message, resolve));
}

/** Records every payload of `event` on `socket`. */
export function record<E extends keyof ServerToClientEvents>(
  socket: ParleySocket,
  event: E,
): Array<Parameters<ServerToClientEvents[E]>[0]> {
  const seen: Array<Parameters<ServerToClientEvents[E]>[0]> = [];
  const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => seen.push(payload);
  (socket.on as (e: string, l: (p: Parameters<ServerToClientEvents[E]>[0]) => void) => void)(event, listener);
  return seen;
}

/** Waits (by condition, never by time) until `predicate` holds. */
export function eventually(predicate: () => boolean | Promise<boolean>, message: string): Promise<void> {
  return waitUntil(predicate, message, { timeout: 8000, interval: 20 });
}

/** A real PNG drawn in the browser (a green field with a magenta square). */
export async function canvasPng(width = 640, height = 480): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#0a0';
  g.fillRect(0, 0, width, height);
  g.fillStyle = '#a0a';
  g.fillRect(width / 3, height / 3, width / 3, height / 3);
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
}

/** `POST /widget/v1/uploads?groupId=` with one `file` part, as the widget sends it. */
export function uploadFile(
  app: TestApp,
  session: Session,
  groupId: string,
  file: Blob,
  name: string,
): Promise<JsonResponse<Envelope<FileMeta>>> {
  const form = new FormData();
  form.append('file', file, name);
  return fetch(`${app.url}/widget/v1/uploads?groupId=${encodeURIComponent(groupId)}`, {
    method: 'POST',
    headers: bearer(session),
    body: form,
  }).then(async (res) => ({
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as Envelope<FileMeta>,
  }));
}
