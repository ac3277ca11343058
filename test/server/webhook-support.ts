/**
 * What the webhook tests share: receivers the harness starts (test/plugins/webhook-receiver.mjs)
 * and what they were sent, the endpoints' routes, a visitor's message, and checking a signature
 * as a receiver does.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import type { Message, Session } from '../../src/core/protocol.js';
import { call } from './platform-support.js';
import { bearer, request, responseOf, uniqueKey } from './support.js';
import type { Envelope, TestApp } from './support.js';

export interface Received {
  status: number;
  headers: Record<string, string>;
  body: string;
}
export interface Delivery {
  id: string;
  event: string;
  createdAt: number;
  appId: string;
  data: Record<string, unknown>;
}
export interface Endpoint {
  id: string;
  url: string;
  events: string[];
  secret?: string;
  secretHint?: string;
  unreadAfterSeconds?: number;
  undeliveredAfterSeconds?: number;
  previousSecretUntil: number | null;
}
export interface LogEntry {
  id: string;
  event: string;
  status: string;
  attempts: number;
  nextAttemptAt: number | null;
  lastError: string | null;
  deliveredAt: number | null;
}

export const ALL_EVENTS = [
  'message.created',
  'conversation.created',
  'conversation.assigned',
  'conversation.resolved',
  'csat.submitted',
];

/** A new local receiver: its first `hang` requests are never answered, the next `fail` get 500. */
export async function receiver(fail = 0, hang = 0): Promise<{ id: string; port: number }> {
  return (await executeServerCommand('webhook-receiver', { fail, hang })) as { id: string; port: number };
}
export async function received(id: string): Promise<Received[]> {
  return (await executeServerCommand('webhook-received', { id })) as Received[];
}
export async function closeReceiver(id: string): Promise<void> {
  await executeServerCommand('webhook-receiver-close', { id });
}
export const deliveries = (list: Received[]) => list.map((r) => JSON.parse(r.body) as Delivery);

export const hooks = (app: TestApp) => `/admin/v1/apps/${app.appId}/webhooks`;

export function createEndpoint(app: TestApp, body: Record<string, unknown>) {
  return call<Endpoint>(app, hooks(app), { body });
}

export async function hmacHex(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(text));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Whether a receiver holding `secret` accepts `r`, as the server's README says to check: any
 * `v1=` entry of `Parley-Signature` is the HMAC of `timestamp.body`.
 */
export async function accepts(secret: string, r: Received): Promise<boolean> {
  const expected = `v1=${await hmacHex(secret, `${r.headers['parley-webhook-timestamp']}.${r.body}`)}`;
  return (r.headers['parley-signature'] ?? '').split(',').some((entry) => entry.trim() === expected);
}

export function sendAsVisitor(app: TestApp, visitor: Session, groupId: string, message: string) {
  return request<Envelope<Message>>(`${app.url}/widget/v1/messages`, {
    body: { groupId, message, key: uniqueKey() },
    headers: bearer(visitor),
  });
}

/** The events about what did not happen (`message.unread`, `message.undelivered`). */
export const WATCHED = ['message.unread', 'message.undelivered'];

/** The app's agent's message to the conversation (the demo bot stays out). */
export function fromAgent(app: TestApp, groupId: string, message: string): Promise<Message> {
  return request<Envelope<Message>>(`${app.url}/rest/ws/message/v2/send`, {
    body: { groupId, message, fromUserName: app.agentId, metadata: { skipBot: 'true' } },
    headers: { 'Api-Key': app.apiKey },
  }).then(responseOf);
}

/** The receiver's watched deliveries of one conversation, as `event: text` lines, in arrival order. */
export async function reported(receiverId: string, groupId: string): Promise<string[]> {
  return deliveries(await received(receiverId))
    .filter((d) => WATCHED.includes(d.event))
    .filter((d) => (d.data['conversation'] as { groupId: string }).groupId === groupId)
    .map((d) => `${d.event}: ${(d.data['message'] as Message).message}`);
}
