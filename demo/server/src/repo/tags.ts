/**
 * SQL for what staff add to conversations and visitors: an app's tags, the tags of each
 * conversation (`conversation_tags`), and blocked visitors (`users.blocked`).
 */
import type { Sql } from '../db.js';

export interface TagRow {
  id: number;
  app_id: string;
  name: string;
  colour: string;
  created_by: string;
  created_at: Date;
}

export interface ConversationTagRow {
  group_id: string;
  id: number;
  name: string;
  colour: string;
}

export function listTags(sql: Sql, appId: string): Promise<TagRow[]> {
  return sql.rows<TagRow>(`SELECT * FROM tags WHERE app_id = $1 ORDER BY lower(name), id`, [appId]);
}

export async function countTags(sql: Sql, appId: string): Promise<number> {
  return (await sql.row<{ n: number }>(`SELECT count(*)::int AS n FROM tags WHERE app_id = $1`, [appId]))?.n ?? 0;
}

/** Inserts a tag; undefined when the name is taken (case-insensitively). */
export function insertTag(
  sql: Sql,
  appId: string,
  tag: { name: string; colour: string; createdBy: string },
): Promise<TagRow | undefined> {
  return sql.row<TagRow>(
    `INSERT INTO tags (app_id, name, colour, created_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (app_id, lower(name)) DO NOTHING RETURNING *`,
    [appId, tag.name, tag.colour, tag.createdBy],
  );
}

/** Deletes a tag (and takes it off every conversation); answers the conversations it was on, or undefined. */
export async function deleteTag(sql: Sql, appId: string, id: number): Promise<string[] | undefined> {
  const groups = await sql.rows<{ group_id: string }>(
    `SELECT ct.group_id FROM conversation_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.app_id = $1 AND t.id = $2`,
    [appId, id],
  );
  const gone = await sql.rows(`DELETE FROM tags WHERE app_id = $1 AND id = $2 RETURNING id`, [appId, id]);
  return gone.length > 0 ? groups.map((g) => g.group_id) : undefined;
}

/** How many of `ids` are tags of the app. */
export async function countAppTags(sql: Sql, appId: string, ids: readonly number[]): Promise<number> {
  const row = await sql.row<{ n: number }>(
    `SELECT count(*)::int AS n FROM tags WHERE app_id = $1 AND id = ANY($2::bigint[])`,
    [appId, [...ids]],
  );
  return row?.n ?? 0;
}

/** Replaces the conversation's tags with `ids` (all of them the app's: checked by the caller). */
export async function setConversationTags(sql: Sql, groupId: string, ids: readonly number[]): Promise<void> {
  await sql.rows(`DELETE FROM conversation_tags WHERE group_id = $1 AND NOT (tag_id = ANY($2::bigint[]))`, [
    groupId,
    [...ids],
  ]);
  if (ids.length > 0) {
    await sql.rows(
      `INSERT INTO conversation_tags (group_id, tag_id) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING`,
      [groupId, [...ids]],
    );
  }
}

/** The tags of each of the conversations, by name. */
export function tagsOfConversations(sql: Sql, groupIds: readonly string[]): Promise<ConversationTagRow[]> {
  return sql.rows<ConversationTagRow>(
    `SELECT ct.group_id, t.id, t.name, t.colour FROM conversation_tags ct JOIN tags t ON t.id = ct.tag_id
     WHERE ct.group_id = ANY($1::text[]) ORDER BY lower(t.name), t.id`,
    [[...groupIds]],
  );
}

/** Which of the users are blocked. */
export async function blockedUsers(sql: Sql, appId: string, userIds: readonly string[]): Promise<string[]> {
  const rows = await sql.rows<{ user_id: string }>(
    `SELECT user_id FROM users WHERE app_id = $1 AND user_id = ANY($2::text[]) AND blocked`,
    [appId, [...userIds]],
  );
  return rows.map((r) => r.user_id);
}

/** Blocks or unblocks a visitor; false when there is no such visitor (staff cannot be blocked). */
export async function setBlocked(sql: Sql, appId: string, userId: string, blocked: boolean): Promise<boolean> {
  const rows = await sql.rows(
    `UPDATE users SET blocked = $3 WHERE app_id = $1 AND user_id = $2 AND role = 'user' RETURNING user_id`,
    [appId, userId, blocked],
  );
  return rows.length > 0;
}

export async function isBlocked(sql: Sql, appId: string, userId: string): Promise<boolean> {
  return (await blockedUsers(sql, appId, [userId])).length > 0;
}
