/**
 * SQL for the events about what did not happen: `message.unread` and `message.undelivered`
 * (`webhook-watch.ts`). Each endpoint subscribed to one of them keeps how far its sweep has
 * looked (`unread_swept_id`, `undelivered_swept_id`, migration 19) and its delay.
 */
import { CONTENT_TYPES, MESSAGE_TYPE } from '../../../../src/core/protocol.js';
import type { Db, Sql } from '../db.js';

export const WATCH_EVENTS = ['message.unread', 'message.undelivered'] as const;
export type WatchEvent = (typeof WATCH_EVENTS)[number];

/** Per event: the endpoint's delay and sweep columns, and the member marker that clears a message. */
const COLUMNS: Readonly<Record<WatchEvent, { after: string; swept: string; marker: string }>> = {
  'message.unread': { after: 'unread_after_ms', swept: 'unread_swept_id', marker: 'last_read_id' },
  'message.undelivered': { after: 'undelivered_after_ms', swept: 'undelivered_swept_id', marker: 'last_delivered_id' },
};

interface WatchedEndpoint {
  id: string;
  app_id: string;
  after_ms: number;
  swept_id: string | null;
}

/**
 * One sweep of `event` over every endpoint subscribed to it that no other process is sweeping
 * (`FOR UPDATE SKIP LOCKED`, one transaction): the messages of its app older than its delay and
 * newer than where it last looked, up to `batch` of them, in id order, stopping at the first one
 * still younger than the delay (ids are handed out in order, so nothing is passed over). A message
 * whose recipients' side has no member with the marker at or past it — a message to the visitor
 * that no visitor client has, one from the visitor that no staff client has — gets a delivery,
 * queued like the others (order per conversation, retries). System notices never do. An endpoint
 * made before migration 19 starts, on its first sweep, at the newest message: it never reports history. Answers how
 * many deliveries were queued.
 */
export function sweepWatch(db: Db, event: WatchEvent, batch: number): Promise<number> {
  const { after, swept, marker } = COLUMNS[event];
  return db.tx(async (sql) => {
    const endpoints = await sql.rows<WatchedEndpoint>(
      `SELECT id, app_id, ${after} AS after_ms, ${swept} AS swept_id FROM webhook_endpoints
        WHERE $1 = ANY (events) AND NOT disabled ORDER BY id FOR UPDATE SKIP LOCKED`,
      [event],
    );
    let queued = 0;
    for (const e of endpoints) {
      if (e.swept_id === null) await startAtNewest(sql, e, swept);
      else queued += await sweepOne(sql, e, event, swept, marker, batch);
    }
    return queued;
  });
}

async function startAtNewest(sql: Sql, e: WatchedEndpoint, swept: string): Promise<void> {
  await sql.rows(
    `UPDATE webhook_endpoints SET ${swept} = (SELECT coalesce(max(id), 0) FROM messages WHERE app_id = $2) WHERE id = $1`,
    [e.id, e.app_id],
  );
}

async function sweepOne(
  sql: Sql,
  e: WatchedEndpoint,
  event: WatchEvent,
  swept: string,
  marker: string,
  batch: number,
): Promise<number> {
  const row = await sql.row<{ queued: number }>(
    `WITH looked AS (
       SELECT m.id FROM messages m
        WHERE m.app_id = $2 AND m.id > $3
          AND m.id < coalesce((SELECT min(y.id) FROM messages y WHERE y.app_id = $2 AND y.id > $3
                                 AND y.created_at > now() - $4 * interval '1 millisecond'), 9223372036854775807)
        ORDER BY m.id LIMIT $5),
     missed AS (
       SELECT m.id FROM messages m JOIN looked l ON l.id = m.id
        WHERE m.content_type <> ${CONTENT_TYPES.notification}
          AND NOT EXISTS (
            SELECT 1 FROM members r JOIN users u ON u.app_id = m.app_id AND u.user_id = r.user_id
             WHERE r.group_id = m.group_id AND r.user_id <> m.from_user
               AND (u.role = 'user') = (m.type = ${MESSAGE_TYPE.toVisitor}) AND r.${marker} >= m.id)),
     queued AS (
       INSERT INTO webhook_deliveries (endpoint_id, event, group_id, payload)
       SELECT $1, $6, m.group_id, jsonb_build_object(
                'message', parley_webhook_message_json(m),
                'conversation', parley_webhook_conversation_json(c),
                'afterSeconds', $4 / 1000)
         FROM messages m JOIN conversations c ON c.group_id = m.group_id
        WHERE m.id IN (SELECT id FROM missed) ORDER BY m.id
       RETURNING 1)
     UPDATE webhook_endpoints SET ${swept} = coalesce((SELECT max(id) FROM looked), ${swept}) WHERE id = $1
     RETURNING (SELECT count(*) FROM queued)::int AS queued`,
    [e.id, e.app_id, e.swept_id, e.after_ms, batch, event],
  );
  return row?.queued ?? 0;
}

/**
 * A new endpoint's delays (milliseconds; undefined keeps the default) and its sweeps' start: the
 * app's newest message, so only what is written from now on is reported.
 */
export async function startWatch(
  sql: Sql,
  endpoint: { id: string; appId: string },
  delays: { unreadMs?: number | undefined; undeliveredMs?: number | undefined },
): Promise<void> {
  await sql.rows(
    `UPDATE webhook_endpoints SET unread_after_ms = coalesce($3, unread_after_ms),
            undelivered_after_ms = coalesce($4, undelivered_after_ms),
            unread_swept_id = newest.id, undelivered_swept_id = newest.id
       FROM (SELECT coalesce(max(id), 0) AS id FROM messages WHERE app_id = $2) newest
      WHERE webhook_endpoints.id = $1`,
    [endpoint.id, endpoint.appId, delays.unreadMs ?? null, delays.undeliveredMs ?? null],
  );
}
