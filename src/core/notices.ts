/**
 * System notices (content type 10) in the visitor's language. The server posts each with its
 * English text and says what happened in the metadata (`notice`: `resolved` | `reopened` |
 * `spam` | `autoResolved` | `assigned` | `queued`, with `by` / `assignee` user ids or the queue's
 * `position`); the widget words it from its own strings. A notice of another kind, or one naming
 * a user the widget cannot name, keeps the server's text.
 */
import { format, type Strings } from './locale.js';
import type { Message } from './protocol.js';

type StatusKey = 'Resolved' | 'Reopened' | 'Spam';
const STATUS_KINDS: Readonly<Record<string, StatusKey>> = { resolved: 'Resolved', reopened: 'Reopened', spam: 'Spam' };

/** The notice's text; `nameOf` answers a user's display name, or undefined when unknown. */
export function noticeText(
  message: Pick<Message, 'message' | 'metadata'>,
  strings: Strings,
  nameOf: (userId: string) => string | undefined,
  locale?: string,
): string {
  const fallback = typeof message.message === 'string' ? message.message : '';
  const meta = message.metadata ?? {};
  const kind = meta['notice'];
  if (kind === 'autoResolved') return strings.noticeAutoResolved;
  if (kind === 'queued') {
    const position = Number(meta['position']);
    return position > 0 ? format(strings.noticeQueuedAt, { position }, locale) : strings.noticeQueued;
  }
  if (kind === 'assigned') {
    const name = meta['assignee'] ? nameOf(meta['assignee']) : undefined;
    return name ? format(strings.noticeAssigned, { name }) : fallback;
  }
  const status = typeof kind === 'string' && Object.hasOwn(STATUS_KINDS, kind) ? STATUS_KINDS[kind] : undefined;
  if (!status) return fallback;
  if (!meta['by']) return strings[`notice${status}`];
  const name = nameOf(meta['by']);
  return name ? format(strings[`notice${status}By`], { name }) : fallback;
}
