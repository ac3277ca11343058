/**
 * Helpers for the Platform API conformance, rules and console suites: Platform API calls as an
 * integration makes them, teammates (agents, operators, bots) added through the admin
 * endpoints, agent sessions and sockets, and rules changes.
 */
import type { Conversation, Message, Session } from '../../src/core/protocol.js';
import { connect, request, responseOf } from './support.js';
import type { Envelope, JsonResponse, ParleySocket, TestApp } from './support.js';

export interface CallInit {
  method?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  /** Leave out the app's Api-Key. */
  noKey?: boolean;
}

/** A Platform API call with the app's `Api-Key` (unless `noKey`). */
export function call<T = unknown>(app: TestApp, path: string, init: CallInit = {}): Promise<JsonResponse<Envelope<T>>> {
  const headers: Record<string, string> = { ...(init.noKey ? {} : { 'Api-Key': app.apiKey }), ...init.headers };
  const req: { method?: string; body?: unknown; rawBody?: string; headers: Record<string, string> } = { headers };
  if (init.method !== undefined) req.method = init.method;
  if (init.body !== undefined) req.body = init.body;
  if (init.rawBody !== undefined) req.rawBody = init.rawBody;
  return request<Envelope<T>>(`${app.url}${path}`, req);
}

/** A PATCH exactly as the documentation sends it: parameters in the query, JSON content type, no body. */
export function patchQuery<T = unknown>(
  app: TestApp,
  path: string,
  query: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return call<T>(app, `${path}?${new URLSearchParams(query)}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

export interface Teammate {
  userId: string;
  userName: string;
  password: string;
  session: Session;
}

let counter = 0;

/** Adds a teammate (agent, admin or operator) with the app's key and signs them in. */
export async function addTeammate(
  app: TestApp,
  userName: string,
  role: 'agent' | 'admin' | 'operator' = 'agent',
): Promise<Teammate> {
  counter++;
  const email = `${userName.toLowerCase().replace(/\W+/g, '.')}.${counter}@team.test`;
  const password = `pw-${crypto.randomUUID()}`;
  responseOf(await call(app, `/admin/v1/apps/${app.appId}/teammates`, { body: { email, userName, role, password } }));
  const session = responseOf(
    await request<Envelope<Session>>(`${app.url}/agent/v1/session`, { body: { appId: app.appId, email, password } }),
  );
  return { userId: email, userName, password, session };
}

/** Adds a bot (for channel bots). */
export async function addBot(app: TestApp, userId: string, userName: string): Promise<void> {
  responseOf(await call(app, `/admin/v1/apps/${app.appId}/teammates`, { body: { userId, userName, role: 'bot' } }));
}

/** Signs in the app's own admin agent. */
export async function adminSession(app: TestApp): Promise<Session> {
  return responseOf(
    await request<Envelope<Session>>(`${app.url}/agent/v1/session`, {
      body: { appId: app.appId, email: app.agentId, password: app.agentPassword },
    }),
  );
}

export async function setRules(app: TestApp, patch: unknown): Promise<unknown> {
  return responseOf(await call(app, `/admin/v1/apps/${app.appId}/rules`, { method: 'PATCH', body: patch }));
}

/** An agent's console socket (the agent counts as online while it is open). */
export function agentSocket(app: TestApp, session: Session): Promise<ParleySocket> {
  return connect(app, { token: session.token });
}

export async function createConversation(app: TestApp, body: Record<string, unknown>): Promise<Conversation> {
  return responseOf(await call<Conversation>(app, '/rest/ws/group/conversation', { body }));
}

/** Everything in a conversation, as an agent reads it. */
export async function messagesAsAgent(app: TestApp, session: Session, groupId: string): Promise<Message[]> {
  return responseOf(
    await request<Envelope<Message[]>>(`${app.url}/agent/v1/conversations/${groupId}/messages`, {
      headers: { Authorization: `Bearer ${session.token}` },
    }),
  );
}

export async function conversationAsAgent(app: TestApp, session: Session, groupId: string): Promise<Conversation> {
  return responseOf(
    await request<Envelope<Conversation>>(`${app.url}/agent/v1/conversations/${groupId}`, {
      headers: { Authorization: `Bearer ${session.token}` },
    }),
  );
}

export function bearerOf(session: Session): Record<string, string> {
  return { Authorization: `Bearer ${session.token}` };
}
