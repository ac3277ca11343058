/**
 * The enumerations of the wire contract: content types, message directions and statuses,
 * conversation statuses, notice kinds, user roles, away-message event ids, office-hour weekdays. Each is one `as const`
 * list or map from which the union type is derived, so one list both types the code and
 * validates input at run time. Re-exported by `protocol.ts`; imports nothing.
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
export const MESSAGE_TYPE = { toVisitor: 4, fromVisitor: 5 } as const;
export type MessageType = (typeof MESSAGE_TYPE)[keyof typeof MESSAGE_TYPE];
export const MESSAGE_TYPES = Object.values(MESSAGE_TYPE) as readonly MessageType[];

/** Delivery status of a stored message: 3 sent, 4 delivered, 5 read. */
export const MESSAGE_STATUS = { sent: 3, delivered: 4, read: 5 } as const;
export type MessageStatus = (typeof MESSAGE_STATUS)[keyof typeof MESSAGE_STATUS];
export const MESSAGE_STATUSES = Object.values(MESSAGE_STATUS) as readonly MessageStatus[];

/**
 * Conversation status: 0 open, 1 in progress, 2 resolved/closed, 3 spam, 7 waiting in the queue
 * (automatic routing found no agent free: unassigned until one frees up, oldest first per team;
 * then open and assigned). Waiting counts as open (`OPEN_CONVERSATION_STATUSES`).
 */
export const CONVERSATION_STATUS = { open: 0, inProgress: 1, resolved: 2, spam: 3, waiting: 7 } as const;
export type ConversationStatus = (typeof CONVERSATION_STATUS)[keyof typeof CONVERSATION_STATUS];
export const CONVERSATION_STATUSES = Object.values(CONVERSATION_STATUS) as readonly ConversationStatus[];
/** The statuses of a conversation that is still being handled (not resolved, not spam). */
export const OPEN_CONVERSATION_STATUSES: readonly ConversationStatus[] = [
  CONVERSATION_STATUS.open,
  CONVERSATION_STATUS.inProgress,
  CONVERSATION_STATUS.waiting,
];

/**
 * `metadata.notice` of the system notifications (contentType 10) the server posts when a
 * conversation changes; with `metadata.by` (who did it), `metadata.assignee`, `metadata.status`,
 * `metadata.position` (`queued`: the place in the queue, when the rules show it).
 * The `message` text is the English notice; a widget may show its own words for the kind.
 */
export const NOTICE_KINDS = ['resolved', 'reopened', 'spam', 'assigned', 'autoResolved', 'queued'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Who a user is. `user` is a visitor; everybody else works for the site. */
export const USER_ROLES = ['user', 'agent', 'bot', 'admin', 'operator', 'superadmin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** `eventId` of an away/welcome message: 1 away (anonymous), 2 away (known), 3 welcome. */
export const AWAY_EVENT_IDS = [1, 2, 3] as const;
export type AwayEventId = (typeof AWAY_EVENT_IDS)[number];

/** The keys of a team's `businessHourMap`: "0" (Sunday) to "6". */
export const WEEKDAY_KEYS = ['0', '1', '2', '3', '4', '5', '6'] as const;
