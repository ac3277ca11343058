/**
 * A signed JSON POST to the checked address (`webhook-address.ts`), with a time-out and redirects
 * not followed (`postSigned`, also how a bot behind a URL is asked), and one webhook attempt made
 * with it (`sendWebhook`: a 2xx is delivered; anything else, a 3xx included, is a failure).
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

/** One signed POST: where, signed with what, and how the answer is read. */
export interface SignedPost {
  url: string;
  /** The secrets that sign it, each an entry of `Parley-Signature` (the newest first). */
  secrets: readonly string[];
  /** `Parley-Webhook-Id`. */
  id: string;
  body: string;
  allowLoopback: boolean;
  timeoutMs: number;
  userAgent: string;
  /** Bytes of the answer's body kept at most; a longer one is cut and says `tooLong`. */
  maxAnswerBytes: number;
  signal?: AbortSignal | undefined;
  now?: number | undefined;
}

/**
 * Makes a signed JSON POST to the address the network rule checked (`resolveChecked`: the
 * connection is pinned to it, whatever the name resolves to by now), redirects not followed,
 * within `timeoutMs`; answers the status and the body as text (at most `maxAnswerBytes`). Rejects
 * on a refused address, a network error or the time-out. One place for webhooks and bots.
 */
export async function postSigned(p: SignedPost): Promise<{ status: number; text: string; tooLong: boolean }> {
  const url = new URL(p.url);
  const { address, family } = await resolveChecked(hostOf(url), p.allowLoopback);
  const timestamp = Math.floor((p.now ?? Date.now()) / 1000);
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const late = () => new Error(`no answer within ${p.timeoutMs} ms`);
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        lookup: pinned,
        signal: p.signal,
        timeout: p.timeoutMs,
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'Content-Length': Buffer.byteLength(p.body),
          'User-Agent': p.userAgent,
          'Parley-Webhook-Id': p.id,
          'Parley-Webhook-Timestamp': String(timestamp),
          'Parley-Signature': signatures(p.secrets, timestamp, p.body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let read = 0;
        let tooLong = false;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read <= p.maxAnswerBytes) chunks.push(chunk);
          else if (!tooLong) {
            tooLong = true;
            res.destroy();
          }
        });
        res.on('error', () => {});
        res.on('close', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), tooLong }),
        );
      },
    );
    const timer = setTimeout(() => req.destroy(late()), p.timeoutMs);
    req.on('timeout', () => req.destroy(late()));
    req.on('error', reject);
    req.on('close', () => clearTimeout(timer));
    req.end(p.body);
  });
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
  const { status } = await postSigned({
    ...a,
    id: a.deliveryId,
    timeoutMs: a.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
    userAgent: 'Parley-Webhooks/1',
    maxAnswerBytes: MAX_ANSWER_BYTES,
  });
  if (status < 200 || status > 299) throw new Error(`answered ${status}`);
}
