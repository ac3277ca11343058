/**
 * What webhook tests share: a local receiver (test/plugins/webhook-receiver.mjs) and what it was
 * sent, an app's endpoints through the API, and the signature a receiver computes.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { call } from './platform-support.js';
import type { TestApp } from './support.js';

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
}

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

/** Hex HMAC-SHA256 of `text` under `secret`, as a receiver checks a signature. */
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
