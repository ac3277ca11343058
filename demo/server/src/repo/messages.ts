/**
 * SQL for `messages`. Idempotency rests on `UNIQUE (app_id, key)`: an insert that conflicts
 * returns nothing, and the caller answers with the stored row.
 */
import type {
  ContentType,
  FileMeta,
  Message,
  MessageStatus,
  MessageType,
  Metadata,
} from '../../../../src/core/protocol.js';
import type { Sql } from '../db.js';
import { MESSAGE_STATUS_SQL } from './receipts.js';

/** A message row with its status as the members' receipts say (`receipts.ts`). */
const WITH_STATUS = `msg.*, ${MESSAGE_STATUS_SQL} AS receipt_status`;

export interface MessageRow {
  id: number;
  app_id: string;
  key: string;
  group_id: string;
  from_user: string;
  type: MessageType;
  content_type: ContentType;
  message: string;
  metadata: Metadata;
  file_meta: FileMeta | null;
  status: MessageStatus;
  /** What the receipts say (queries that read it): the stored `status` is never updated. */
  receipt_status?: MessageStatus;
  created_at: Date;
  source: number | null;
}

export function toMessage(r: MessageRow): Message {
  const m: Message = {
    key: r.key,
    id: Number(r.id),
    groupId: r.group_id,
    message: r.message,
    contentType: r.content_type,
    type: r.type,
    fromUserName: r.from_user,
    metadata: r.metadata ?? {},
    createdAtTime: r.created_at.getTime(),
    status: r.receipt_status ?? r.status,
  };
  if (r.file_meta) m.fileMeta = r.file_meta;
  if (r.source !== null && r.source !== undefined) m.source = r.source;
  return m;
}

export interface NewMessage {
  key: string;
  groupId: string;
  fromUser: string;
  type: MessageType;
  contentType: ContentType;
  message: string;
  metadata: Metadata;
  fileMeta?: FileMeta | undefined;
  /** The Platform API's `source` (the channel), when the sender named one. */
  source?: number | undefined;
}

/**
 * Inserts the message; undefined when its sender already stored a message with its key (a
 * concurrent insert of the same key waits for the first to commit, then stores nothing).
 *
 * Ids are handed out in commit order within an app, so that "everything newer than the last id I
 * hold" (catch-up, paging) never passes a message that commits later: the insert first locks the
 * conversation row, then takes the app's message turn (a transaction-level advisory lock), and
 * only then draws its id; both are held until the caller's transaction ends. Every writer locks
 * in that order (conversation, turn, then members and the conversation again in `afterInsert`),
 * so writers of one app take turns from their insert to their commit and never deadlock. On
 * PGlite transactions run one at a time anyway.
 */
export function insertMessage(sql: Sql, appId: string, m: NewMessage): Promise<MessageRow | undefined> {
  return sql.row<MessageRow>(
    `INSERT INTO messages (app_id, key, group_id, from_user, type, content_type, message, metadata, file_meta, source)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10
     FROM (SELECT pg_advisory_xact_lock(hashtextextended('parley:messages:' || $1, 0))
           FROM (SELECT count(*) FROM (SELECT 1 FROM conversations WHERE group_id = $3 FOR NO KEY UPDATE) conv) locked) turn
     ON CONFLICT (app_id, from_user, key) DO NOTHING RETURNING *`,
    [
      appId,
      m.key,
      m.groupId,
      m.fromUser,
      m.type,
      m.contentType,
      m.message,
      JSON.stringify(m.metadata),
      m.fileMeta ? JSON.stringify(m.fileMeta) : null,
      m.source ?? null,
    ],
  );
}

/** The sender's message with `key` (keys are unique per sender). */
export function findMessageByKey(
  sql: Sql,
  appId: string,
  fromUser: string,
  key: string,
): Promise<MessageRow | undefined> {
  return sql.row<MessageRow>(`SELECT * FROM messages WHERE app_id = $1 AND from_user = $2 AND key = $3`, [
    appId,
    fromUser,
    key,
  ]);
}

/** Messages of one conversation, ascending by id: after `after`, or the latest before `before`. */
export async function listMessages(
  sql: Sql,
  groupId: string,
  q: { after?: number | undefined; before?: number | undefined; limit: number },
): Promise<MessageRow[]> {
  if (q.after !== undefined) {
    return sql.rows<MessageRow>(
      `SELECT ${WITH_STATUS} FROM messages msg WHERE msg.group_id = $1 AND msg.id > $2 ORDER BY msg.id LIMIT $3`,
      [groupId, q.after, q.limit],
    );
  }
  const rows = await sql.rows<MessageRow>(
    `SELECT ${WITH_STATUS} FROM messages msg WHERE msg.group_id = $1 AND msg.id < $2 ORDER BY msg.id DESC LIMIT $3`,
    [groupId, q.before ?? Number.MAX_SAFE_INTEGER, q.limit],
  );
  return rows.reverse();
}

/** Every message newer than `after` in the conversations the user sees, ascending (catch-up). */
export function messagesForUserAfter(
  sql: Sql,
  appId: string,
  userId: string,
  after: number,
  limit: number,
): Promise<MessageRow[]> {
  return sql.rows<MessageRow>(
    `SELECT ${WITH_STATUS} FROM messages msg
       JOIN members m ON m.group_id = msg.group_id AND m.user_id = $2 AND m.hidden_at IS NULL
     WHERE msg.app_id = $1 AND msg.id > $3 ORDER BY msg.id LIMIT $4`,
    [appId, userId, after, limit],
  );
}

/** The newest message of each conversation. */
export function lastMessages(sql: Sql, groupIds: readonly string[]): Promise<MessageRow[]> {
  return sql.rows<MessageRow>(
    `SELECT DISTINCT ON (msg.group_id) ${WITH_STATUS} FROM messages msg
     WHERE msg.group_id = ANY($1::text[]) ORDER BY msg.group_id, msg.id DESC`,
    [[...groupIds]],
  );
}

/** Bumps the conversation's activity time and the sender's read marker after a new message. */
export async function afterInsert(sql: Sql, row: MessageRow): Promise<void> {
  await sql.rows(`UPDATE conversations SET updated_at = $2 WHERE group_id = $1`, [row.group_id, row.created_at]);
  await sql.rows(`UPDATE members SET last_read_id = GREATEST(last_read_id, $3) WHERE group_id = $1 AND user_id = $2`, [
    row.group_id,
    row.from_user,
    row.id,
  ]);
}

/**
 * Stores several messages of one app in one statement, which is its own transaction (call it
 * outside `db.tx`): it locks their conversations (in group order), takes the app's message turn,
 * draws their ids in the given order, inserts them, and bumps each conversation's activity time
 * and each sender's read marker — the work of `insertMessage` + `afterInsert`, with the turn held
 * for this one statement and its commit instead of four round trips. Answers the rows stored; a
 * message whose sender already stored its key (before, or earlier in the same list) has none.
 * `withMembers` (for a database this process alone uses, where nothing can join between the
 * statement and its commit) adds each row's conversation members as `member_ids` (as `memberIds`:
 * those who see it).
 */
export function insertMessages(
  sql: Sql,
  appId: string,
  list: readonly NewMessage[],
  withMembers = false,
): Promise<Array<MessageRow & { member_ids?: string[] | null }>> {
  return sql.rows<MessageRow & { member_ids?: string[] | null }>(
    `WITH locked AS (
       SELECT count(*) FROM (SELECT 1 FROM conversations WHERE group_id = ANY($3::text[])
                             ORDER BY group_id FOR NO KEY UPDATE) conv
     ), turn AS (
       SELECT pg_advisory_xact_lock(hashtextextended('parley:messages:' || $1, 0)) FROM locked
     ), ins AS (
       INSERT INTO messages (app_id, key, group_id, from_user, type, content_type, message, metadata, file_meta, source)
       SELECT $1, m.key, m.group_id, m.from_user, m.type, m.content_type, m.message, m.metadata::jsonb, m.file_meta::jsonb, m.source
       FROM turn, unnest($2::text[], $3::text[], $4::text[], $5::smallint[], $6::smallint[], $7::text[], $8::text[], $9::text[], $11::int[])
         WITH ORDINALITY AS m(key, group_id, from_user, type, content_type, message, metadata, file_meta, source, n)
       ORDER BY m.n
       ON CONFLICT (app_id, from_user, key) DO NOTHING RETURNING *
     ), conv AS (
       UPDATE conversations c SET updated_at = i.at
       FROM (SELECT group_id, max(created_at) AS at FROM ins GROUP BY group_id) i WHERE c.group_id = i.group_id
     ), mem AS (
       UPDATE members m SET last_read_id = GREATEST(m.last_read_id, i.id)
       FROM (SELECT group_id, from_user, max(id) AS id FROM ins GROUP BY group_id, from_user) i
       WHERE m.group_id = i.group_id AND m.user_id = i.from_user
     )
     SELECT ins.*, CASE WHEN $10 THEN ARRAY(SELECT o.user_id FROM members o
                                            WHERE o.group_id = ins.group_id AND o.hidden_at IS NULL
                                            ORDER BY o.joined_at, o.user_id) END AS member_ids
     FROM ins ORDER BY id`,
    [
      appId,
      list.map((m) => m.key),
      list.map((m) => m.groupId),
      list.map((m) => m.fromUser),
      list.map((m) => m.type),
      list.map((m) => m.contentType),
      list.map((m) => m.message),
      list.map((m) => JSON.stringify(m.metadata)),
      list.map((m) => (m.fileMeta ? JSON.stringify(m.fileMeta) : null)),
      withMembers,
      list.map((m) => m.source ?? null),
    ],
  );
}
