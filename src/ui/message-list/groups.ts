/**
 * How the list lays messages out: consecutive messages from one sender form a group (avatar and
 * name on the first, time on the last); system notifications stand alone and hidden ones drop
 * out. `ListLayout` lays a conversation out again only where a change reaches: a message that
 * arrives after the others is laid out alone (10,000 held cost no more than ten).
 */
import { CONTENT_TYPES, MESSAGE_TYPE } from '../../core/protocol.js';
import type { ListMessage } from '../message/message.js';

/** A pause longer than this starts a new group even for the same sender. */
export const GROUP_GAP_MS = 5 * 60 * 1000;

export type ListItem =
  | { kind: 'notice'; message: ListMessage }
  | { kind: 'message'; message: ListMessage; self: boolean; first: boolean; last: boolean };

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

/** Whether `b`, right after `a`, continues its group: the same sender within GROUP_GAP_MS. */
function continues(a: ListMessage, b: ListMessage): boolean {
  return a.fromUserName === b.fromUserName && Math.abs((b.createdAtTime || 0) - (a.createdAtTime || 0)) <= GROUP_GAP_MS;
}

export class ListLayout {
  /** The visible messages as list items, in order. */
  items: readonly ListItem[] = [];
  /** The index of the visitor's last message in `items` (-1: none): the ones before it are answered. */
  lastOwn = -1;
  #messages: readonly ListMessage[] = [];
  #selfId = '';
  #keys = new Set<string>();

  /**
   * Lays `messages` out. When they are the last call's with more after them, only those are laid
   * out and returned (the visible ones); otherwise everything is, and the answer is undefined.
   */
  update(messages: readonly ListMessage[] | undefined, selfId: string): ListMessage[] | undefined {
    const list = Array.isArray(messages) ? messages : [];
    const before = this.#messages;
    const same = selfId === this.#selfId && before.length > 0 && list.length >= before.length;
    this.#messages = list;
    this.#selfId = selfId;
    if (same && before.every((m, i) => list[i] === m)) {
      const added = visibleMessages(list.slice(before.length));
      if (!added.some((m) => this.#keys.has(m.key))) {
        const items = [...this.items];
        for (const m of added) this.#append(items, m, false);
        this.items = items;
        return added;
      }
    }
    const items: ListItem[] = [];
    this.#keys = new Set();
    this.lastOwn = -1;
    for (const m of visibleMessages(list)) this.#append(items, m, true);
    this.items = items;
    return undefined;
  }

  /** Adds `message` after the last item, joining its group; `fresh`: the items are this call's own. */
  #append(items: ListItem[], message: ListMessage, fresh: boolean): void {
    this.#keys.add(message.key);
    if (isNotice(message)) {
      items.push({ kind: 'notice', message });
      return;
    }
    const self = isOwn(message, this.#selfId);
    const item: ListItem = { kind: 'message', message, self, first: true, last: true };
    const prev = items[items.length - 1];
    if (prev?.kind === 'message' && continues(prev.message, message)) {
      item.first = false;
      // An item already drawn is replaced, never changed in place.
      if (fresh) prev.last = false;
      else items[items.length - 1] = { ...prev, last: false };
    }
    if (self) this.lastOwn = items.length;
    items.push(item);
  }
}
