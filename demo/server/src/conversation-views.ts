/**
 * Conversations as the protocol shapes them (`Conversation`): members with names and avatars,
 * the last message, and unread counts for one user. Used by the chat service (`chat.ts`).
 */
import type { Conversation } from '../../../src/core/protocol.js';
import type { Sql } from './db.js';
import * as conversations from './repo/conversations.js';
import type { ConversationRow } from './repo/conversations.js';
import * as messages from './repo/messages.js';
import { toSummary } from './repo/users.js';

/** The rows as `Conversation`s, with unread counts for `forUser` (0 without). */
export async function conversationViews(
  db: Sql,
  appId: string,
  rows: readonly ConversationRow[],
  forUser?: string,
): Promise<Conversation[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.group_id);
  const [members, last, unread] = await Promise.all([
    conversations.membersOf(db, appId, ids),
    messages.lastMessages(db, ids),
    forUser ? conversations.unreadCounts(db, ids, forUser) : Promise.resolve([]),
  ]);
  return rows.map((r) => {
    const c: Conversation = {
      groupId: r.group_id,
      groupName: r.group_name,
      status: r.status,
      members: members.filter((m) => m.group_id === r.group_id).map(toSummary),
      metadata: r.metadata ?? {},
      createdAtTime: r.created_at.getTime(),
      updatedAtTime: r.updated_at.getTime(),
      unreadCount: unread.find((u) => u.group_id === r.group_id)?.unread ?? 0,
    };
    if (r.client_group_id !== null) c.clientGroupId = r.client_group_id;
    if (r.assignee !== null) c.assignee = r.assignee;
    if (r.rating) c.rating = r.rating;
    const lm = last.find((m) => m.group_id === r.group_id);
    if (lm) c.lastMessage = messages.toMessage(lm);
    return c;
  });
}
