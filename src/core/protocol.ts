/**
 * The wire contract between the widget and the reference server: REST shapes and the socket.io
 * event maps. Names follow the product's Platform API and web SDK (`../shared/product/`). Types
 * only: this module imports nothing but its three siblings, which it re-exports so that
 * `protocol.js` stays the one import for `src/`, `demo/server/` and the tests:
 * `protocol-enums.ts` (content types, statuses, notice kinds, roles — the named maps and the
 * lists derived from them), `protocol-errors.ts` (answer envelopes, error codes) and
 * `protocol-settings.ts` (the widget settings on the wire).
 */
export * from './protocol-enums.js';
export * from './protocol-errors.js';
export * from './protocol-settings.js';
import type { ContentType, ConversationStatus, MessageStatus, MessageType, UserRole } from './protocol-enums.js';
import type { ApiErrorItem } from './protocol-errors.js';
import type { WidgetSettingsResponse } from './protocol-settings.js';

/** String-to-string map, as the product's `metadata`. */
export type Metadata = Record<string, string>;

export interface FileMeta {
  blobKey: string;
  name: string;
  size: number;
  contentType: string;
  /** Absolute or server-relative URL of a thumbnail (images only). */
  thumbnailUrl?: string;
  /** Server-relative or absolute URL of the file itself. */
  url?: string;
  createdAtTime?: number;
}

/** A stored message as the server sends it. */
export interface Message {
  /** Client-made unique id; the idempotency key (unique per app). */
  key: string;
  /** Server sequence number, strictly increasing per app: the catch-up cursor and the order. */
  id: number;
  groupId: string;
  message: string;
  contentType: ContentType;
  type: MessageType;
  /** userId of the sender (the product's field name). */
  fromUserName: string;
  metadata: Metadata;
  fileMeta?: FileMeta;
  createdAtTime: number;
  status: MessageStatus;
  /** The channel the message came from, as the Platform API sender named it (`source`); absent when none. */
  source?: number;
}

/** What the widget sends to create a message. */
export interface OutgoingMessage {
  key: string;
  groupId: string;
  message: string;
  contentType?: ContentType;
  metadata?: Metadata;
  fileMeta?: FileMeta;
}

/** A user as the widget needs to draw them. */
export interface UserSummary {
  userId: string;
  userName: string;
  imageLink?: string;
  role: UserRole;
}

export interface CsatRating {
  /** 1/5/10 with three faces, 1..5 with stars. */
  rating: number;
  comment?: string;
  createdAtTime: number;
}

/**
 * A new conversation as the widget asks for one (`POST /widget/v1/conversations`): the
 * product's startConversation parameters. The server checks every id against the app.
 */
export interface ConversationOptions {
  groupName?: string;
  metadata?: Metadata;
  /** Agents who join it. */
  agentIds?: string[];
  /** Bots that join it. */
  botIds?: string[];
  /** Assigned to this agent or bot directly (no routing). */
  assignee?: string;
  /** The team it is routed within (`metadata.teamId`). */
  teamId?: string;
  /** The site's own id for it: the same id gives the same conversation. */
  clientGroupId?: string;
  /** No bot and no routing: unassigned, for the agents' console (unless `assignee`). */
  skipRouting?: boolean;
}

export interface Conversation {
  groupId: string;
  clientGroupId?: string;
  groupName: string;
  status: ConversationStatus;
  /** userId of the assignee (agent or bot), if any. */
  assignee?: string;
  members: UserSummary[];
  metadata: Metadata;
  createdAtTime: number;
  updatedAtTime: number;
  lastMessage?: Message;
  /** Messages for the asking user that are newer than their read marker. */
  unreadCount: number;
  rating?: CsatRating;
}

/** The session the widget holds for a visitor (`POST /widget/v1/session`). */
export interface Session {
  appId: string;
  userId: string;
  /** Opaque bearer token for REST (`Authorization: Bearer …`) and the socket (`auth.token`). */
  token: string;
  userName: string;
  email?: string;
  imageLink?: string;
  /** The visitor's locale as the server stores it: a canonical BCP 47 tag (`language-tag.ts`). */
  locale?: string;
  /** True when the server made the user up (no `userId` from the site). */
  anonymous: boolean;
}

export interface SessionRequest {
  appId: string;
  /** Present to resume a stored session. */
  token?: string;
  /** A known visitor, as the site passes them. */
  userId?: string;
  /** Proof of `userId` from the site's server, when the app verifies identities. */
  accessToken?: string;
  userName?: string;
  email?: string;
  imageLink?: string;
  contactNumber?: string;
  metadata?: Metadata;
  /** The visitor's locale, a BCP 47 tag (the server stores it canonical; malformed → PL-R-03). */
  locale?: string;
}

/** Acknowledgement of a socket request. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiErrorItem };

/** Events the server emits to widget sockets. */
export interface ServerToClientEvents {
  /** A new message in one of the user's conversations (also echoes the user's own sends). */
  message: (message: Message) => void;
  /** A conversation changed: status, assignee, members, rating, title. */
  conversation: (conversation: Conversation) => void;
  /** Someone's name or avatar changed. */
  user: (user: UserSummary) => void;
  /** Someone started or stopped typing in a conversation. */
  typing: (event: { groupId: string; userId: string; typing: boolean }) => void;
  /** Messages up to `id` were read by `userId` (to every member, the reader's other tabs too). */
  read: (event: { groupId: string; userId: string; id: number }) => void;
  /** Messages up to `id` reached a client of `userId` (to the other members). */
  delivered: (event: { groupId: string; userId: string; id: number }) => void;
  /** The app's widget settings changed (same shape as the settings endpoint's `response`). */
  settings: (settings: WidgetSettingsResponse) => void;
  /** Agent availability changed; `teams`: available agents of each team of the rules, by teamId (when there are teams). */
  presence: (event: { agentsOnline: number; teams?: Record<string, number> }) => void;
  /** To the agent console only: the signed-in agent's own status changed (another tab, or this one). */
  'agent:status': (event: { status: 'online' | 'away' }) => void;
}

/** Events a widget socket emits; the last argument of each is an acknowledgement callback. */
export interface ClientToServerEvents {
  'message:send': (message: OutgoingMessage, ack: (result: Ack<Message>) => void) => void;
  typing: (event: { groupId: string; typing: boolean }) => void;
  read: (event: { groupId: string; id: number }, ack: (result: Ack<true>) => void) => void;
  /** This client has the conversation's messages up to `id` (the highest of a batch, from others). */
  delivered: (event: { groupId: string; id: number }, ack: (result: Ack<true>) => void) => void;
}
