/**
 * SQL of the waiting queue (`queue.ts`): conversations with status 7 (waiting), oldest first;
 * taking one out of the queue is a row lock that skips rows another transaction holds, so two
 * processes never take the same one; and the apps the sweeper visits.
 */
import { CONVERSATION_STATUS } from '../../../../src/core/protocol.js';
import type { Sql } from '../db.js';
import type { ConversationRow } from './conversations.js';

/** Puts an unassigned conversation in the queue; undefined when it was assigned meanwhile. */
export function setWaiting(sql: Sql, groupId: string): Promise<ConversationRow | undefined> {
  return sql.row<ConversationRow>(
    `UPDATE conversations SET status = $2, updated_at = now()
     WHERE group_id = $1 AND assignee IS NULL AND status = $3 RETURNING *`,
    [groupId, CONVERSATION_STATUS.waiting, CONVERSATION_STATUS.open],
  );
}

/** The app's waiting conversations, oldest first (at most `limit`). */
export function waitingConversations(sql: Sql, appId: string, limit = 500): Promise<ConversationRow[]> {
  return sql.rows<ConversationRow>(
    `SELECT * FROM conversations WHERE app_id = $1 AND status = $2 ORDER BY created_at, group_id LIMIT $3`,
    [appId, CONVERSATION_STATUS.waiting, limit],
  );
}

/**
 * Locks a conversation that is still waiting, for the caller's transaction; undefined when it no
 * longer waits or another transaction holds it (`SKIP LOCKED`: that one is taking it out).
 */
export function lockWaiting(sql: Sql, appId: string, groupId: string): Promise<ConversationRow | undefined> {
  return sql.row<ConversationRow>(
    `SELECT * FROM conversations WHERE app_id = $1 AND group_id = $2 AND status = $3 FOR UPDATE SKIP LOCKED`,
    [appId, groupId, CONVERSATION_STATUS.waiting],
  );
}

/** Takes the locked conversation out of the queue: open, assigned to `assignee`. */
export function leaveQueue(sql: Sql, groupId: string, assignee: string): Promise<ConversationRow | undefined> {
  return sql.row<ConversationRow>(
    `UPDATE conversations SET status = $3, assignee = $2, updated_at = now()
     WHERE group_id = $1 AND status = $4 RETURNING *`,
    [groupId, assignee, CONVERSATION_STATUS.open, CONVERSATION_STATUS.waiting],
  );
}

/** Apps whose rules need the sweeper: reassignment (the app's or a team's), auto-resolve, or the queue. */
export function appsToSweep(sql: Sql): Promise<Array<{ app_id: string; rules: unknown }>> {
  return sql.rows(
    `SELECT app_id, rules FROM app_rules
     WHERE COALESCE(rules->'conversationRules'->>'reassignAfterMs', '0') NOT IN ('0', '')
        OR COALESCE(rules->'autoResolve'->>'mode', 'none') <> 'none'
        OR COALESCE(rules->'conversationRules'->'queue'->>'enabled', 'false') = 'true'
        OR EXISTS (
          SELECT 1 FROM jsonb_array_elements(
            CASE WHEN jsonb_typeof(rules->'conversationRules'->'teams') = 'array'
              THEN rules->'conversationRules'->'teams' ELSE '[]'::jsonb END) t
          WHERE COALESCE(t->>'reassignAfterMs', '0') NOT IN ('0', ''))`,
  );
}
