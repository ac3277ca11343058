/**
 * Asking a bot behind a URL for its answer: one signed JSON POST (the webhooks' headers and
 * signature, `webhook-send.ts`'s `signature`) to an address checked by the webhooks' network rule
 * (`webhook-address.ts`: resolved once, every address checked, the connection pinned to it;
 * loopback only with the server's allowance), redirects not followed, a time-out, and the answer
 * read (at most 256 KiB) and parsed strictly (`bot-answer.ts`).
 *
 * The outcome is a closed set: `answer` (2xx with a valid answer), `later` (202: the bot posts
 * through the Platform API itself), or `failed` with a short reason for the log — the status, "not
 * JSON", the refused field, the time-out — never the URL, the secret or the bot's text.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { parseBotAnswer } from './bot-answer.js';
import type { BotAnswer } from './bot-answer.js';
import { hostOf, resolveChecked } from './webhook-address.js';
import { signature } from './webhook-send.js';

const MAX_ANSWER_BYTES = 256 * 1024;

export type BotOutcome = { kind: 'answer'; answer: BotAnswer } | { kind: 'later' } | { kind: 'failed'; why: string };

export interface BotCall {
  url: string;
  secret: string;
  /** `Parley-Webhook-Id`: the same id the server's reply keys derive from. */
  id: string;
  body: string;
  timeoutMs: number;
  allowLoopback: boolean;
  signal?: AbortSignal | undefined;
}

/** Answers `{status, text}` of the bot's HTTP answer; rejects on a refused address, a network error or the time-out. */
function post(c: BotCall, address: string, family: 4 | 6): Promise<{ status: number; text: string }> {
  const url = new URL(c.url);
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const timestamp = Math.floor(Date.now() / 1000);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        lookup: pinned,
        signal: c.signal,
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'Content-Length': Buffer.byteLength(c.body),
          'User-Agent': 'Parley-Bots/1',
          'Parley-Webhook-Id': c.id,
          'Parley-Webhook-Timestamp': String(timestamp),
          'Parley-Signature': signature(c.secret, timestamp, c.body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) req.destroy(new Error(`the answer is over ${MAX_ANSWER_BYTES} bytes`));
          else chunks.push(chunk);
        });
        res.on('error', reject);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${c.timeoutMs} ms`)), c.timeoutMs);
    req.on('error', reject);
    req.on('close', () => clearTimeout(timer));
    req.end(c.body);
  });
}

/** Asks the bot; never throws (every failure is an outcome with its reason). */
export async function askBot(c: BotCall): Promise<BotOutcome> {
  let answered: { status: number; text: string };
  try {
    const { address, family } = await resolveChecked(hostOf(new URL(c.url)), c.allowLoopback);
    answered = await post(c, address, family);
  } catch (err) {
    return { kind: 'failed', why: err instanceof Error ? err.message : 'the call failed' };
  }
  const { status, text } = answered;
  if (status === 202) return { kind: 'later' };
  if (status < 200 || status > 299) return { kind: 'failed', why: `answered ${status}` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'failed', why: `answered ${status} with a body that is not JSON` };
  }
  const parsed = parseBotAnswer(json);
  return parsed.ok ? { kind: 'answer', answer: parsed.answer } : { kind: 'failed', why: parsed.why };
}
