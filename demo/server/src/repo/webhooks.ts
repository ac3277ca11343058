/**
 * SQL for webhooks: an app's endpoints (their secret rotations: migration 21), and the deliveries
 * the triggers of migration 18 write (`db-migrations.ts`), the worker claims (`webhooks.ts`) and
 * an admin sends again.
 */
import type { Sql } from '../db.js';

export interface EndpointRow {
  id: string;
  app_id: string;
  url: string;
  events: string[];
  secret: string;
  /** The secret a rotation replaced: it signs too until `previous_secret_until`. */
  previous_secret: string | null;
  previous_secret_until: Date | null;
  disabled: boolean;
  created_at: Date;
  /** `message.unread` / `message.undelivered` delays (migration 19, `webhook-watch.ts`). */
  unread_after_ms: number;
  undelivered_after_ms: number;
}

export interface DeliveryRow {
  id: number;
  endpoint_id: string;
  event: string;
  group_id: string | null;
  payload: unknown;
  attempts: number;
  created_at: Date;
  app_id: string;
  url: string;
  secret: string;
  /** The previous secret while a rotation's overlap lasts (at the claim), else null. */
  previous_secret: string | null;
}

export function insertEndpoint(
  sql: Sql,
  e: { id: string; appId: string; url: string; events: readonly string[]; secret: string },
): Promise<EndpointRow | undefined> {
  return sql.row<EndpointRow>(
    `INSERT INTO webhook_endpoints (id, app_id, url, events, secret) VALUES ($1, $2, $3, $4::text[], $5) RETURNING *`,
    [e.id, e.appId, e.url, e.events, e.secret],
  );
}

export function endpointsOf(sql: Sql, appId: string): Promise<EndpointRow[]> {
  return sql.rows<EndpointRow>(`SELECT * FROM webhook_endpoints WHERE app_id = $1 ORDER BY created_at, id`, [appId]);
}

export function countEndpoints(sql: Sql, appId: string): Promise<{ n: number } | undefined> {
  return sql.row<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_endpoints WHERE app_id = $1`, [appId]);
}

/** Deletes the endpoint (its deliveries with it); false when the app has no such endpoint. */
export async function deleteEndpoint(sql: Sql, appId: string, id: string): Promise<boolean> {
  return (
    (await sql.row(`DELETE FROM webhook_endpoints WHERE app_id = $1 AND id = $2 RETURNING id`, [appId, id])) !==
    undefined
  );
}

/**
 * Gives the endpoint a new secret; the one it had signs too for `overlapSeconds` (0: not at all).
 * A rotation during an overlap drops the older secret at once: at most two sign. Undefined when
 * the app has no such endpoint.
 */
export function rotateSecret(
  sql: Sql,
  appId: string,
  id: string,
  secret: string,
  overlapSeconds: number,
): Promise<EndpointRow | undefined> {
  return sql.row<EndpointRow>(
    `UPDATE webhook_endpoints
        SET previous_secret = secret, previous_secret_until = now() + $4 * interval '1 second', secret = $3
      WHERE app_id = $1 AND id = $2 RETURNING *`,
    [appId, id, secret, overlapSeconds],
  );
}

/** Forgets previous secrets whose overlap has ended. */
export async function forgetOldSecrets(sql: Sql): Promise<void> {
  await sql.rows(
    `UPDATE webhook_endpoints SET previous_secret = NULL, previous_secret_until = NULL
      WHERE previous_secret_until <= now()`,
  );
}

/**
 * Claims up to `limit` due deliveries for `leaseMs`: each is pending, due, and has no earlier
 * pending delivery of the same endpoint and conversation (order per conversation; a delivery that
 * failed for good is no longer pending and blocks nothing). `SKIP LOCKED` lets several processes
 * claim side by side, each row once; the claim moves `next_attempt_at` past the attempt's end, so
 * a process that dies mid-attempt leaves the delivery due again after the lease.
 */
export function claimDue(sql: Sql, limit: number, leaseMs: number): Promise<DeliveryRow[]> {
  return sql.rows<DeliveryRow>(
    `WITH due AS (
       SELECT d.id FROM webhook_deliveries d
        WHERE d.status = 'pending' AND d.next_attempt_at <= now()
          AND NOT EXISTS (
            SELECT 1 FROM webhook_deliveries p
             WHERE p.endpoint_id = d.endpoint_id AND p.group_id = d.group_id
               AND p.status = 'pending' AND p.id < d.id)
        ORDER BY d.id
        LIMIT $1
        FOR UPDATE SKIP LOCKED)
     UPDATE webhook_deliveries d
        SET attempts = d.attempts + 1, next_attempt_at = now() + $2 * interval '1 millisecond'
       FROM due, webhook_endpoints e
      WHERE d.id = due.id AND e.id = d.endpoint_id
      RETURNING d.id, d.endpoint_id, d.event, d.group_id, d.payload, d.attempts, d.created_at,
                e.app_id, e.url, e.secret,
                CASE WHEN e.previous_secret_until > now() THEN e.previous_secret END AS previous_secret`,
    [limit, leaseMs],
  );
}

export async function markDone(sql: Sql, id: number): Promise<void> {
  await sql.rows(
    `UPDATE webhook_deliveries SET status = 'done', delivered_at = now(), last_error = NULL WHERE id = $1`,
    [id],
  );
}

/** A failed attempt: due again after `retryInMs`, or failed for good when that is undefined. */
export async function markFailed(sql: Sql, id: number, error: string, retryInMs: number | undefined): Promise<void> {
  await sql.rows(
    retryInMs === undefined
      ? `UPDATE webhook_deliveries SET status = 'failed', last_error = $2 WHERE id = $1`
      : `UPDATE webhook_deliveries SET last_error = $2, next_attempt_at = now() + $3 * interval '1 millisecond'
          WHERE id = $1`,
    retryInMs === undefined ? [id, error.slice(0, 500)] : [id, error.slice(0, 500), retryInMs],
  );
}

/** An attempt cut short by a shutdown: due again at once, and it does not count. */
export async function releaseClaim(sql: Sql, id: number): Promise<void> {
  await sql.rows(
    `UPDATE webhook_deliveries SET attempts = greatest(attempts - 1, 0), next_attempt_at = now()
      WHERE id = $1 AND status = 'pending'`,
    [id],
  );
}

export interface DeliveryLogRow {
  id: number;
  event: string;
  group_id: string | null;
  status: 'pending' | 'done' | 'failed';
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

/** An endpoint's newest deliveries (at most `limit`), newest first; undefined when the app has no such endpoint. */
export async function deliveriesOf(
  sql: Sql,
  appId: string,
  endpointId: string,
  limit: number,
): Promise<DeliveryLogRow[] | undefined> {
  const endpoint = await sql.row(`SELECT id FROM webhook_endpoints WHERE app_id = $1 AND id = $2`, [appId, endpointId]);
  if (!endpoint) return undefined;
  return sql.rows<DeliveryLogRow>(
    `SELECT id, event, group_id, status, attempts, next_attempt_at, last_error, created_at, delivered_at
       FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY id DESC LIMIT $2`,
    [endpointId, limit],
  );
}

/**
 * Sends a finished delivery (done or failed) again: pending and due now, with a fresh count of
 * attempts, the same id and body. Answers the delivery as it is now and whether it was sent again
 * (not when it was pending already), or undefined when the app's endpoint has no such delivery.
 */
export async function resendDelivery(
  sql: Sql,
  appId: string,
  endpointId: string,
  deliveryId: number,
): Promise<{ delivery: DeliveryLogRow; resent: boolean } | undefined> {
  const columns = `d.id, d.event, d.group_id, d.status, d.attempts, d.next_attempt_at, d.last_error, d.created_at,
                   d.delivered_at`;
  const resent = await sql.row<DeliveryLogRow>(
    `UPDATE webhook_deliveries d
        SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL, delivered_at = NULL
       FROM webhook_endpoints e
      WHERE d.id = $3 AND d.endpoint_id = $2 AND e.id = d.endpoint_id AND e.app_id = $1 AND d.status <> 'pending'
      RETURNING ${columns}`,
    [appId, endpointId, deliveryId],
  );
  if (resent) return { delivery: resent, resent: true };
  const as = await sql.row<DeliveryLogRow>(
    `SELECT ${columns} FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
      WHERE d.id = $3 AND d.endpoint_id = $2 AND e.app_id = $1`,
    [appId, endpointId, deliveryId],
  );
  return as && { delivery: as, resent: false };
}

/** Forgets finished deliveries (done or failed) older than `keepMs`. */
export async function pruneDeliveries(sql: Sql, keepMs: number): Promise<void> {
  await sql.rows(
    `DELETE FROM webhook_deliveries
      WHERE status <> 'pending' AND created_at < now() - $1 * interval '1 millisecond'`,
    [keepMs],
  );
}
