/**
 * The widget's message model: a `LocalMessage` is a server `Message` that may not be stored yet
 * (no `id` while it is being sent) and carries its delivery state. Lists are merged by `key`
 * (the idempotency key): stored messages in server `id` order, then pending ones in the order
 * they were written. Pure functions; bad items are dropped, never thrown on.
 */
import {
  CONTENT_TYPES,
  MESSAGE_STATUS,
  MESSAGE_TYPE,
  type ContentType,
  type FileMeta,
  type Message,
  type Metadata,
  type OutgoingMessage,
} from './protocol.js';

/** 'sent': stored; 'delivered': a client of the other side has it; 'read': they read it. */
export const DELIVERY_STATES = ['sending', 'sent', 'failed', 'read', 'delivered'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export interface LocalMessage extends Omit<Message, 'id'> {
  /** Server sequence number; absent until the server has stored the message. */
  id?: number;
  deliveryState: DeliveryState;
  /** Why sending failed (an error code), when `deliveryState` is 'failed'. */
  errorCode?: string;
  /** Its file could not be saved (storage full): it lives in this tab only until sent. */
  fileInTab?: boolean;
}

/** A new unique key (the idempotency key of a message). */
export function createKey(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** True for messages the visitor sent (`type` 5). */
export function isFromVisitor(message: Pick<Message, 'type'>): boolean {
  return message?.type === MESSAGE_TYPE.fromVisitor;
}

/** True while the server has not stored the message. */
export function isPending(message: LocalMessage): boolean {
  return typeof message.id !== 'number';
}

/** The delivery state of each stored status, in order from `MESSAGE_STATUS.sent`. */
const STORED_STATES = ['sent', 'delivered', 'read'] as const;

/** A stored message as a LocalMessage. */
export function toLocalMessage(message: Message | LocalMessage): LocalMessage {
  if ('deliveryState' in message && (DELIVERY_STATES as readonly unknown[]).includes(message.deliveryState)) {
    return message;
  }
  return { ...message, deliveryState: STORED_STATES[message.status - MESSAGE_STATUS.sent] ?? 'sent' };
}

export interface NewMessageInput {
  groupId: string;
  text: string;
  fromUserName: string;
  now: number;
  key?: string;
  contentType?: ContentType;
  metadata?: Metadata;
  fileMeta?: FileMeta;
}

/** A message the visitor is sending, in state 'sending'. */
export function createLocalMessage(input: NewMessageInput): LocalMessage {
  const message: LocalMessage = {
    key: input.key ?? createKey(),
    groupId: input.groupId,
    message: input.text,
    contentType: input.contentType ?? CONTENT_TYPES.text,
    type: MESSAGE_TYPE.fromVisitor,
    fromUserName: input.fromUserName,
    metadata: { ...(input.metadata ?? {}) },
    createdAtTime: input.now,
    status: MESSAGE_STATUS.sent,
    deliveryState: 'sending',
  };
  if (input.fileMeta) message.fileMeta = input.fileMeta;
  return message;
}

/** The wire form of a local message. */
export function toOutgoing(message: LocalMessage): OutgoingMessage {
  const out: OutgoingMessage = {
    key: message.key,
    groupId: message.groupId,
    message: message.message,
    contentType: message.contentType,
    metadata: { ...message.metadata },
  };
  if (message.fileMeta) out.fileMeta = message.fileMeta;
  return out;
}

const RANK: Record<DeliveryState, number> = { failed: 0, sending: 0, sent: 1, delivered: 2, read: 3 };

function pick(previous: LocalMessage | undefined, next: LocalMessage): LocalMessage {
  if (!previous) return next;
  const prevStored = !isPending(previous);
  const nextStored = !isPending(next);
  if (prevStored && !nextStored) return previous; // never turn a stored message back into a pending one
  if (!prevStored) return next;
  // Both stored: the newer copy wins, but a read marker is never lost.
  if (RANK[previous.deliveryState] > RANK[next.deliveryState]) {
    return {
      ...next,
      deliveryState: previous.deliveryState,
      status: Math.max(previous.status, next.status) as Message['status'],
    };
  }
  return next;
}

function isUsable(value: unknown): value is Message | LocalMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { key?: unknown }).key === 'string' &&
    (value as { key: string }).key !== ''
  );
}

/**
 * Merges `incoming` into `existing` by key: no duplicates; stored messages ordered by `id`,
 * pending ones after them by creation time (then by first appearance). Returns a new array.
 */
export function mergeMessages(
  existing: readonly (Message | LocalMessage)[],
  incoming: readonly (Message | LocalMessage)[],
): LocalMessage[] {
  const appended = appendNewest(existing, incoming);
  if (appended) return appended;
  const byKey = new Map<string, LocalMessage>();
  for (const list of [existing, incoming]) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (!isUsable(item)) continue;
      const local = toLocalMessage(item);
      byKey.set(local.key, pick(byKey.get(local.key), local));
    }
  }
  const stored: LocalMessage[] = [];
  const pending: LocalMessage[] = [];
  for (const m of byKey.values()) (isPending(m) ? pending : stored).push(m);
  stored.sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  pending.sort((a, b) => (a.createdAtTime || 0) - (b.createdAtTime || 0));
  return remember([...stored, ...pending]);
}

/**
 * Where the pending messages of a list in merged order begin, and the stored message before them:
 * found from the end, past the few pending ones (a held list can be 10,000 long).
 */
function tailOf(list: readonly LocalMessage[]): { pendingAt: number; lastStored: LocalMessage | undefined } {
  let i = list.length;
  while (i > 0 && isPending(list[i - 1]!)) i--;
  return { pendingAt: i, lastStored: list[i - 1] };
}

/**
 * The merge of a message arriving live, without touching the whole list: a single stored message
 * newer than every stored one held goes after them and before the pending ones (a pending copy of
 * it is replaced by the full merge). Only for a list a merge returned (`merged`), whose order it
 * can trust without looking. Undefined otherwise: merge in full.
 */
function appendNewest(
  existing: readonly (Message | LocalMessage)[],
  incoming: readonly (Message | LocalMessage)[],
): LocalMessage[] | undefined {
  const item = Array.isArray(incoming) && incoming.length === 1 ? incoming[0] : undefined;
  if (!merged.has(existing) || !isUsable(item)) return undefined;
  const local = toLocalMessage(item);
  const list = existing as readonly LocalMessage[];
  const { pendingAt, lastStored } = tailOf(list);
  if (local.id === undefined || (lastStored?.id ?? -Infinity) >= local.id) return undefined;
  for (let i = pendingAt; i < list.length; i++) if (list[i]!.key === local.key) return undefined;
  return remember([...list.slice(0, pendingAt), local, ...list.slice(pendingAt)]);
}

/** The lists merges returned: in merged order, each message once. */
const merged = new WeakSet<readonly unknown[]>();

function remember(list: LocalMessage[]): LocalMessage[] {
  merged.add(list);
  return list;
}

/**
 * Whether `messages` (a merge's result) holds `message` stored: at once when it is newer than
 * every stored message held, else by looking.
 */
export function holdsStored(messages: readonly LocalMessage[], message: Message): boolean {
  const { lastStored } = tailOf(messages);
  if (!lastStored || (lastStored.id ?? 0) < message.id) return false;
  return messages.some((m) => m.key === message.key && m.id !== undefined);
}

/** The largest server id in a list (0 if none). */
export function lastStoredId(messages: readonly (Message | LocalMessage)[]): number {
  let max = 0;
  for (const m of messages) if (typeof m.id === 'number' && m.id > max) max = m.id;
  return max;
}

/** Marks the visitor's stored messages up to `id` as delivered to or read by the other side (never back). */
export function markUpTo(
  messages: readonly LocalMessage[],
  id: number,
  state: 'delivered' | 'read' = 'read',
): LocalMessage[] {
  return messages.map((m) =>
    isFromVisitor(m) && typeof m.id === 'number' && m.id <= id && RANK[m.deliveryState] < RANK[state]
      ? { ...m, deliveryState: state, status: MESSAGE_STATUS[state] }
      : m,
  );
}
