/**
 * How the list lays messages out: consecutive messages from one sender form a group (avatar and
 * name on the first, time on the last); system notifications stand alone and hidden ones drop
 * out. Pure.
 */
import { CONTENT_TYPES, MESSAGE_TYPE } from '../../core/protocol.js';
import type { ListMessage } from '../message/message.js';

/** A pause longer than this starts a new group even for the same sender. */
export const GROUP_GAP_MS = 5 * 60 * 1000;

export type ListItem =
  | { kind: 'notice'; message: ListMessage }
  | {
      kind: 'message';
      message: ListMessage;
      self: boolean;
      first: boolean;
      last: boolean;
      /** The visitor wrote something after this one. */
      answered: boolean;
    };

export function isOwn(message: ListMessage, selfId: string): boolean {
  return selfId ? message.fromUserName === selfId : message.type === MESSAGE_TYPE.fromVisitor;
}

function isNotice(message: ListMessage): boolean {
  return message.contentType === CONTENT_TYPES.notification;
}

function isHidden(message: ListMessage): boolean {
  return isNotice(message) && message.metadata?.hide === 'true';
}

/** Drops hidden notifications, malformed entries and repeated keys (the later copy wins). */
export function visibleMessages(messages: readonly ListMessage[] | undefined): ListMessage[] {
  if (!Array.isArray(messages)) return [];
  const byKey = new Map<string, ListMessage>();
  for (const m of messages) {
    if (typeof m !== 'object' || m === null || typeof m.key !== 'string' || isHidden(m)) continue;
    if (byKey.has(m.key)) byKey.delete(m.key);
    byKey.set(m.key, m);
  }
  return [...byKey.values()];
}

export function groupMessages(messages: readonly ListMessage[], selfId: string): ListItem[] {
  let lastOwn = -1;
  messages.forEach((m, i) => {
    if (!isNotice(m) && isOwn(m, selfId)) lastOwn = i;
  });
  const items: ListItem[] = messages.map((message, i) =>
    isNotice(message)
      ? { kind: 'notice', message }
      : { kind: 'message', message, self: isOwn(message, selfId), first: true, last: true, answered: i < lastOwn },
  );
  for (let i = 1; i < items.length; i++) {
    const prev = items[i - 1];
    const item = items[i];
    if (prev?.kind !== 'message' || item?.kind !== 'message') continue;
    const sameSender = prev.message.fromUserName === item.message.fromUserName;
    const close = Math.abs((item.message.createdAtTime || 0) - (prev.message.createdAtTime || 0)) <= GROUP_GAP_MS;
    if (sameSender && close) {
      prev.last = false;
      item.first = false;
    }
  }
  return items;
}
