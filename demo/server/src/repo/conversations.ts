/**
 * SQL for `conversations` and `members`. A member whose membership a fresh start hid
 * (`members.hidden_at`, `retention.ts`: a visitor back after the app's retention) is left out of
 * what members read and receive — `findMember`, `findConversationFor`, `memberIds`, their
 * conversation lists — and kept where staff and the Platform API read: `membersOf` (the
 * members a conversation shows), `findSenderIn`, `everyMemberId`, `conversationsOfUser(…, true)`.
 */
import { OPEN_CONVERSATION_STATUSES } from '../../../../src/core/protocol.js';
import type { ConversationStatus, CsatRating, Metadata } from '../../../../src/core/protocol.js';
import type { Sql } from '../db.js';
import type { UserRow } from './users.js';

export interface ConversationRow {
  group_id: string;
  app_id: string;
  client_group_id: string | null;
  group_name: string;
  status: ConversationStatus;
  assignee: string | null;
  metadata: Metadata;
  rating: CsatRating | null;
  created_at: Date;
  updated_at: Date;
}

export interface MemberRow {
  group_id: string;
  user_id: string;
  last_read_id: number;
}

export function findConversation(sql: Sql, appId: string, groupId: string): Promise<ConversationRow | undefined> {
  return sql.row<ConversationRow>(`SELECT * FROM conversations WHERE app_id = $1 AND group_id = $2`, [appId, groupId]);
}

/** The conversation, whether `userId` is a member of it and whether they are blocked, in one query. */
export async function findConversationFor(
  sql: Sql,
  appId: string,
  groupId: string,
  userId: string,
): Promise<ConversationFor | undefined> {
  const row = await sql.row<ConversationRow & { is_member: boolean; user_blocked: boolean | null }>(
    `SELECT c.*, EXISTS (SELECT 1 FROM members m WHERE m.group_id = c.group_id AND m.user_id = $3
                          AND m.hidden_at IS NULL) AS is_member,
       (SELECT u.blocked FROM users u WHERE u.app_id = $1 AND u.user_id = $3) AS user_blocked
       FROM conversations c WHERE c.app_id = $1 AND c.group_id = $2`,
    [appId, groupId, userId],
  );
  if (!row) return undefined;
  const { is_member: isMember, user_blocked: blocked, ...conversation } = row;
  return { conversation, isMember, userBlocked: blocked === true };
}

/** A conversation as seen by one user: the row, whether they are a member of it, whether they are blocked. */
export interface ConversationFor {
  conversation: ConversationRow;
  isMember: boolean;
  /** As the users table says now (a socket's user row may be older than a block). */
  userBlocked: boolean;
}

/** Every column of `ConversationRow` (checked below), for a query that reads one beside a user. */
const CONVERSATION_COLUMNS = [
  'group_id',
  'app_id',
  'client_group_id',
  'group_name',
  'status',
  'assignee',
  'metadata',
  'rating',
  'created_at',
  'updated_at',
] as const satisfies ReadonlyArray<keyof ConversationRow>;
const everyColumn: Exclude<keyof ConversationRow, (typeof CONVERSATION_COLUMNS)[number]> extends never ? true : never =
  true;
void everyColumn;

/**
 * A send's lookups in one round trip: whoever a Platform API user reference names (as
 * `findUserRef`: a staff member by id or e-mail first, else a visitor by id) and the app's
 * conversation `groupId` as seen by them (`found` undefined when there is none).
 */
export async function findSenderIn(
  sql: Sql,
  appId: string,
  ref: string,
  groupId: string,
): Promise<{ sender: UserRow; found: ConversationFor | undefined } | undefined> {
  const columns = CONVERSATION_COLUMNS.map((c) => `c.${c} AS "c.${c}"`).join(', ');
  const row = await sql.row<Record<string, unknown>>(
    `SELECT u.*, ${columns},
       EXISTS (SELECT 1 FROM members m WHERE m.group_id = c.group_id AND m.user_id = u.user_id) AS "c.is_member"
     FROM (SELECT * FROM users WHERE app_id = $1 AND (user_id = $2 OR (role <> 'user' AND lower(email) = lower($2)))
           ORDER BY (role <> 'user') DESC, (user_id = $2) DESC, created_at LIMIT 1) u
     LEFT JOIN conversations c ON c.app_id = $1 AND c.group_id = $3`,
    [appId, ref, groupId],
  );
  if (!row) return undefined;
  const sender: Record<string, unknown> = {};
  const conversation: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key.startsWith('c.')) conversation[key.slice(2)] = value;
    else sender[key] = value;
  }
  const { is_member: isMember, ...rest } = conversation;
  return {
    sender: sender as unknown as UserRow,
    found:
      rest['group_id'] == null
        ? undefined
        : {
            conversation: rest as unknown as ConversationRow,
            isMember: isMember === true,
            userBlocked: sender['blocked'] === true,
          },
  };
}

/**
 * The conversation, locked until the transaction ends (call it inside `db.tx`): a concurrent
 * change of the same conversation waits for this one to commit, then reads its result.
 */
export function lockConversation(sql: Sql, appId: string, groupId: string): Promise<ConversationRow | undefined> {
  return sql.row<ConversationRow>(`SELECT * FROM conversations WHERE app_id = $1 AND group_id = $2 FOR NO KEY UPDATE`, [
    appId,
    groupId,
  ]);
}

/** The conversation with `clientGroupId` in `scope` ('' = the Platform API's; else a visitor's id). */
export function findByClientGroupId(
  sql: Sql,
  appId: string,
  clientGroupId: string,
  scope: string,
): Promise<ConversationRow | undefined> {
  return sql.row<ConversationRow>(
    `SELECT * FROM conversations WHERE app_id = $1 AND client_scope = $2 AND client_group_id = $3`,
    [appId, scope, clientGroupId],
  );
}

export interface NewConversation {
  groupName: string;
  clientGroupId?: string | undefined;
  /** '' = the Platform API's clientGroupIds; a visitor's id = theirs. */
  clientScope?: string | undefined;
  assignee?: string | undefined;
  metadata: Metadata;
}

/** Inserts a conversation; undefined when the clientGroupId is already taken in its scope. */
export function insertConversation(sql: Sql, appId: string, c: NewConversation): Promise<ConversationRow | undefined> {
  return sql.row<ConversationRow>(
    `INSERT INTO conversations (app_id, client_scope, client_group_id, group_name, assignee, metadata)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb)
     ON CONFLICT (app_id, client_scope, client_group_id) DO NOTHING RETURNING *`,
    [appId, c.clientScope ?? '', c.clientGroupId ?? null, c.groupName, c.assignee ?? null, JSON.stringify(c.metadata)],
  );
}

/** Adds members (those already in stay as they are); returns the ids that were added. */
export async function addMembers(sql: Sql, groupId: string, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  // The conversation row first, as a message insert takes it (repo/messages.ts): a join and a
  // send of the same member cannot hold one lock each and wait for the other's.
  const rows = await sql.rows<{ user_id: string }>(
    `INSERT INTO members (group_id, user_id)
     SELECT $1, id
     FROM (SELECT count(*) FROM (SELECT 1 FROM conversations WHERE group_id = $1 FOR NO KEY UPDATE) conv) locked,
          unnest($2::text[]) AS id
     ON CONFLICT (group_id, user_id) DO NOTHING RETURNING user_id`,
    [groupId, [...userIds]],
  );
  return rows.map((r) => r.user_id);
}

export function findMember(sql: Sql, groupId: string, userId: string): Promise<MemberRow | undefined> {
  return sql.row<MemberRow>(
    `SELECT group_id, user_id, last_read_id FROM members WHERE group_id = $1 AND user_id = $2 AND hidden_at IS NULL`,
    [groupId, userId],
  );
}

/** The members who see the conversation (who get its pushes), in join order. */
export async function memberIds(sql: Sql, groupId: string): Promise<string[]> {
  return (
    await sql.rows<{ user_id: string }>(
      `SELECT user_id FROM members WHERE group_id = $1 AND hidden_at IS NULL ORDER BY joined_at, user_id`,
      [groupId],
    )
  ).map((r) => r.user_id);
}

/** Every member of the conversation, those a fresh start hid it from too (the Platform API's view). */
export async function everyMemberId(sql: Sql, groupId: string): Promise<string[]> {
  return (
    await sql.rows<{ user_id: string }>(`SELECT user_id FROM members WHERE group_id = $1 ORDER BY joined_at, user_id`, [
      groupId,
    ])
  ).map((r) => r.user_id);
}

/** The member ids of each of the given conversations, in join order (as `memberIds`). */
export async function memberIdsOf(sql: Sql, groupIds: readonly string[]): Promise<Map<string, string[]>> {
  const rows = await sql.rows<{ group_id: string; user_id: string }>(
    `SELECT group_id, user_id FROM members WHERE group_id = ANY($1::text[]) AND hidden_at IS NULL
     ORDER BY joined_at, user_id`,
    [[...new Set(groupIds)]],
  );
  const byGroup = new Map<string, string[]>(groupIds.map((g) => [g, []]));
  for (const r of rows) byGroup.get(r.group_id)?.push(r.user_id);
  return byGroup;
}

/** Member users of the given conversations, in join order. */
export function membersOf(
  sql: Sql,
  appId: string,
  groupIds: readonly string[],
): Promise<Array<UserRow & { group_id: string }>> {
  return sql.rows<UserRow & { group_id: string }>(
    `SELECT u.*, m.group_id FROM members m JOIN users u ON u.app_id = $1 AND u.user_id = m.user_id
     WHERE m.group_id = ANY($2::text[]) ORDER BY m.joined_at, (u.role = 'user') DESC, u.user_id`,
    [appId, [...groupIds]],
  );
}

/** Unread counts per (group, member who sees it): messages from others newer than the member's marker. */
export function unreadCounts(
  sql: Sql,
  groupIds: readonly string[],
  userId?: string,
): Promise<Array<{ group_id: string; user_id: string; unread: number }>> {
  return sql.rows(
    `SELECT m.group_id, m.user_id, count(msg.id)::int AS unread
     FROM members m LEFT JOIN messages msg
       ON msg.group_id = m.group_id AND msg.id > m.last_read_id AND msg.from_user <> m.user_id
          AND msg.content_type <> 10
     WHERE m.group_id = ANY($1::text[]) AND ($2::text IS NULL OR m.user_id = $2) AND m.hidden_at IS NULL
     GROUP BY m.group_id, m.user_id`,
    [[...groupIds], userId ?? null],
  );
}

/**
 * The user's conversations in the app, most recently active first: those they see, or with
 * `hidden` those a fresh start hid from them too (staff acting on a visitor).
 */
export function conversationsOfUser(
  sql: Sql,
  appId: string,
  userId: string,
  hidden = false,
): Promise<ConversationRow[]> {
  return sql.rows<ConversationRow>(
    `SELECT c.* FROM conversations c JOIN members m ON m.group_id = c.group_id
     WHERE c.app_id = $1 AND m.user_id = $2 AND ($3::boolean OR m.hidden_at IS NULL)
     ORDER BY c.updated_at DESC, c.group_id DESC`,
    [appId, userId, hidden],
  );
}

export function latestOpenConversation(sql: Sql, appId: string, userId: string): Promise<ConversationRow | undefined> {
  return sql.row<ConversationRow>(
    `SELECT c.* FROM conversations c JOIN members m ON m.group_id = c.group_id
     WHERE c.app_id = $1 AND m.user_id = $2 AND m.hidden_at IS NULL AND c.status = ANY($3::int[])
     ORDER BY c.updated_at DESC, c.group_id DESC LIMIT 1`,
    [appId, userId, [...OPEN_CONVERSATION_STATUSES]],
  );
}

export function setAssignee(sql: Sql, groupId: string, assignee: string | null): Promise<ConversationRow | undefined> {
  return sql.row<ConversationRow>(
    `UPDATE conversations SET assignee = $2, updated_at = now() WHERE group_id = $1 RETURNING *`,
    [groupId, assignee],
  );
}
