/**
 * The REST client for the widget endpoints of the reference server. Every method takes an
 * optional AbortSignal and either resolves with validated data or rejects with a
 * `ParleyApiError` (the server said no, or answered out of shape) or a `NetworkError`.
 */
import { CLIENT_ERROR_CODES } from '../core/errors.js';
import {
  ERROR_CODES,
  type Conversation,
  type ConversationOptions,
  type Message,
  type OutgoingMessage,
  type Session,
  type SessionRequest,
} from '../core/protocol.js';
import {
  isRecord,
  errorItemOf,
  parseConversation,
  parseConversations,
  parseMessage,
  parseMessages,
  parseSession,
  successPayload,
} from '../core/wire.js';
import { NetworkError, ParleyApiError } from './errors.js';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** A request the loader started before the widget arrived (the widget configuration). */
export interface EarlyRequest {
  url: string;
  response: Promise<Response | undefined>;
}

/**
 * A fetch that answers the first GET of `early.url` with the loader's response (once), and asks
 * the network for everything else — or again, when the early request failed.
 */
export function withEarlyRequest(
  early: unknown,
  next: FetchLike = (input, init) => globalThis.fetch(input, init),
): FetchLike | undefined {
  const e = early as Partial<EarlyRequest> | null | undefined;
  if (typeof e?.url !== 'string' || !(e.response instanceof Promise)) return undefined;
  let pending: EarlyRequest | undefined = e as EarlyRequest;
  return async (input, init) => {
    const mine = pending && input === pending.url && (init.method ?? 'GET') === 'GET' ? pending : undefined;
    if (mine) {
      pending = undefined;
      const response = await mine.response;
      if (response) return response;
    }
    return next(input, init);
  };
}

export interface RestClientOptions {
  /** Base URL of the chat server ('' = the page's origin). */
  server: string;
  appId: string;
  fetch?: FetchLike;
}

export type NewConversation = ConversationOptions;

export interface MessagePage {
  /** Only messages with a larger id. */
  after?: number;
  /** The latest messages with a smaller id (without `after`). */
  before?: number;
  limit?: number;
}

export interface RestClient {
  /** The widget settings (`response` of the settings endpoint), unchecked: see `parseSettings`. */
  getSettings(signal?: AbortSignal): Promise<unknown>;
  /** A new session, or the stored one resumed when `token` is given. */
  createSession(request: Omit<SessionRequest, 'appId'>, signal?: AbortSignal): Promise<Session>;
  listConversations(token: string, signal?: AbortSignal): Promise<Conversation[]>;
  createConversation(token: string, conversation?: NewConversation, signal?: AbortSignal): Promise<Conversation>;
  /** A conversation's messages, ascending by id. */
  listMessages(token: string, groupId: string, page?: MessagePage, signal?: AbortSignal): Promise<Message[]>;
  /** Every message newer than `after` in all the user's conversations (catch-up). */
  getMessagesAfter(token: string, after: number, signal?: AbortSignal): Promise<Message[]>;
  /** Sends a message over HTTP (idempotent by key). */
  sendMessage(token: string, message: OutgoingMessage, signal?: AbortSignal): Promise<Message>;
  markRead(token: string, groupId: string, id: number, signal?: AbortSignal): Promise<void>;
  /** CSAT: rates a resolved conversation; answers the conversation with its rating. */
  rateConversation(
    token: string,
    groupId: string,
    rating: { rating: number; comment?: string },
    signal?: AbortSignal,
  ): Promise<Conversation>;
  /** Updates the visitor's own record (e-mail, name, phone, metadata); answers the session. */
  updateUser(token: string, details: Record<string, unknown>, signal?: AbortSignal): Promise<Session>;
  /** Ends the session on the server (logout): the token stops working everywhere. */
  endSession(token: string, signal?: AbortSignal): Promise<void>;
}

interface Call {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  token?: string;
  body?: unknown;
  signal?: AbortSignal | undefined;
}

function fallbackCode(status: number): string {
  if (status === 404) return ERROR_CODES.notFound;
  if (status === 401) return ERROR_CODES.invalidToken;
  if (status === 403) return ERROR_CODES.forbidden;
  if (status === 413) return ERROR_CODES.payloadTooLarge;
  if (status >= 500) return ERROR_CODES.internal;
  return CLIENT_ERROR_CODES.malformedResponse;
}

function malformed(status: number, what: string): ParleyApiError {
  return new ParleyApiError(status, CLIENT_ERROR_CODES.malformedResponse, `unexpected response: ${what}`);
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return Boolean(signal?.aborted) || (error instanceof DOMException && error.name === 'AbortError');
}

export function createRestClient(options: RestClientOptions): RestClient {
  const server = (options.server ?? '').replace(/\/+$/, '');
  const appId = options.appId;
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  /** Performs a call and returns the envelope's `response`. */
  async function call(c: Call): Promise<unknown> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(c.query ?? {})) if (v !== undefined) params.set(k, String(v));
    const qs = params.toString();
    const url = `${server}${c.path}${qs ? `?${qs}` : ''}`;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (c.body !== undefined) headers['Content-Type'] = 'application/json';
    if (c.token) headers.Authorization = `Bearer ${c.token}`;

    let res: Response;
    let text: string;
    try {
      if (c.signal?.aborted) throw new DOMException('aborted', 'AbortError');
      const init: RequestInit = { method: c.method, headers, credentials: 'omit', mode: 'cors' };
      if (c.body !== undefined) init.body = JSON.stringify(c.body);
      if (c.signal) init.signal = c.signal;
      res = await doFetch(url, init);
      text = await res.text();
    } catch (error) {
      if (isAbort(error, c.signal))
        throw new NetworkError(`${c.method} ${c.path} was cancelled`, { aborted: true, cause: error });
      throw new NetworkError(
        `${c.method} ${c.path} failed: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    if (typeof res?.status !== 'number') throw malformed(0, 'not an HTTP response');

    let body: unknown;
    try {
      body = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      body = undefined;
    }

    if (isRecord(body) && (body.status === 'error' || Array.isArray(body.errorResponse))) {
      const item = errorItemOf(body);
      if (item) throw new ParleyApiError(res.status, item.errorCode, item.description);
      throw new ParleyApiError(res.status, fallbackCode(res.status), 'error without details');
    }
    if (!res.ok) {
      throw new ParleyApiError(res.status, fallbackCode(res.status), res.statusText || text.slice(0, 200));
    }
    const payload = successPayload(body);
    if (payload) return payload.response;
    throw malformed(res.status, `${c.method} ${c.path} did not answer with a success envelope`);
  }

  const g = (groupId: string) => encodeURIComponent(groupId);

  return {
    getSettings: (signal) => call({ method: 'GET', path: '/users/v3/chat/plugin/settings', query: { appId }, signal }),

    async createSession(request, signal) {
      const body: SessionRequest = { appId };
      for (const [k, v] of Object.entries(request ?? {})) {
        if (v !== undefined && v !== null && v !== '') (body as unknown as Record<string, unknown>)[k] = v;
      }
      const response = await call({ method: 'POST', path: '/widget/v1/session', body, signal });
      const session = parseSession(response);
      if (!session) throw malformed(200, 'session');
      return session;
    },

    async listConversations(token, signal) {
      const response = await call({ method: 'GET', path: '/widget/v1/conversations', token, signal });
      if (!Array.isArray(response)) throw malformed(200, 'conversation list');
      return parseConversations(response);
    },

    async createConversation(token, conversation = {}, signal) {
      const body: NewConversation = { ...conversation };
      if (!body.groupName) delete body.groupName;
      if (!body.metadata || !Object.keys(body.metadata).length) delete body.metadata;
      const response = await call({ method: 'POST', path: '/widget/v1/conversations', token, body, signal });
      const created = parseConversation(response);
      if (!created) throw malformed(200, 'conversation');
      return created;
    },

    async listMessages(token, groupId, page = {}, signal) {
      const response = await call({
        method: 'GET',
        path: `/widget/v1/conversations/${g(groupId)}/messages`,
        query: { after: page.after, before: page.before, limit: page.limit },
        token,
        signal,
      });
      if (!Array.isArray(response)) throw malformed(200, 'message list');
      return parseMessages(response).sort((a, b) => a.id - b.id);
    },

    async getMessagesAfter(token, after, signal) {
      const response = await call({ method: 'GET', path: '/widget/v1/messages', query: { after }, token, signal });
      if (!Array.isArray(response)) throw malformed(200, 'message list');
      return parseMessages(response).sort((a, b) => a.id - b.id);
    },

    async sendMessage(token, message, signal) {
      const response = await call({ method: 'POST', path: '/widget/v1/messages', token, body: message, signal });
      const stored = parseMessage(response);
      if (!stored) throw malformed(200, 'message');
      return stored;
    },

    async markRead(token, groupId, id, signal) {
      await call({ method: 'POST', path: `/widget/v1/conversations/${g(groupId)}/read`, token, body: { id }, signal });
    },

    async rateConversation(token, groupId, rating, signal) {
      const response = await call({
        method: 'POST',
        path: `/widget/v1/conversations/${g(groupId)}/rating`,
        token,
        body: rating,
        signal,
      });
      const rated = parseConversation(response);
      if (!rated) throw malformed(200, 'conversation');
      return rated;
    },

    async updateUser(token, details, signal) {
      const response = await call({ method: 'POST', path: '/widget/v1/user', token, body: details, signal });
      const session = parseSession(response);
      if (!session) throw malformed(200, 'session');
      return session;
    },

    async endSession(token, signal) {
      await call({ method: 'DELETE', path: '/widget/v1/session', token, signal });
    },
  };
}
