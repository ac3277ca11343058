/**
 * The contract of a bot behind a URL (`bot-webhook.ts`), pure: what the server POSTs for a
 * visitor's message (`botRequestBody`), and the strict reading of the bot's answer
 * (`parseBotAnswer`), which says why an answer is refused without echoing it.
 *
 * Answer: `{messages: [{message, contentType?, metadata?}], handoff?: true | {teamId}}`, nothing
 * else. Each message passes the same checks as any sent message (`input.ts`: text length,
 * content type, metadata caps; a rich message may have no text); system notices (contentType 10)
 * are the server's own.
 */
import { CONTENT_TYPES } from '../../../src/core/protocol.js';
import type { ContentType, Message, Metadata } from '../../../src/core/protocol.js';
import { isRecord } from '../../../src/core/wire.js';
import { HttpError } from './errors.js';
import { MAX_ID_LENGTH, messageInput } from './input.js';
import type { ConversationRow } from './repo/conversations.js';
import type { UserRow } from './repo/users.js';

/** How long the server waits for a bot's answer: 10 s unless the bot's webhook says otherwise, within bounds. */
export const BOT_TIMEOUT_MS = { default: 10_000, min: 1_000, max: 30_000 } as const;
/** Messages one answer may hold. */
export const MAX_ANSWER_MESSAGES = 10;

export interface BotAnswerMessage {
  message: string;
  contentType: ContentType;
  metadata: Metadata;
}

/** What a bot says: its messages (in order), and whether it hands the conversation to a human (of a team). */
export interface BotAnswer {
  messages: BotAnswerMessage[];
  handoff: false | { teamId?: string };
}

/** The event a bot's URL receives for a visitor's message. */
export function botRequestBody(
  appId: string,
  bot: Pick<UserRow, 'user_id'>,
  conv: ConversationRow,
  message: Message,
  visitor: UserRow,
): string {
  return JSON.stringify({
    eventName: 'MESSAGE_RECEIVED',
    appId,
    botId: bot.user_id,
    conversation: {
      groupId: conv.group_id,
      clientGroupId: conv.client_group_id,
      status: conv.status,
      assignee: conv.assignee,
      metadata: conv.metadata,
    },
    message: {
      key: message.key,
      message: message.message,
      contentType: message.contentType,
      metadata: message.metadata,
      createdAtTime: message.createdAtTime,
      fromUserName: message.fromUserName,
    },
    user: {
      userId: visitor.user_id,
      userName: visitor.user_name,
      email: visitor.email,
      locale: visitor.locale,
    },
  });
}

const MESSAGE_KEYS = ['message', 'contentType', 'metadata'];

function answerMessage(value: unknown, at: string): BotAnswerMessage | string {
  if (!isRecord(value)) return `${at} must be an object`;
  const extra = Object.keys(value).find((k) => !MESSAGE_KEYS.includes(k));
  if (extra !== undefined) return `${at}.${extra} is not part of an answer`;
  if (value['message'] !== undefined && typeof value['message'] !== 'string') return `${at}.message must be a string`;
  try {
    const input = messageInput(value);
    if (input.contentType === CONTENT_TYPES.notification) return `${at}.contentType is reserved for system notices`;
    return { message: input.message, contentType: input.contentType, metadata: input.metadata };
  } catch (err) {
    if (err instanceof HttpError) return `${at}: ${err.description}`;
    throw err;
  }
}

function handoffOf(value: unknown): BotAnswer['handoff'] | string {
  if (value === undefined || value === false) return false;
  if (value === true) return {};
  if (!isRecord(value)) return 'handoff must be true or {teamId}';
  const extra = Object.keys(value).find((k) => k !== 'teamId');
  if (extra !== undefined) return `handoff.${extra} is not part of an answer`;
  const teamId = value['teamId'];
  if (teamId === undefined) return {};
  if (typeof teamId !== 'string' || teamId.trim() === '' || teamId.length > MAX_ID_LENGTH)
    return 'handoff.teamId must be a team id';
  return { teamId };
}

/**
 * Reads a bot's answer (the parsed JSON of its 2xx body): the answer, or why it is refused — a
 * short reason naming the field, never the bot's text. Never throws on bad data.
 */
export function parseBotAnswer(body: unknown): { ok: true; answer: BotAnswer } | { ok: false; why: string } {
  if (!isRecord(body)) return { ok: false, why: 'the answer must be a JSON object' };
  const extra = Object.keys(body).find((k) => k !== 'messages' && k !== 'handoff');
  if (extra !== undefined) return { ok: false, why: `${extra} is not part of an answer` };
  const list = body['messages'];
  if (!Array.isArray(list)) return { ok: false, why: 'messages must be an array' };
  if (list.length > MAX_ANSWER_MESSAGES)
    return { ok: false, why: `messages must hold at most ${MAX_ANSWER_MESSAGES} messages` };
  const messages: BotAnswerMessage[] = [];
  for (const [i, item] of list.entries()) {
    const m = answerMessage(item, `messages[${i}]`);
    if (typeof m === 'string') return { ok: false, why: m };
    messages.push(m);
  }
  const handoff = handoffOf(body['handoff']);
  if (typeof handoff === 'string') return { ok: false, why: handoff };
  return { ok: true, answer: { messages, handoff } };
}
