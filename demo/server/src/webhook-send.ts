/**
 * One webhook attempt: a signed JSON POST to the checked address (`webhook-address.ts`), with a
 * time-out, redirects not followed (a 3xx is a failure), and the answer's body read and dropped.
 *
 * Signature: `Parley-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>`, where
 * `timestamp` is the `Parley-Webhook-Timestamp` header (seconds since the epoch) and `body` the
 * raw request body; `Parley-Webhook-Id` is the delivery's id (the same on every retry). While a
 * secret rotation's overlap lasts the header holds one entry per secret, the new one first:
 * `v1=<new>, v1=<old>` — a receiver accepts when any entry matches the secret it holds.
 */
import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { LookupFunction } from 'node:net';
import { request as httpsRequest } from 'node:https';
import { hostOf, resolveChecked } from './webhook-address.js';

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 5000;
/** Bytes of an answer's body read at most (the rest is dropped with the connection). */
const MAX_ANSWER_BYTES = 64 * 1024;

/** The signature header's value for `body` sent at `timestamp` (seconds). Pure. */
export function signature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The header's value: one `v1=` entry per secret, in the order given, joined by `, `. Pure. */
export function signatures(secrets: readonly string[], timestamp: number, body: string): string {
  return secrets.map((secret) => signature(secret, timestamp, body)).join(', ');
}

export interface Attempt {
  url: string;
  /** The endpoint's secret, then (during a rotation's overlap) its previous one. */
  secrets: readonly string[];
  deliveryId: string;
  body: string;
  allowLoopback: boolean;
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  now?: number | undefined;
}

/** Makes the attempt; resolves when the endpoint answered 2xx, rejects with the reason otherwise. */
export async function sendWebhook(a: Attempt): Promise<void> {
  const url = new URL(a.url);
  const { address, family } = await resolveChecked(hostOf(url), a.allowLoopback);
  const timestamp = Math.floor((a.now ?? Date.now()) / 1000);
  // Connect to the address checked above, whatever the name resolves to by now.
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const timeoutMs = a.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  await new Promise<void>((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        lookup: pinned,
        signal: a.signal,
        timeout: timeoutMs,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(a.body),
          'User-Agent': 'Parley-Webhooks/1',
          'Parley-Webhook-Id': a.deliveryId,
          'Parley-Webhook-Timestamp': String(timestamp),
          'Parley-Signature': signatures(a.secrets, timestamp, a.body),
        },
      },
      (res) => {
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) res.destroy();
        });
        res.on('error', () => {});
        res.on('close', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else reject(new Error(`answered ${status}`));
        });
      },
    );
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.on('close', () => clearTimeout(timer));
    req.end(a.body);
  });
}
