/**
 * SQL for receipts: how far each member of a conversation has had its messages delivered to a
 * client of theirs (`members.last_delivered_id`) and has read them (`members.last_read_id`), and
 * the `status` of a message that follows from those markers (3 sent, 4 delivered, 5 read).
 *
 * Markers only move forward. A read marker moves the delivered one with it (read implies
 * delivered). A message's status counts the other side's markers only: a message to the visitor
 * (type 4) is delivered or read when a visitor member's client has it; a message from the visitor
 * (type 5) when a staff member's client has it. Nobody's markers count for their own messages.
 */
import { MESSAGE_STATUS, MESSAGE_TYPE } from '../../../../src/core/protocol.js';
import type { Sql } from '../db.js';

/** The receipt markers a client moves. */
export type Receipt = 'read' | 'delivered';

/**
 * The status of the message `msg` (a `messages` row in the query that uses it), from the markers
 * of the members on its recipients' side; no such member (yet) answers "sent".
 */
export const MESSAGE_STATUS_SQL = `(SELECT CASE
    WHEN max(r.last_read_id) >= msg.id THEN ${MESSAGE_STATUS.read}
    WHEN max(r.last_delivered_id) >= msg.id THEN ${MESSAGE_STATUS.delivered}
    ELSE ${MESSAGE_STATUS.sent} END
  FROM members r JOIN users u ON u.app_id = msg.app_id AND u.user_id = r.user_id
  WHERE r.group_id = msg.group_id AND r.user_id <> msg.from_user AND (u.role = 'user') = (msg.type = ${MESSAGE_TYPE.toVisitor}))`;

/**
 * Moves the member's marker forward (never back; a read marker moves the delivered one too) in a
 * conversation of the app; answers the marker now stored and the members who see it, in join
 * order, or undefined when there is no such conversation or membership (or a fresh start hid it
 * from the member: `retention.ts`). One statement.
 */
export async function markReceipt(
  sql: Sql,
  receipt: Receipt,
  appId: string,
  groupId: string,
  userId: string,
  id: number,
): Promise<{ upTo: number; memberIds: string[] } | undefined> {
  const set =
    receipt === 'read'
      ? `last_read_id = GREATEST(m.last_read_id, $4), last_delivered_id = GREATEST(m.last_delivered_id, $4)`
      : `last_delivered_id = GREATEST(m.last_delivered_id, $4)`;
  const row = await sql.row<{ up_to: number; member_ids: string[] }>(
    `UPDATE members m SET ${set}
     FROM conversations c
     WHERE c.app_id = $1 AND c.group_id = $2 AND m.group_id = c.group_id AND m.user_id = $3 AND m.hidden_at IS NULL
     RETURNING m.${receipt === 'read' ? 'last_read_id' : 'last_delivered_id'} AS up_to,
       ARRAY(SELECT o.user_id FROM members o WHERE o.group_id = $2 AND o.hidden_at IS NULL
             ORDER BY o.joined_at, o.user_id) AS member_ids`,
    [appId, groupId, userId, id],
  );
  return row && { upTo: Number(row.up_to), memberIds: row.member_ids };
}

/** How far each member of a conversation has had its messages delivered and read. */
export interface MemberReceipts {
  userId: string;
  role: string;
  deliveredUpTo: number;
  readUpTo: number;
}

/**
 * The delivered and read markers of every member of the conversations (by group), e.g. to find
 * the messages a visitor's widget never received (those from others after `deliveredUpTo`).
 */
export async function memberReceipts(sql: Sql, groupIds: readonly string[]): Promise<Map<string, MemberReceipts[]>> {
  const rows = await sql.rows<{ group_id: string; user_id: string; role: string; delivered: number; read: number }>(
    `SELECT m.group_id, m.user_id, u.role, m.last_delivered_id AS delivered, m.last_read_id AS read
     FROM members m JOIN conversations c ON c.group_id = m.group_id
     JOIN users u ON u.app_id = c.app_id AND u.user_id = m.user_id
     WHERE m.group_id = ANY($1::text[]) ORDER BY m.joined_at, m.user_id`,
    [[...new Set(groupIds)]],
  );
  const byGroup = new Map<string, MemberReceipts[]>(groupIds.map((g) => [g, []]));
  for (const r of rows)
    byGroup
      .get(r.group_id)
      ?.push({ userId: r.user_id, role: r.role, deliveredUpTo: Number(r.delivered), readUpTo: Number(r.read) });
  return byGroup;
}
