/**
 * SQL for the agent console and the user-detail endpoint: conversation lists with filters,
 * users' unread counts and last message times, teammates, saved quick replies.
 */
import type { ConversationStatus, UserRole } from '../../../../src/core/protocol.js';
import type { Sql } from '../db.js';
import type { ConversationRow } from './conversations.js';
import type { UserRow } from './users.js';

export interface ConversationFilter {
  statuses: readonly ConversationStatus[];
  /** Only conversations assigned to this user; `null` = only unassigned ones. */
  assignee?: string | null;
  /** Only conversations with this tag. */
  tag?: number | undefined;
  limit: number;
}

/** The app's conversations, most recently active first. */
export function listConversations(sql: Sql, appId: string, f: ConversationFilter): Promise<ConversationRow[]> {
  const params: unknown[] = [appId, [...f.statuses], f.limit];
  let assignee = '';
  if (f.assignee === null) assignee = 'AND c.assignee IS NULL';
  else if (f.assignee !== undefined) {
    params.push(f.assignee);
    assignee = `AND c.assignee = $${params.length}`;
  }
  if (f.tag !== undefined) {
    params.push(f.tag);
    assignee += ` AND EXISTS (SELECT 1 FROM conversation_tags ct WHERE ct.group_id = c.group_id AND ct.tag_id = $${params.length})`;
  }
  return sql.rows<ConversationRow>(
    `SELECT c.* FROM conversations c WHERE c.app_id = $1 AND c.status = ANY($2::int[]) ${assignee}
     ORDER BY c.updated_at DESC, c.group_id DESC LIMIT $3`,
    params,
  );
}

export interface UserActivity {
  user_id: string;
  unread: number;
  last_message_at: Date | null;
}

/** Per user: unread messages over all their conversations, and when they last sent a message. */
export function userActivity(sql: Sql, appId: string, userIds: readonly string[]): Promise<UserActivity[]> {
  return sql.rows<UserActivity>(
    `SELECT u.user_id,
       (SELECT count(msg.id)::int FROM members m
          JOIN conversations c ON c.group_id = m.group_id AND c.app_id = u.app_id
          JOIN messages msg ON msg.group_id = m.group_id AND msg.id > m.last_read_id AND msg.from_user <> m.user_id
        WHERE m.user_id = u.user_id) AS unread,
       (SELECT max(msg.created_at) FROM messages msg WHERE msg.app_id = u.app_id AND msg.from_user = u.user_id) AS last_message_at
     FROM users u WHERE u.app_id = $1 AND u.user_id = ANY($2::text[])`,
    [appId, [...userIds]],
  );
}

/** Agents, admins, operators and bots of the app (not deleted ones). */
export function listStaff(sql: Sql, appId: string): Promise<UserRow[]> {
  return sql.rows<UserRow>(
    `SELECT * FROM users WHERE app_id = $1 AND role <> 'user' AND deleted_at IS NULL
     ORDER BY (role = 'bot'), user_name, user_id`,
    [appId],
  );
}

export function setRole(sql: Sql, appId: string, userId: string, role: UserRole): Promise<UserRow | undefined> {
  return sql.row<UserRow>(`UPDATE users SET role = $3 WHERE app_id = $1 AND user_id = $2 RETURNING *`, [
    appId,
    userId,
    role,
  ]);
}

export interface UserPatch {
  userName?: string | undefined;
  email?: string | undefined;
  imageLink?: string | undefined;
  metadata?: Record<string, string> | undefined;
  deactivated?: boolean | undefined;
  /** A canonical BCP 47 tag (`locale()` in input.ts). */
  locale?: string | undefined;
}

/** Applies the given fields (absent ones keep their value; metadata merges). */
export function updateUser(sql: Sql, appId: string, userId: string, p: UserPatch): Promise<UserRow | undefined> {
  return sql.row<UserRow>(
    `UPDATE users SET
       user_name = COALESCE($3, user_name),
       email = COALESCE($4, email),
       image_link = COALESCE($5, image_link),
       metadata = metadata || COALESCE($6::jsonb, '{}'::jsonb),
       deactivated = COALESCE($7, deactivated),
       locale = COALESCE($8, locale)
     WHERE app_id = $1 AND user_id = $2 RETURNING *`,
    [
      appId,
      userId,
      p.userName ?? null,
      p.email ?? null,
      p.imageLink ?? null,
      p.metadata ? JSON.stringify(p.metadata) : null,
      p.deactivated ?? null,
      p.locale ?? null,
    ],
  );
}

export function setPasswordHash(sql: Sql, appId: string, userId: string, hash: string): Promise<unknown> {
  return sql.rows(`UPDATE users SET password_hash = $3 WHERE app_id = $1 AND user_id = $2`, [appId, userId, hash]);
}

export interface QuickReplyRow {
  id: number;
  app_id: string;
  shortcut: string;
  message: string;
  created_by: string;
  created_at: Date;
}

export function listQuickReplies(sql: Sql, appId: string): Promise<QuickReplyRow[]> {
  return sql.rows<QuickReplyRow>(`SELECT * FROM quick_replies WHERE app_id = $1 ORDER BY lower(shortcut)`, [appId]);
}

/** Inserts a quick reply; undefined when the shortcut is taken (case-insensitively). */
export function insertQuickReply(
  sql: Sql,
  appId: string,
  shortcut: string,
  message: string,
  createdBy: string,
): Promise<QuickReplyRow | undefined> {
  return sql.row<QuickReplyRow>(
    `INSERT INTO quick_replies (app_id, shortcut, message, created_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (app_id, lower(shortcut)) DO NOTHING RETURNING *`,
    [appId, shortcut, message, createdBy],
  );
}

export async function deleteQuickReply(sql: Sql, appId: string, id: number): Promise<boolean> {
  return (
    (await sql.rows(`DELETE FROM quick_replies WHERE app_id = $1 AND id = $2 RETURNING id`, [appId, id])).length > 0
  );
}
