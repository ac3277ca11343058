/**
 * Run-time validation of what arrives from the server or from storage. Each parser returns the
 * typed value or `undefined` (for lists: the valid items only); none of them throws. Optional
 * fields that are present but wrong are dropped; required fields that are wrong reject the item.
 */
import {
  CONTENT_TYPES,
  CONTENT_TYPE_VALUES,
  CONVERSATION_STATUS,
  CONVERSATION_STATUSES,
  MESSAGE_STATUS,
  MESSAGE_STATUSES,
  MESSAGE_TYPE,
  MESSAGE_TYPES,
  USER_ROLES,
  type Conversation,
  type ContentType,
  type ConversationStatus,
  type CsatRating,
  type FileMeta,
  type Message,
  type MessageStatus,
  type MessageType,
  type Metadata,
  type Session,
  type UserRole,
  type UserSummary,
} from './protocol.js';

import { isRecord } from './envelope.js';
import { canonicalLocale } from './language-tag.js';

export { errorItemOf, isRecord, parseApiErrorItem, successPayload, type Json } from './envelope.js';

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function oneOf<T extends string | number>(list: readonly T[], value: unknown): T | undefined {
  return (list as readonly unknown[]).includes(value) ? (value as T) : undefined;
}

/** A string-to-string map; numbers and booleans are turned into strings, other values dropped. */
export function parseMetadata(value: unknown): Metadata {
  const out: Metadata = {};
  if (!isRecord(value)) return out;
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return out;
}

export function parseFileMeta(value: unknown): FileMeta | undefined {
  if (!isRecord(value)) return undefined;
  const blobKey = str(value.blobKey);
  if (blobKey === undefined) return undefined;
  const out: FileMeta = {
    blobKey,
    name: str(value.name) ?? '',
    size: num(value.size) ?? 0,
    contentType: str(value.contentType) ?? 'application/octet-stream',
  };
  const thumbnailUrl = str(value.thumbnailUrl);
  const url = str(value.url);
  const createdAtTime = num(value.createdAtTime);
  if (thumbnailUrl !== undefined) out.thumbnailUrl = thumbnailUrl;
  if (url !== undefined) out.url = url;
  if (createdAtTime !== undefined) out.createdAtTime = createdAtTime;
  return out;
}

export function parseMessage(value: unknown): Message | undefined {
  if (!isRecord(value)) return undefined;
  const key = str(value.key);
  const id = num(value.id);
  const groupId = str(value.groupId);
  if (!key || id === undefined || !groupId) return undefined;
  const message: Message = {
    key,
    id,
    groupId,
    message: str(value.message) ?? '',
    contentType: oneOf<ContentType>(CONTENT_TYPE_VALUES, value.contentType) ?? CONTENT_TYPES.text,
    type: oneOf<MessageType>(MESSAGE_TYPES, value.type) ?? MESSAGE_TYPE.toVisitor,
    fromUserName: str(value.fromUserName) ?? '',
    metadata: parseMetadata(value.metadata),
    createdAtTime: num(value.createdAtTime) ?? 0,
    status: oneOf<MessageStatus>(MESSAGE_STATUSES, value.status) ?? MESSAGE_STATUS.sent,
  };
  const fileMeta = parseFileMeta(value.fileMeta);
  if (fileMeta) message.fileMeta = fileMeta;
  return message;
}

export function parseMessages(value: unknown): Message[] {
  if (!Array.isArray(value)) return [];
  const out: Message[] = [];
  for (const item of value) {
    const m = parseMessage(item);
    if (m) out.push(m);
  }
  return out;
}

export function parseUserSummary(value: unknown): UserSummary | undefined {
  if (!isRecord(value)) return undefined;
  const userId = str(value.userId);
  if (!userId) return undefined;
  const user: UserSummary = {
    userId,
    userName: str(value.userName) ?? userId,
    role: oneOf<UserRole>(USER_ROLES, value.role) ?? 'user',
  };
  const imageLink = str(value.imageLink);
  if (imageLink) user.imageLink = imageLink;
  return user;
}

function parseRating(value: unknown): CsatRating | undefined {
  if (!isRecord(value)) return undefined;
  const rating = num(value.rating);
  if (rating === undefined) return undefined;
  const out: CsatRating = { rating, createdAtTime: num(value.createdAtTime) ?? 0 };
  const comment = str(value.comment);
  if (comment !== undefined) out.comment = comment;
  return out;
}

export function parseConversation(value: unknown): Conversation | undefined {
  if (!isRecord(value)) return undefined;
  const groupId = str(value.groupId);
  if (!groupId) return undefined;
  const members: UserSummary[] = [];
  if (Array.isArray(value.members)) {
    for (const m of value.members) {
      const user = parseUserSummary(m);
      if (user) members.push(user);
    }
  }
  const createdAtTime = num(value.createdAtTime) ?? 0;
  const conversation: Conversation = {
    groupId,
    groupName: str(value.groupName) ?? '',
    status: oneOf<ConversationStatus>(CONVERSATION_STATUSES, value.status) ?? CONVERSATION_STATUS.open,
    members,
    metadata: parseMetadata(value.metadata),
    createdAtTime,
    updatedAtTime: num(value.updatedAtTime) ?? createdAtTime,
    unreadCount: Math.max(0, Math.floor(num(value.unreadCount) ?? 0)),
  };
  const clientGroupId = str(value.clientGroupId);
  const assignee = str(value.assignee);
  const lastMessage = parseMessage(value.lastMessage);
  const rating = parseRating(value.rating);
  if (clientGroupId !== undefined) conversation.clientGroupId = clientGroupId;
  if (assignee !== undefined) conversation.assignee = assignee;
  if (lastMessage) conversation.lastMessage = lastMessage;
  if (rating) conversation.rating = rating;
  return conversation;
}

export function parseConversations(value: unknown): Conversation[] {
  if (!Array.isArray(value)) return [];
  const out: Conversation[] = [];
  for (const item of value) {
    const c = parseConversation(item);
    if (c) out.push(c);
  }
  return out;
}

export function parseSession(value: unknown): Session | undefined {
  if (!isRecord(value)) return undefined;
  const appId = str(value.appId);
  const userId = str(value.userId);
  const token = str(value.token);
  if (!appId || !userId || !token) return undefined;
  const session: Session = {
    appId,
    userId,
    token,
    userName: str(value.userName) ?? userId,
    anonymous: value.anonymous === true,
  };
  const email = str(value.email);
  const imageLink = str(value.imageLink);
  if (email !== undefined) session.email = email;
  if (imageLink !== undefined) session.imageLink = imageLink;
  const locale = canonicalLocale(value.locale);
  if (locale !== undefined) session.locale = locale;
  return session;
}
