/**
 * The wire contract between the widget and the reference server: REST shapes, the socket.io
 * event maps, and the enumerations both sides validate against. Names follow the product's
 * Platform API and web SDK (`../shared/product/`). Types only plus `as const` lists: this file
 * imports nothing and is shared by `src/` and `demo/server/`.
 */

/** Message content types (`contentType`). */
export const CONTENT_TYPES = {
  text: 0,
  attachment: 1,
  location: 2,
  html: 3,
  price: 4,
  imageLink: 5,
  hyperlink: 6,
  contact: 7,
  audio: 8,
  video: 9,
  notification: 10,
} as const;
export type ContentType = (typeof CONTENT_TYPES)[keyof typeof CONTENT_TYPES];
export const CONTENT_TYPE_VALUES = Object.values(CONTENT_TYPES) as readonly ContentType[];

/** Message direction (`type`): 4 inbound to the visitor, 5 sent by the visitor. */
export const MESSAGE_TYPES = [4, 5] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** Delivery status of a stored message: 3 sent, 4 delivered, 5 read. */
export const MESSAGE_STATUSES = [3, 4, 5] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Conversation status: 0 open, 1 in progress, 2 resolved/closed, 3 spam, 7 waiting in queue. */
export const CONVERSATION_STATUSES = [0, 1, 2, 3, 7] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/**
 * `metadata.notice` of the system notifications (contentType 10) the server posts when a
 * conversation changes; with `metadata.by` (who did it), `metadata.assignee`, `metadata.status`.
 * The `message` text is the English notice; a widget may show its own words for the kind.
 */
export const NOTICE_KINDS = ['resolved', 'reopened', 'spam', 'assigned', 'autoResolved'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Who a user is. `user` is a visitor; everybody else works for the site. */
export const USER_ROLES = ['user', 'agent', 'bot', 'admin', 'operator', 'superadmin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

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
}

/** Success envelope of the Platform API and the widget endpoints. */
export interface ApiSuccess<T> {
  status: 'success';
  generatedAt: number;
  response: T;
}

export interface ApiErrorItem {
  errorCode: string;
  description: string;
  displayMessage: string;
}

/** Error envelope (documented: `{"status":"error","errorResponse":[…],"generatedAt":…}`). */
export interface ApiError {
  status: 'error';
  errorResponse: ApiErrorItem[];
  generatedAt: number;
}

export type ApiResult<T> = ApiSuccess<T> | ApiError;

/** Error codes the server uses. Product codes first, then Parley's own (`PL-`). */
export const ERROR_CODES = {
  groupNotFound: 'AL-G-01',
  userNotFound: 'AL-U-01',
  appNotFound: 'PL-A-01',
  invalidApiKey: 'PL-K-01',
  missingApiKey: 'PL-K-02',
  malformedJson: 'PL-R-01',
  missingField: 'PL-R-02',
  invalidField: 'PL-R-03',
  unknownField: 'PL-R-04',
  notFound: 'PL-R-05',
  payloadTooLarge: 'PL-R-06',
  originNotAllowed: 'PL-O-01',
  widgetDisabled: 'PL-W-01',
  invalidToken: 'PL-S-01',
  notMember: 'PL-S-02',
  forbidden: 'PL-S-03',
  /** A known visitor's `accessToken` is missing or wrong (the app verifies identities). */
  identityNotVerified: 'PL-S-04',
  conversationClosed: 'PL-C-01',
  /** The conversation already has a CSAT rating; it is stored once. */
  alreadyRated: 'PL-C-02',
  /** A CSAT rating for a conversation that is not resolved (status 2). */
  notResolved: 'PL-C-03',
  internal: 'PL-X-01',
  /** Upload larger than the app's `maxAttachmentSize`. */
  fileTooLarge: 'PL-U-01',
  /** Upload whose content is not of an allowed type (sniffed from the bytes, not the name). */
  fileTypeNotAllowed: 'PL-U-02',
  /** Upload that ended early (aborted, truncated multipart body, length mismatch). */
  uploadIncomplete: 'PL-U-03',
  /** No stored file has this blob key (for this app). */
  blobNotFound: 'PL-U-04',
  /** The upload would take the app over its storage quota (HTTP 507). */
  storageQuotaExceeded: 'PL-U-05',
  /** Too many requests of this kind from this address, session or account: retry after `Retry-After` s (HTTP 429). */
  tooManyRequests: 'PL-L-01',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

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
  /** Messages up to `id` were read by `userId`. */
  read: (event: { groupId: string; userId: string; id: number }) => void;
  /** The app's widget settings changed (same shape as the settings endpoint's `response`). */
  settings: (settings: WidgetSettingsResponse) => void;
  /** Agent availability changed. */
  presence: (event: { agentsOnline: number }) => void;
  /** To the agent console only: the signed-in agent's own status changed (another tab, or this one). */
  'agent:status': (event: { status: 'online' | 'away' }) => void;
}

/** Events a widget socket emits; the last argument of each is an acknowledgement callback. */
export interface ClientToServerEvents {
  'message:send': (message: OutgoingMessage, ack: (result: Ack<Message>) => void) => void;
  typing: (event: { groupId: string; typing: boolean }) => void;
  read: (event: { groupId: string; id: number }, ack: (result: Ack<true>) => void) => void;
}

/**
 * `GET /users/v3/chat/plugin/settings?appId=…` → `{code:"SUCCESS", response: WidgetSettingsResponse}`.
 * Every field is optional on the wire: the widget's `core/config` fills in documented defaults.
 */
export interface WidgetSettingsResponse {
  chatWidget?: Partial<ChatWidgetSettings>;
  collectFeedback?: boolean;
  chatPopupMessage?: Array<{ message: string | string[]; delay: number }>;
  collectLead?: boolean;
  leadCollection?: LeadField[];
  /** Pseudonym the server picked for the asking anonymous visitor, if any. */
  userName?: string;
  /** The dashboard's "Show welcome/away message to users" switch. */
  showWelcomeAwayMessage?: boolean;
  welcomeMessage?: WelcomeMessageSettings;
  awayMessage?: AwayMessageSettings;
  /** Office hours per team; none = always within office hours. */
  officeHours?: TeamOfficeHours[];
  /** Team whose office hours apply when the widget names none ('' = the first team). */
  defaultTeamId?: string;
  [extra: string]: unknown;
}

export interface WelcomeMessageSettings {
  enabled: boolean;
  message: string;
  /** Ask anonymous visitors for their e-mail after the welcome message. */
  collectEmail: boolean;
}

export interface AwayMessageSettings {
  /** Away message for anonymous visitors (`eventId` 1). */
  anonymous: string;
  /** Away message for known visitors (`eventId` 2). */
  known: string;
  /** Ask anonymous visitors for their e-mail after the away message. */
  collectEmail: boolean;
}

/** A team's office hours: `businessHourMap` "0" (Sunday) .. "6" → "HHmm-HHmm"; equal = all day. */
export interface TeamOfficeHours {
  teamId: string;
  teamName: string;
  /** IANA time zone, e.g. "Europe/Berlin". */
  timezone: string;
  businessHourMap: Partial<Record<'0' | '1' | '2' | '3' | '4' | '5' | '6', string>>;
  /** Away message of this team outside its office hours ('' = the app's away message). */
  message: string;
}

/** `eventId` of an away/welcome message: 1 away (anonymous), 2 away (known), 3 welcome. */
export const AWAY_EVENT_IDS = [1, 2, 3] as const;
export type AwayEventId = (typeof AWAY_EVENT_IDS)[number];

/** `GET /applications/{appId}/awaymessage` → this (no success envelope, as in the product). */
export interface AwayMessageResponse {
  code: 'SUCCESS' | 'AGENTS_ONLINE';
  data: {
    messageList: Array<{ message: string; eventId: AwayEventId }>;
    collectEmailOnAwayMessage: boolean;
    collectEmailOnWelcomeMessage: boolean;
    welcomeMessageEnabled: boolean;
    anonymousUser: boolean;
  };
}

export interface ChatWidgetSettings {
  primaryColor: string;
  secondaryColor: string;
  position: 'left' | 'right';
  iconIndex: number | 'image';
  widgetImageLink: string;
  showPoweredBy: boolean;
  popup: boolean;
  greetingMessageVolume: number;
  enableGreetingMessageInMobile: boolean;
  notificationTone: string;
  notificationVolume: number;
  pseudonymsEnabled: boolean;
  allowedDomains: string[];
  disableChatWidget: boolean;
  isSingleThreaded: boolean;
  voiceInput: boolean;
  voiceOutput: boolean;
  attachment: boolean;
  /** MB. */
  maxAttachmentSize: number;
  /** MIME types or `type/*` patterns the server accepts. */
  allowedAttachmentTypes: string[];
  /** ms. */
  botMessageDelayInterval: number;
  /** ms; 0 = keep forever. */
  sessionTimeout: number;
  csatRatingBase: 3 | 5;
  title: string;
  teamName: string;
}

export interface LeadField {
  field: string;
  type: 'text' | 'email' | 'phone' | 'number' | 'select';
  required?: boolean;
  placeholder?: string;
  options?: string[];
}
