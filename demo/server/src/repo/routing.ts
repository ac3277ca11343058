/**
 * SQL for conversation rules and what routing, status/assignee changes and the sweeper read:
 * `app_rules`, agents' open load, the round-robin position, member removal, status updates, the
 * sweeper's lease and candidates.
 */
import { OPEN_CONVERSATION_STATUSES } from '../../../../src/core/protocol.js';
import type { ConversationStatus, UserRole } from '../../../../src/core/protocol.js';
import type { Sql } from '../db.js';
import type { ConversationRow } from './conversations.js';

/**
 * The app's stored rules. `forUpdate` (inside a transaction) makes sure the row exists and locks
 * it until the transaction ends, so a read-modify-write of the rules cannot lose a concurrent one:
 * the second waits for the first to commit and reads its result.
 */
export async function findRules(sql: Sql, appId: string, o: { forUpdate?: boolean } = {}): Promise<unknown> {
  if (!o.forUpdate)
    return (await sql.row<{ rules: unknown }>(`SELECT rules FROM app_rules WHERE app_id = $1`, [appId]))?.rules;
  // A row that is not there cannot be locked: insert it first (a concurrent insert waits on the key).
  await sql.rows(`INSERT INTO app_rules (app_id) VALUES ($1) ON CONFLICT (app_id) DO NOTHING`, [appId]);
  return (await sql.row<{ rules: unknown }>(`SELECT rules FROM app_rules WHERE app_id = $1 FOR NO KEY UPDATE`, [appId]))
    ?.rules;
}

export async function saveRules(sql: Sql, appId: string, rules: unknown): Promise<void> {
  await sql.rows(
    `INSERT INTO app_rules (app_id, rules) VALUES ($1, $2::jsonb)
     ON CONFLICT (app_id) DO UPDATE SET rules = EXCLUDED.rules, updated_at = now()`,
    [appId, JSON.stringify(rules)],
  );
}

/** Apps whose rules need the sweeper (reassignment or auto-resolve switched on). */
export function appsWithTimedRules(sql: Sql): Promise<Array<{ app_id: string; rules: unknown }>> {
  return sql.rows(
    `SELECT app_id, rules FROM app_rules
     WHERE COALESCE(rules->'conversationRules'->>'reassignAfterMs', '0') NOT IN ('0', '')
        OR COALESCE(rules->'autoResolve'->>'mode', 'none') <> 'none'`,
  );
}

export interface StaffLoad {
  user_id: string;
  user_name: string;
  role: UserRole;
  open: number;
}

/** Human staff of the app (not deactivated) with the number of open conversations assigned to each. */
export function staffLoad(sql: Sql, appId: string): Promise<StaffLoad[]> {
  return sql.rows<StaffLoad>(
    `SELECT u.user_id, u.user_name, u.role,
       (SELECT count(*)::int FROM conversations c
         WHERE c.app_id = u.app_id AND c.assignee = u.user_id AND c.status = ANY($2::int[])) AS open
     FROM users u
     WHERE u.app_id = $1 AND u.role IN ('superadmin', 'admin', 'agent', 'operator') AND NOT u.deactivated
     ORDER BY u.user_id`,
    [appId, [...OPEN_CONVERSATION_STATUSES]],
  );
}

/**
 * The agent the app's round robin picked last, with its row locked until the transaction ends
 * (`saveRoundRobin` then stores the next): picks on several processes take turns and each starts
 * from the one before. The row is inserted first, since a row that is not there cannot be locked.
 */
export async function lockRoundRobin(sql: Sql, appId: string): Promise<string | undefined> {
  await sql.rows(`INSERT INTO round_robin (app_id) VALUES ($1) ON CONFLICT (app_id) DO NOTHING`, [appId]);
  const row = await sql.row<{ last_agent: string | null }>(
    `SELECT last_agent FROM round_robin WHERE app_id = $1 FOR UPDATE`,
    [appId],
  );
  return row?.last_agent ?? undefined;
}

export async function saveRoundRobin(sql: Sql, appId: string, agentId: string): Promise<void> {
  await sql.rows(`UPDATE round_robin SET last_agent = $2, updated_at = now() WHERE app_id = $1`, [appId, agentId]);
}

/**
 * Takes or renews the lease `name` for `holder` for `ms`: answers whether `holder` holds it now.
 * One statement, so two processes asking at once cannot both get it: the row is locked by the
 * first, and the second re-reads it (held by another, not expired: no row back). The database's
 * clock decides expiry, so the processes' clocks need not agree.
 */
export async function holdLease(sql: Sql, name: string, holder: string, ms: number): Promise<boolean> {
  const row = await sql.row<{ holder: string }>(
    `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, now() + $3::float8 * interval '1 millisecond')
     ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
       WHERE leases.holder = EXCLUDED.holder OR leases.expires_at <= now()
     RETURNING holder`,
    [name, holder, ms],
  );
  return row?.holder === holder;
}

/** Gives the lease up (when `holder` has it), so that another process takes it at its next try. */
export async function releaseLease(sql: Sql, name: string, holder: string): Promise<void> {
  await sql.rows(`UPDATE leases SET expires_at = now() WHERE name = $1 AND holder = $2`, [name, holder]);
}

/**
 * Locks a staff member's row until the transaction ends: assignments to them that check their
 * open-conversation limit take turns, so two at once cannot both pass the limit.
 */
export async function lockAssignee(sql: Sql, appId: string, userId: string): Promise<void> {
  await sql.rows(`SELECT 1 FROM users WHERE app_id = $1 AND user_id = $2 FOR NO KEY UPDATE`, [appId, userId]);
}

/** Open conversations assigned to `userId`, not counting `exceptGroupId`. */
export async function openCount(sql: Sql, appId: string, userId: string, exceptGroupId: string): Promise<number> {
  const row = await sql.row<{ n: number }>(
    `SELECT count(*)::int AS n FROM conversations
     WHERE app_id = $1 AND assignee = $2 AND status = ANY($3::int[]) AND group_id <> $4`,
    [appId, userId, [...OPEN_CONVERSATION_STATUSES], exceptGroupId],
  );
  return row?.n ?? 0;
}

/** Sets the status unless it already is `status`; undefined when nothing changed. */
export function setStatus(sql: Sql, groupId: string, status: ConversationStatus): Promise<ConversationRow | undefined> {
  return sql.row<ConversationRow>(
    `UPDATE conversations SET status = $2, updated_at = now() WHERE group_id = $1 AND status <> $2 RETURNING *`,
    [groupId, status],
  );
}

/** Removes the app's bots from a conversation; returns the removed ids. */
export async function removeBots(sql: Sql, appId: string, groupId: string, keep?: string): Promise<string[]> {
  const rows = await sql.rows<{ user_id: string }>(
    `DELETE FROM members m USING users u
     WHERE m.group_id = $2 AND u.app_id = $1 AND u.user_id = m.user_id AND u.role = 'bot'
       AND ($3::text IS NULL OR m.user_id <> $3)
     RETURNING m.user_id`,
    [appId, groupId, keep ?? null],
  );
  return rows.map((r) => r.user_id);
}

export interface TimedCandidate {
  group_id: string;
  assignee: string | null;
  assignee_role: UserRole | null;
  assignee_seen: Date | null;
  updated_at: Date;
  /** Role of the sender of the newest message that is not a notification. */
  last_sender_role: UserRole | null;
}

/** Open conversations of the app with what the sweeper decides on, least recently active first. */
export function openConversationsForSweep(sql: Sql, appId: string): Promise<TimedCandidate[]> {
  return sql.rows<TimedCandidate>(
    `SELECT c.group_id, c.assignee, u.role AS assignee_role, u.last_seen_at AS assignee_seen, c.updated_at,
       (SELECT s.role FROM messages m JOIN users s ON s.app_id = c.app_id AND s.user_id = m.from_user
         WHERE m.group_id = c.group_id AND m.content_type <> 10 ORDER BY m.id DESC LIMIT 1) AS last_sender_role
     FROM conversations c LEFT JOIN users u ON u.app_id = c.app_id AND u.user_id = c.assignee
     WHERE c.app_id = $1 AND c.status = ANY($2::int[])
     ORDER BY c.updated_at, c.group_id`,
    [appId, [...OPEN_CONVERSATION_STATUSES]],
  );
}

/**
 * Everybody who shares a conversation with `userId` in the app (including the user), leaving out
 * visitors a fresh start hid it from (`retention.ts`).
 */
export async function contactsOf(sql: Sql, appId: string, userId: string): Promise<string[]> {
  const rows = await sql.rows<{ user_id: string }>(
    `SELECT DISTINCT m2.user_id FROM members m1
     JOIN conversations c ON c.group_id = m1.group_id AND c.app_id = $1
     JOIN members m2 ON m2.group_id = m1.group_id AND m2.hidden_at IS NULL
     WHERE m1.user_id = $2`,
    [appId, userId],
  );
  return rows.map((r) => r.user_id);
}
