/**
 * The chat state the controller owns and the UI renders: one immutable snapshot per change.
 */
import { defaultSettings, type ResolvedSettings } from '../core/config.js';
import type { ChatErrorCode } from '../core/errors.js';
import { isFromVisitor, type LocalMessage } from '../core/messages.js';
import type { Conversation, Session, UserSummary } from '../core/protocol.js';
import type { ConnectionState } from '../net/realtime.js';

export const CHAT_STATUSES = ['idle', 'loading', 'ready', 'disabled', 'blocked', 'error'] as const;
/**
 * - `idle`: not started; `loading`: waiting for settings;
 * - `ready`: the widget may show (a stored conversation may already be there);
 * - `disabled`: the app switched the widget off; `blocked`: this page's domain is not allowed;
 * - `error`: settings could not be loaded (see `error`) — render nothing, `open()` tries again.
 */
export type ChatStatus = (typeof CHAT_STATUSES)[number];

/** The realtime connection, or `idle` while there is no socket (no session yet). */
export type ChatConnection = ConnectionState | 'idle';

export interface ChatState {
  readonly status: ChatStatus;
  readonly settings: ResolvedSettings;
  readonly session: Session | undefined;
  readonly connection: ChatConnection;
  /** The visitor's conversations, most recently updated first. */
  readonly conversations: readonly Conversation[];
  readonly activeGroupId: string | undefined;
  /** The active conversation: stored messages by id, then the visitor's pending ones. */
  readonly messages: readonly LocalMessage[];
  /** Unread messages over all conversations. */
  readonly unreadCount: number;
  /** userIds typing in the active conversation (never the visitor). */
  readonly typing: readonly string[];
  /** Names and avatars by userId: conversation members, `user` events, the visitor. */
  readonly users: ReadonlyMap<string, UserSummary>;
  /** Whether the visitor has the panel open. */
  readonly panelOpen: boolean;
  /** Agents online, when the server has said. */
  readonly agentsOnline: number | undefined;
  /** The last error, as a code (`ERROR_CODES` / `CLIENT_ERROR_CODES`); the UI maps it to text. */
  readonly error: ChatErrorCode | string | undefined;
}

export function initialState(): ChatState {
  return Object.freeze({
    status: 'idle',
    settings: defaultSettings(),
    session: undefined,
    connection: 'idle',
    conversations: Object.freeze([]) as readonly Conversation[],
    activeGroupId: undefined,
    messages: Object.freeze([]) as readonly LocalMessage[],
    unreadCount: 0,
    typing: Object.freeze([]) as readonly string[],
    users: new Map(),
    panelOpen: false,
    agentsOnline: undefined,
    error: undefined,
  });
}

/** Most recently updated first. */
export function sortConversations(list: readonly Conversation[]): Conversation[] {
  const when = (c: Conversation) => Math.max(c.updatedAtTime || 0, c.lastMessage?.createdAtTime ?? 0);
  return [...list].sort((a, b) => when(b) - when(a));
}

/** The newest conversation that is not resolved or spam. */
export function newestOpen(list: readonly Conversation[]): Conversation | undefined {
  return sortConversations(list).find((c) => c.status !== 2 && c.status !== 3);
}

export function totalUnread(list: readonly Conversation[]): number {
  return list.reduce((sum, c) => sum + (c.unreadCount > 0 ? c.unreadCount : 0), 0);
}

/** `users` plus conversation members, extra users and the visitor (newest data wins). */
export function withUsers(
  users: ReadonlyMap<string, UserSummary>,
  conversations: readonly Conversation[],
  extra: readonly UserSummary[],
  session: Session | undefined,
): Map<string, UserSummary> {
  const next = new Map(users);
  for (const c of conversations) for (const m of c.members) next.set(m.userId, m);
  for (const u of extra) next.set(u.userId, u);
  if (session) {
    const self: UserSummary = { userId: session.userId, userName: session.userName, role: 'user' };
    if (session.imageLink) self.imageLink = session.imageLink;
    next.set(session.userId, self);
  }
  return next;
}

/** The list with `conversation` added or replaced (keeping a known last message). */
export function upsertConversation(list: readonly Conversation[], conversation: Conversation): Conversation[] {
  const old = list.find((c) => c.groupId === conversation.groupId);
  if (!old) return [...list, conversation];
  const merged =
    !conversation.lastMessage && old.lastMessage ? { ...conversation, lastMessage: old.lastMessage } : conversation;
  return list.map((c) => (c === old ? merged : c));
}

/** The list with one conversation changed by `change`. */
export function updateConversation(
  list: readonly Conversation[],
  groupId: string,
  change: (c: Conversation) => Conversation,
): Conversation[] {
  return list.map((c) => (c.groupId === groupId ? change(c) : c));
}

/**
 * A conversation from the server (a push or a fetched list) merged with the one this tab holds,
 * so that every tab ends with the same unread count whatever order the news arrives in: a newer
 * last message held here wins (with its count: the server's view is older), and nothing up to
 * `readUpTo` (what the visitor has read, in any tab) counts as unread.
 */
export function reconcileConversation(
  incoming: Conversation,
  held: Conversation | undefined,
  readUpTo: number | undefined,
  /**
   * The open conversation's messages as this tab holds them. When they run unbroken from the
   * read marker to the conversation's last message, the server's count (which may predate the
   * marker: it was still on its way) is capped at the messages from others held after `readUpTo`.
   */
  shown?: {
    messages: ReadonlyArray<Pick<LocalMessage, 'id' | 'type' | 'fromUserName' | 'contentType'>>;
    selfId: string | undefined;
  },
): Conversation {
  let next = incoming;
  if (held?.lastMessage && (!incoming.lastMessage || held.lastMessage.id > incoming.lastMessage.id)) {
    next = {
      ...incoming,
      lastMessage: held.lastMessage,
      unreadCount: held.unreadCount,
      updatedAtTime: Math.max(incoming.updatedAtTime, held.updatedAtTime),
    };
  }
  if (readUpTo !== undefined && next.unreadCount > 0 && (next.lastMessage?.id ?? 0) <= readUpTo)
    next = { ...next, unreadCount: 0 };
  if (readUpTo === undefined || next.unreadCount === 0 || !shown) return next;
  const lastId = next.lastMessage?.id;
  const covers =
    lastId !== undefined &&
    shown.messages.some((m) => m.id === lastId) &&
    shown.messages.some((m) => m.id !== undefined && m.id <= readUpTo);
  if (!covers) return next;
  const after = shown.messages.filter(
    (m) =>
      m.id !== undefined &&
      m.id > readUpTo &&
      !isFromVisitor(m) &&
      m.fromUserName !== shown.selfId &&
      m.contentType !== 10,
  ).length;
  return after < next.unreadCount ? { ...next, unreadCount: after } : next;
}
