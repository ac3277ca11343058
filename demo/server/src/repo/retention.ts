/**
 * History retention ("Secure your chat widget": `chatWidget.sessionTimeout`). A visitor away
 * longer than it starts fresh: the browser forgets its storage, the server refuses their old
 * tokens (`sessions.ts`), and a known visitor (`userId`) who comes back — on this device or
 * another — does not get the old conversations back, while the staff keep them.
 *
 * Away: their last use of any session of theirs (`users.last_active_at`, written with
 * `sessions.last_used_at`) is older than the timeout — exactly when every token they had is
 * refused. A visitor who never had a session (made by the Platform API) is not away.
 *
 * Starting fresh hides the visitor's memberships (`members.hidden_at`) instead of removing
 * anything: every read of a member's conversations (`conversations.ts`, `messages.ts`,
 * `receipts.ts`) leaves hidden memberships out, so the widget's routes and socket events answer
 * as for a conversation the visitor is not in (403 PL-S-02), its catch-up and lists skip them, and
 * nothing of them is pushed to the visitor. Only visitors' memberships are ever hidden, so staff,
 * bots and the Platform API see every conversation as before, the visitor still among its members.
 */
import type { Db } from '../db.js';
import { MAX_ID_LENGTH } from '../input.js';

/**
 * When the visitor has been away longer than `timeoutMs` (above 0), hides every conversation
 * they are in from them and frees their clientGroupIds (the hidden conversations keep theirs, in
 * a scope of their own: longer than any user id, so no visitor's). Answers the hidden group ids.
 * Call it before the new session is made: the session counts as a use.
 */
export async function startFreshIfAway(db: Db, appId: string, userId: string, timeoutMs: number): Promise<string[]> {
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) return [];
  return db.tx(async (sql) => {
    // The user row first: a session of theirs made meanwhile (it writes `last_active_at`) waits,
    // so no conversation made with it is hidden.
    const user = await sql.row<{ away: boolean | null }>(
      `SELECT last_active_at < now() - make_interval(secs => $3::float8 / 1000) AS away
       FROM users WHERE app_id = $1 AND user_id = $2 AND role = 'user' FOR NO KEY UPDATE`,
      [appId, userId, timeoutMs],
    );
    if (user?.away !== true) return [];
    // Then their conversations, in group order, as message writers lock them (repo/messages.ts).
    const groups = (
      await sql.rows<{ group_id: string }>(
        `SELECT c.group_id FROM conversations c JOIN members m ON m.group_id = c.group_id
         WHERE c.app_id = $1 AND m.user_id = $2 AND m.hidden_at IS NULL
         ORDER BY c.group_id FOR UPDATE OF c`,
        [appId, userId],
      )
    ).map((r) => r.group_id);
    if (groups.length === 0) return [];
    await sql.rows(
      `UPDATE conversations SET client_scope = rpad('retired:' || group_id || ':', $3, '.')
       WHERE group_id = ANY($1::text[]) AND client_scope = $2`,
      [groups, userId, MAX_ID_LENGTH + 1],
    );
    await sql.rows(`UPDATE members SET hidden_at = now() WHERE group_id = ANY($1::text[]) AND user_id = $2`, [
      groups,
      userId,
    ]);
    return groups;
  });
}
