/**
 * Asking a bot behind a URL for its answer: one signed JSON POST, made as a webhook's is
 * (`webhook-send.ts`'s `postSigned`: the webhooks' headers and signature, the network rule of
 * `webhook-address.ts` with the connection pinned to the checked address, loopback only with the
 * server's allowance, redirects not followed, a time-out), the answer read (at most 256 KiB) and
 * parsed strictly (`bot-answer.ts`).
 *
 * The outcome is a closed set: `answer` (2xx with a valid answer), `later` (202: the bot posts
 * through the Platform API itself), or `failed` with a short reason for the log — the status, "not
 * JSON", the refused field, the time-out — never the URL, the secret or the bot's text.
 */
import { parseBotAnswer } from './bot-answer.js';
import type { BotAnswer } from './bot-answer.js';
import { postSigned } from './webhook-send.js';

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

/** Asks the bot; never throws (every failure is an outcome with its reason). */
export async function askBot(c: BotCall): Promise<BotOutcome> {
  let answered: { status: number; text: string; tooLong: boolean };
  try {
    answered = await postSigned({
      ...c,
      secrets: [c.secret],
      userAgent: 'Parley-Bots/1',
      maxAnswerBytes: MAX_ANSWER_BYTES,
    });
  } catch (err) {
    return { kind: 'failed', why: err instanceof Error ? err.message : 'the call failed' };
  }
  const { status, text, tooLong } = answered;
  if (tooLong) return { kind: 'failed', why: `the answer is over ${MAX_ANSWER_BYTES} bytes` };
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
