/**
 * The chat state the controller owns and the UI renders: one immutable snapshot per change.
 * This module is the only one that builds a new state (`applyPatch`); the transitions below are
 * pure functions from the state (and an event) to a patch, tested without a browser.
 */
import { defaultSettings, type ResolvedSettings } from '../core/config.js';
import type { ChatErrorCode } from '../core/errors.js';
import { holdsStored, isFromVisitor, mergeMessages, type LocalMessage } from '../core/messages.js';
import {
  CONTENT_TYPES,
  CONVERSATION_STATUS,
  type Conversation,
  type Message,
  type Session,
  type UserSummary,
} from '../core/protocol.js';
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
  /** Older history of the active conversation is on its way. */
  readonly loadingOlder: boolean;
  /** Whether the visitor has the panel open. */
  readonly panelOpen: boolean;
  /** Agents online, when the server has said. */
  readonly agentsOnline: number | undefined;
  /** Agents online per team (`''`: the default team's), when the app has teams. */
  readonly agentsByTeam?: Readonly<Record<string, number>> | undefined;
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
    loadingOlder: false,
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
  return sortConversations(list).find(
    (c) => c.status !== CONVERSATION_STATUS.resolved && c.status !== CONVERSATION_STATUS.spam,
  );
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
      m.contentType !== CONTENT_TYPES.notification,
  ).length;
  return after < next.unreadCount ? { ...next, unreadCount: after } : next;
}

// ---- transitions ------------------------------------------------------------------------------

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type StatePatch = Partial<Mutable<ChatState>>;

/** The one place a new state is built: lists frozen, conversations sorted, unread counts summed. */
export function applyPatch(state: ChatState, patch: StatePatch): ChatState {
  const next: Mutable<ChatState> = { ...state, ...patch };
  if (patch.conversations) {
    next.conversations = Object.freeze(sortConversations(patch.conversations));
    next.unreadCount = totalUnread(next.conversations);
  }
  // Frozen as it is, not copied: a patch's list is its own (a merge's, a map's), and a merge
  // knows its own lists again (a message arriving into 10,000 held is merged without a look).
  if (patch.messages) next.messages = Object.freeze(patch.messages);
  if (patch.typing) next.typing = Object.freeze([...patch.typing]);
  return Object.freeze(next);
}

/** What one stored message's arrival changes, and what it means for the controller. */
export interface Arrived {
  patch: StatePatch;
  /** Sent by the visitor (here or in another tab). */
  own: boolean;
  /** In the conversation shown. */
  active: boolean;
  /** Already held (a duplicate push, or older than the conversation's last message). */
  seen: boolean;
  /** A live message in a conversation this tab does not hold yet (an agent started it). */
  unknown: boolean;
}

/** A stored message arrived, `live` (pushed) or not (acknowledged, fetched). */
export function messageArrived(s: ChatState, message: Message, live: boolean): Arrived {
  const own = isFromVisitor(message) || message.fromUserName === s.session?.userId;
  const active = s.activeGroupId === message.groupId;
  const conversation = s.conversations.find((c) => c.groupId === message.groupId);
  const seen =
    (active && holdsStored(s.messages, message)) ||
    (conversation?.lastMessage !== undefined && conversation.lastMessage.id >= message.id);
  const patch: StatePatch = {};
  if (conversation) {
    const unread =
      live && !seen && !own && !(s.panelOpen && active) && message.contentType !== CONTENT_TYPES.notification;
    patch.conversations = updateConversation(s.conversations, message.groupId, (c) => {
      const next = { ...c, unreadCount: c.unreadCount + (unread ? 1 : 0) };
      if (!c.lastMessage || c.lastMessage.id <= message.id) {
        next.lastMessage = message;
        next.updatedAtTime = Math.max(c.updatedAtTime, message.createdAtTime);
      }
      return next;
    });
  }
  if (active) {
    patch.messages = mergeMessages(s.messages, [message]);
    if (s.typing.includes(message.fromUserName)) patch.typing = s.typing.filter((u) => u !== message.fromUserName);
  }
  return { patch, own, active, seen, unknown: !conversation && live };
}

/** `userId` started or stopped typing in the active conversation; undefined when nothing changes. */
export function typingChanged(s: ChatState, userId: string, typing: boolean): StatePatch | undefined {
  const others = s.typing.filter((u) => u !== userId);
  if (typing) return { typing: [...others, userId] };
  return others.length !== s.typing.length ? { typing: others } : undefined;
}

/** The conversation's unread count set to 0. */
export function unreadCleared(s: ChatState, groupId: string): StatePatch {
  return { conversations: updateConversation(s.conversations, groupId, (c) => ({ ...c, unreadCount: 0 })) };
}

/** The server rejected the pending message `key`. */
export function deliveryFailed(s: ChatState, key: string, code: string): StatePatch {
  return {
    messages: s.messages.map((m) =>
      m.key === key && m.id === undefined ? { ...m, deliveryState: 'failed', errorCode: code } : m,
    ),
  };
}

/** The visitor sends the pending message `key` again. */
export function deliveryRetried(s: ChatState, key: string): StatePatch {
  return {
    messages: s.messages.map((m) => {
      if (m.key !== key || m.id !== undefined) return m;
      const { errorCode: _code, ...rest } = m;
      return { ...rest, deliveryState: 'sending' };
    }),
  };
}

/** The visitor discarded the pending message `key`. */
export function pendingDiscarded(s: ChatState, key: string): StatePatch {
  return { messages: s.messages.filter((m) => !(m.key === key && m.id === undefined)) };
}

/** The visitor's record changed (a new name, e-mail …): the session and their user entry follow. */
export function sessionUpdated(s: ChatState, session: Session): StatePatch {
  return { session, users: withUsers(s.users, [], [], session) };
}

/** The visitor forgotten (logout, a dropped session): settings and panel stay. */
export function forgotten(): StatePatch {
  return {
    session: undefined,
    conversations: [],
    activeGroupId: undefined,
    messages: [],
    typing: [],
    users: new Map(),
    connection: 'idle',
    error: undefined,
  };
}
